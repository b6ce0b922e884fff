package org.cohorte.identity.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.base.outbox.Outbox;
import org.cohorte.base.text.PlainText;
import org.cohorte.base.time.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitations of people who have no account yet. A facilitator's feature service (community, codevelopment) checks
 * they facilitate the place and {@link #record records} the invitation; an administrator {@link #approve approves}
 * (the account is made with the participant role, {@link InvitationDecidedEvent} lets the features add the person
 * where asked and tell the facilitator, and a welcome e-mail carries a one-time link to choose a password) or
 * {@link #refuse refuses}. The e-mail is plain text built from bundle keys; what people typed is cleaned of control
 * characters and line breaks, so it cannot add headers or lines of its own.
 */
@Service
public class InvitationService {

    public static final String MAIL_KIND = "invitation";
    static final Duration LINK_VALIDITY = Duration.ofDays(7);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Logger LOG = LoggerFactory.getLogger(InvitationService.class);

    private final JdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final MemberService memberService;
    private final IdentityService identityService;
    private final EngineAuthentication engineAuthentication;
    private final PasswordPolicy passwordPolicy;
    private final ApplicationEventPublisher events;
    private final Outbox outbox;
    private final CohorteI18NProvider i18n;
    private final String publicUrl;
    private final String ssoName;
    private final SecureRandom random = new SecureRandom();

    public InvitationService(JdbcTemplate jdbc, CurrentUser currentUser, MemberService memberService,
                             IdentityService identityService, EngineAuthentication engineAuthentication,
                             PasswordPolicy passwordPolicy, ApplicationEventPublisher events, Outbox outbox,
                             CohorteI18NProvider i18n,
                             @Value("${cohorte.public-url:http://localhost:8080}") String publicUrl,
                             @Value("${cohorte.invitation.sso-name:}") String ssoName) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.memberService = memberService;
        this.identityService = identityService;
        this.engineAuthentication = engineAuthentication;
        this.passwordPolicy = passwordPolicy;
        this.events = events;
        this.outbox = outbox;
        this.i18n = i18n;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.ssoName = ssoName == null ? "" : ssoName.strip();
    }

    /**
     * Records an invitation. For the community and codevelopment services only, once they checked that the caller
     * facilitates {@code communityId} (and {@code codevGroupId}); {@code place} names them for people to read.
     */
    @Transactional
    public UUID record(String firstName, String lastName, String email, UUID organizationId, UUID communityId,
                       UUID codevGroupId, String place) {
        CurrentUser.Identity me = currentUser.requireAnyGroup(Roles.FACILITATOR);
        String first = oneLine(firstName, 100);
        String last = oneLine(lastName, 100);
        String address = oneLine(email, 320).toLowerCase(Locale.ROOT);
        if (first.isEmpty() || last.isEmpty()) {
            throw new CohorteException("identity.error.nameRequired");
        }
        if (!EMAIL.matcher(address).matches()) {
            throw new CohorteException("identity.error.emailInvalid");
        }
        boolean known = engineAuthentication.asSystem(() -> identityService.createUserQuery().userEmail(address).count()) > 0;
        Integer pending = jdbc.queryForObject("select count(*) from member_invitation where lower(email) = ? "
                + "and status = 'PENDING'", Integer.class, address);
        if (known || pending != null && pending > 0) {
            throw new CohorteException("identity.invitation.error.exists");
        }
        UUID id = UUID.randomUUID();
        jdbc.update("insert into member_invitation (id, first_name, last_name, email, organization_id, community_id, "
                        + "codev_group_id, place, invited_by, created_at, status) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')",
                id, first, last, address, organizationId, communityId, codevGroupId, oneLine(place, 420), me.userId(),
                at(EngineClock.now()));
        return id;
    }

    /** Pending invitations, oldest first: administrators only. */
    @Transactional(readOnly = true)
    public List<InvitationView> pending() {
        currentUser.requireAnyGroup(Roles.ADMIN);
        List<InvitationView> rows = jdbc.query("select i.*, o.name as organization_name from member_invitation i "
                + "left join organization o on o.id = i.organization_id where i.status = 'PENDING' "
                + "order by i.created_at, i.id", (rs, n) -> view(rs, null));
        Map<String, String> names = memberService.displayNames(rows.stream().map(InvitationView::invitedBy).toList());
        return rows.stream().map(r -> new InvitationView(r.id(), r.firstName(), r.lastName(), r.email(),
                r.organizationName(), r.communityId(), r.codevGroupId(), r.place(), r.invitedBy(),
                names.getOrDefault(r.invitedBy(), r.invitedBy()), r.createdAt(), r.organizationId())).toList();
    }

    /**
     * An administrator approves: the account (participant), the person added where the facilitator asked (through
     * {@link InvitationDecidedEvent}), the facilitator told, and the welcome e-mail with a one-time link. Returns the
     * new user id.
     */
    @Transactional
    public String approve(UUID invitationId) {
        CurrentUser.Identity me = currentUser.requireAnyGroup(Roles.ADMIN);
        InvitationView invitation = requirePending(invitationId);
        MemberForm form = new MemberForm();
        form.setUserId(freeUserId(invitation.email()));
        form.setFirstName(invitation.firstName());
        form.setLastName(invitation.lastName());
        form.setEmail(invitation.email());
        form.setOrganizationId(invitation.organizationId());
        form.setGroups(Set.of(Roles.PARTICIPANT));
        // Nobody knows this one: the person chooses theirs through the welcome link.
        form.setPassword("Inv-" + token(24));
        String userId = memberService.createMember(form).userId();
        String token = token(32);
        Instant now = EngineClock.now();
        jdbc.update("update member_invitation set status = 'APPROVED', decided_by = ?, decided_at = ?, user_id = ?, "
                        + "token_hash = ?, token_expires_at = ? where id = ? and status = 'PENDING'",
                me.userId(), at(now), userId, sha256(token), at(now.plus(LINK_VALIDITY)), invitationId);
        events.publishEvent(new InvitationDecidedEvent(invitationId, true, userId, invitation.displayName(),
                invitation.communityId(), invitation.codevGroupId(), invitation.invitedBy()));
        Locale locale = CohorteI18NProvider.supported(memberService.languageOf(userId));
        String sso = ssoName.isEmpty() ? "" : "\n\n" + i18n.getTranslation("identity.invitation.mail.sso", locale, ssoName);
        outbox.enqueue(MAIL_KIND, userId, invitation.email(),
                i18n.getTranslation("identity.invitation.mail.subject", locale),
                i18n.getTranslation("identity.invitation.mail.body", locale, invitation.firstName(),
                        invitation.invitedByName(), invitation.place(), userId, publicUrl + "/welcome/" + token,
                        LINK_VALIDITY.toDays()) + sso);
        LOG.info("Invitation approved: invitation={} user={} by={}", invitationId, userId, me.userId());
        return userId;
    }

    /** An administrator refuses: nothing is made, the facilitator is told. */
    @Transactional
    public void refuse(UUID invitationId) {
        CurrentUser.Identity me = currentUser.requireAnyGroup(Roles.ADMIN);
        InvitationView invitation = requirePending(invitationId);
        jdbc.update("update member_invitation set status = 'REFUSED', decided_by = ?, decided_at = ? where id = ? "
                + "and status = 'PENDING'", me.userId(), at(EngineClock.now()), invitationId);
        events.publishEvent(new InvitationDecidedEvent(invitationId, false, null, invitation.displayName(),
                invitation.communityId(), invitation.codevGroupId(), invitation.invitedBy()));
    }

    /** The account a welcome link opens, while it is valid (anyone holding the link). */
    @Transactional(readOnly = true)
    public Optional<String> welcomeAccount(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.query("select user_id from member_invitation where token_hash = ? and token_expires_at > ?",
                (rs, n) -> rs.getString(1), sha256(token), at(EngineClock.now())).stream().findFirst();
    }

    /** The newcomer chooses a password through the welcome link; the link then stops working. */
    @Transactional
    public void choosePassword(String token, String password) {
        String userId = welcomeAccount(token).orElseThrow(() -> new NotFoundException("identity.invitation.error.linkInvalid"));
        User user = engineAuthentication.asSystem(() -> identityService.createUserQuery().userId(userId).singleResult());
        if (user == null) {
            throw new NotFoundException("identity.invitation.error.linkInvalid");
        }
        passwordPolicy.check(password, new PasswordPolicy.Account(userId, user.getFirstName(), user.getLastName(),
                user.getEmail()));
        int used = jdbc.update("update member_invitation set token_hash = null, token_expires_at = null "
                + "where token_hash = ?", sha256(token));
        if (used != 1) {
            throw new NotFoundException("identity.invitation.error.linkInvalid");
        }
        engineAuthentication.asSystem(() -> {
            user.setPassword(password);
            identityService.saveUser(user);
        });
        LOG.info("Password chosen through the welcome link: user={}", userId);
    }

    private InvitationView requirePending(UUID invitationId) {
        return jdbc.query("select i.*, null as organization_name from member_invitation i where i.id = ? "
                        + "and i.status = 'PENDING'", (rs, n) -> view(rs, null), invitationId).stream().findFirst()
                .map(v -> new InvitationView(v.id(), v.firstName(), v.lastName(), v.email(), null, v.communityId(),
                        v.codevGroupId(), v.place(), v.invitedBy(), memberService.displayName(v.invitedBy()),
                        v.createdAt(), v.organizationId()))
                .orElseThrow(() -> new NotFoundException("identity.invitation.error.notFound"));
    }

    /** An id from the e-mail's local part ("marie.tremblay"), with a number when taken. */
    private String freeUserId(String email) {
        String base = email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "");
        if (base.length() < 2 || !Character.isLetterOrDigit(base.charAt(0))) {
            base = "membre" + base.replaceAll("^[^a-z0-9]+", "");
        }
        base = base.length() > 56 ? base.substring(0, 56) : base;
        String candidate = base;
        for (int n = 2; !memberService.existingIds(List.of(candidate)).isEmpty(); n++) {
            candidate = base + n;
        }
        return candidate;
    }

    private static InvitationView view(ResultSet rs, String invitedByName) throws SQLException {
        OffsetDateTime created = rs.getObject("created_at", OffsetDateTime.class);
        return new InvitationView(rs.getObject("id", UUID.class), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("email"), rs.getString("organization_name"), rs.getObject("community_id", UUID.class),
                rs.getObject("codev_group_id", UUID.class), rs.getString("place"), rs.getString("invited_by"),
                invitedByName, created == null ? null : created.toInstant(), rs.getObject("organization_id", UUID.class));
    }

    /** Typed text on one line: control characters and line breaks out, trimmed, bounded. */
    private static String oneLine(String value, int max) {
        String clean = PlainText.clean(value == null ? "" : value).replaceAll("[\\s\\u0085\\u2028\\u2029]+", " ").strip();
        return clean.length() > max ? clean.substring(0, max) : clean;
    }

    private String token(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

package org.cohorte.identity.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.cohorte.base.engine.EngineHistoryPseudonymizer;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.persistence.ColumnRewriter;
import org.cohorte.base.persistence.ColumnRewriter.Replacement;
import org.cohorte.base.privacy.PersonalDataRows;
import org.cohorte.base.privacy.PersonalDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The privacy rights (Québec Law 25, GDPR): a member downloads what Cohorte holds about them (JSON), and an
 * administrator removes a member who left, whose login, name and e-mail are then replaced by a pseudonym in every
 * table, Cohorte's and the engine's.
 */
@Service
public class PersonalDataService {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalDataService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Shorter values would match unrelated words inside text: they are replaced only where a cell equals them. */
    static final int MIN_INSIDE_LENGTH = 6;

    private final CurrentUser currentUser;
    private final IdentityService identityService;
    private final EngineAuthentication engineAuthentication;
    private final ObjectProvider<PersonalDataSource> sources;
    private final ColumnRewriter rewriter;
    private final EngineHistoryPseudonymizer engineHistory;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public PersonalDataService(CurrentUser currentUser, IdentityService identityService,
                               EngineAuthentication engineAuthentication, ObjectProvider<PersonalDataSource> sources,
                               ColumnRewriter rewriter, EngineHistoryPseudonymizer engineHistory, JdbcTemplate jdbc,
                               Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.currentUser = currentUser;
        this.identityService = identityService;
        this.engineAuthentication = engineAuthentication;
        this.sources = sources;
        this.rewriter = rewriter;
        this.engineHistory = engineHistory;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /** Everything Cohorte holds about the signed-in member, as UTF-8 JSON; only ever their own. */
    @Transactional(readOnly = true)
    public byte[] exportMine() {
        String userId = currentUser.require().userId();
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("format", "cohorte-personal-data/1");
        export.put("generated_at", clock.instant().toString());
        export.put("user_id", userId);
        User user = engineAuthentication.asSystem(() -> identityService.createUserQuery().userId(userId).singleResult());
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("first_name", user == null ? null : user.getFirstName());
        account.put("last_name", user == null ? null : user.getLastName());
        account.put("email", user == null ? null : user.getEmail());
        account.put("groups", engineAuthentication.asSystem(() -> identityService.createGroupQuery().groupMember(userId)
                .list().stream().map(g -> g.getId()).sorted().toList()));
        account.put("profile", PersonalDataRows.query(jdbc, "select p.display_name, o.name as organization, p.language, "
                + "p.time_zone, p.created_at from member_profile p left join organization o on o.id = p.organization_id "
                + "where p.user_id = ?", userId));
        account.put("api_tokens", PersonalDataRows.query(jdbc, "select label, created_at, last_used_at, expires_at, revoked_at "
                + "from api_token where user_id = ? order by created_at", userId));
        export.put("account", account);
        sources.orderedStream().sorted(java.util.Comparator.comparing(PersonalDataSource::section))
                .forEach(source -> export.put(source.section(), source.collect(userId)));
        try {
            return json.writeValueAsBytes(export);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the personal data export", e);
        }
    }

    /**
     * Removes a member who left: the account goes (nobody signs in as them again), and their login, name and
     * e-mail are replaced by a pseudonym ("former-…") in every text column of Cohorte's tables and the engine's,
     * so their contributions stay, unattributed. Administrators only, never on oneself. Their confidential cases
     * stay under the pseudonym until the closed-case retention erases them (CaseRetention). Audited with the
     * pseudonym only; the returned pseudonym is what the administrator sees.
     */
    @Transactional
    public String removeMember(String userId) {
        CurrentUser.Identity admin = currentUser.requireAnyGroup(Roles.ADMIN);
        if (admin.userId().equals(userId)) {
            throw new ForbiddenException("identity.privacy.error.self");
        }
        User user = engineAuthentication.asSystem(() -> identityService.createUserQuery().userId(userId).singleResult());
        boolean isGroup = engineAuthentication.asSystem(() -> identityService.createGroupQuery().groupId(userId).count() > 0);
        if (user == null || isGroup) {
            throw new NotFoundException("identity.error.memberNotFound", userId);
        }
        String pseudonym = "former-" + HexFormat.of().formatHex(randomBytes());
        String displayName = jdbc.query("select display_name from member_profile where user_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, userId);
        Long namesakes = jdbc.queryForObject("select count(*) from member_profile where display_name = ? and user_id <> ?",
                Long.class, displayName, userId);
        List<Replacement> replacements = replacements(userId, pseudonym, user, namesakes != null && namesakes == 0,
                displayName);

        engineAuthentication.asSystem(() -> identityService.deleteUser(userId));
        // Credentials and throttling state mean nothing once the account is gone.
        jdbc.update("delete from api_token where user_id = ?", userId);
        jdbc.update("delete from sign_in_lock where user_id = ?", userId);
        jdbc.update("delete from rate_limit_hit where user_id = ?", userId);
        int cells = jdbc.update("update member_profile set display_name = ? where user_id = ?", pseudonym, userId);
        cells += rewriter.rewrite(table -> !table.startsWith("act_") && !table.startsWith("flyway_"), replacements);
        cells += engineHistory.rewrite(replacements);
        cells += engineHistory.rewriteListedIds(userId, pseudonym);
        // Copies of the name in lower case or without accents (the inbox's subject rows) are written again.
        events.publishEvent(new MemberRenamedEvent(userId, true));
        jdbc.update("insert into privacy_audit (id, action, subject, actor, at) values (?, ?, ?, ?, ?)",
                UUID.randomUUID(), "MEMBER_PSEUDONYMISED", pseudonym, admin.userId(),
                java.sql.Timestamp.from(clock.instant()));
        LOG.info("Member removed and pseudonymised as {} by {} ({} cells rewritten)", pseudonym, admin.userId(), cells);
        return pseudonym;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * What to replace. The login and the e-mail are unique: replaced wherever a cell equals them, inside JSON
     * arrays (quoted ids) and, when they cannot be an ordinary word (an address, or a login with a dot, dash,
     * underscore or digit, 6 characters or more), inside any text. Names are not unique: the profile's own row
     * is renamed in any case, and the name is replaced inside other text (messages, notifications) only when no
     * other member bears it, so that a namesake keeps theirs.
     */
    static List<Replacement> replacements(String userId, String pseudonym, User user, boolean nameIsUnique,
                                          String displayName) {
        List<Replacement> replacements = new java.util.ArrayList<>();
        String email = user.getEmail();
        if (email != null && !email.isBlank()) {
            replacements.add(new Replacement(email, pseudonym + "@removed.invalid", true));
            if (!email.toLowerCase(Locale.ROOT).equals(email)) {
                replacements.add(new Replacement(email.toLowerCase(Locale.ROOT), pseudonym + "@removed.invalid", true));
            }
        }
        if (nameIsUnique) {
            String fullName = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                    + (user.getLastName() == null ? "" : user.getLastName())).trim();
            for (String name : new String[] {displayName, fullName}) {
                if (name != null && name.length() >= MIN_INSIDE_LENGTH) {
                    replacements.add(new Replacement(name, pseudonym, true));
                    // Search columns keep a lower-case copy of the text.
                    replacements.add(new Replacement(name.toLowerCase(Locale.ROOT), pseudonym, true));
                }
            }
        }
        boolean loginIsNotAWord = userId.length() >= MIN_INSIDE_LENGTH && userId.matches(".*[._\\-0-9].*");
        replacements.add(new Replacement("\"" + userId + "\"", "\"" + pseudonym + "\"", true));
        replacements.add(new Replacement(userId, pseudonym, loginIsNotAWord));
        return replacements;
    }
}

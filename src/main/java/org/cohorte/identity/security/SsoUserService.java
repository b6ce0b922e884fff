package org.cohorte.identity.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.cohorte.identity.service.Roles;
import org.cohorte.identity.service.SsoMemberService;
import org.cohorte.identity.service.SsoSettings;
import org.cohorte.identity.service.SsoSignIn;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns a person the provider vouched for (ID token already validated by Spring Security, user info read) into
 * a Cohorte member: created or refreshed by {@link SsoMemberService}, named by their Cohorte user id and holding
 * their Cohorte groups as roles, like a local sign-in ({@link CamundaIdentityAuthenticationProvider}), so that
 * {@code CurrentUser}, the engine's per-request authentication and Cockpit see no difference.
 */
class SsoUserService extends OidcUserService {

    /** Prefix of the error codes of Cohorte's own refusals, read back by {@link SsoFailureHandler}. */
    static final String REFUSAL_PREFIX = "cohorte_";

    private final SsoSettings settings;
    private final SsoMemberService members;

    SsoUserService(SsoSettings settings, SsoMemberService members) {
        this.settings = settings;
        this.members = members;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser provided = super.loadUser(request);
        SsoSettings.Claims names = settings.getClaims();
        SsoSignIn claims = new SsoSignIn(provided.getIssuer() == null ? settings.getIssuerUri() : provided.getIssuer().toString(),
                provided.getSubject(), string(provided, names.getUserId()), string(provided, names.getDisplayName()),
                string(provided, names.getGivenName()), string(provided, names.getFamilyName()),
                string(provided, names.getEmail()), string(provided, names.getLanguage()),
                string(provided, names.getOrganization()),
                SsoMemberService.claimValues(provided.getClaims().get(names.getGroups())));
        SsoSignIn.Member member;
        try {
            member = members.signIn(claims);
        } catch (SsoSignIn.RefusedException refused) {
            throw new OAuth2AuthenticationException(new OAuth2Error(
                    REFUSAL_PREFIX + refused.refusal().name().toLowerCase(Locale.ROOT)));
        } catch (IllegalStateException broken) {
            // A linked member whose Camunda user was deleted (in Camunda Admin): a refusal page, not a server error.
            throw new OAuth2AuthenticationException(new OAuth2Error("server_error"), broken.getMessage(), broken);
        }
        List<GrantedAuthority> authorities = member.groups().stream()
                .<GrantedAuthority>map(group -> new SimpleGrantedAuthority(Roles.AUTHORITY_PREFIX + group)).toList();
        return new Member(authorities, provided, member.userId());
    }

    private static String string(OidcUser user, String claim) {
        if (claim == null || claim.isBlank()) {
            return null;
        }
        Object value = user.getClaims().get(claim);
        return value == null ? null : value.toString();
    }

    /** The provider's user, known by its Cohorte user id (the principal's name everywhere in Cohorte). */
    static final class Member extends DefaultOidcUser {
        private static final long serialVersionUID = 1L;
        private final String userId;

        Member(Collection<? extends GrantedAuthority> authorities, OidcUser provided, String userId) {
            super(authorities, provided.getIdToken(), provided.getUserInfo(), "sub");
            this.userId = userId;
        }

        @Override
        public String getName() {
            return userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Member m && m.userId.equals(userId) && super.equals(other);
        }

        @Override
        public int hashCode() {
            return userId.hashCode();
        }
    }
}

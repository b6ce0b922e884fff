package org.cohorte.identity.security;

import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.IdentityService;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.Roles;
import org.cohorte.identity.service.SsoSettings;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Spring Security signs people in against Camunda's IdentityService, the one user store shared with
 * Cockpit and the engine API. {@code checkPassword} goes through {@code base.engine.ThrottledIdentityProvider}: a
 * temporary lock after repeated failures, and old password hashes upgraded on success.
 * It must not run inside a transaction that could roll back the failure count (this provider has none).
 * The user's Camunda groups become their roles.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;
    private final MemberService memberService;
    private final SsoSettings sso;

    public CamundaIdentityAuthenticationProvider(IdentityService identityService, MemberService memberService,
                                                 SsoSettings sso) {
        this.identityService = identityService;
        this.memberService = memberService;
        this.sso = sso;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!sso.localAccountsEnabled()) {
            // Only the identity provider signs people in (cohorte.sso.local-accounts=false): no password is checked.
            throw new BadCredentialsException("Local accounts are switched off");
        }
        String userId = authentication.getName() == null ? "" : authentication.getName().trim().toLowerCase(Locale.ROOT);
        Object credentials = authentication.getCredentials();
        String password = credentials == null ? "" : credentials.toString();
        if (userId.isEmpty() || password.isEmpty() || !identityService.checkPassword(userId, password)) {
            // One answer for unknown user, wrong password and locked account: no account enumeration.
            throw new BadCredentialsException("Bad credentials");
        }
        List<GrantedAuthority> authorities = memberService.groupsOf(userId).stream()
                .<GrantedAuthority>map(group -> new SimpleGrantedAuthority(Roles.AUTHORITY_PREFIX + group))
                .toList();
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

package org.cohorte.identity.security;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.cohorte.identity.service.ApiTokenService;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in the caller of an HTTP API from {@code Authorization: Bearer <personal access token>}. Nothing else
 * is accepted: HTTP Basic is answered with a 401 that says to use a token (its credentials are what a browser
 * replays for any site), and there is no session, so every request carries its own proof.
 */
public class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokenAuthenticationFilter.class);

    /** A request that presented HTTP Basic credentials. */
    static final class BasicNotAccepted extends AuthenticationException {
        BasicNotAccepted() {
            super("HTTP Basic is not accepted");
        }
    }

    private final ApiTokenService tokens;
    private final MemberService members;
    private final AuthenticationEntryPoint entryPoint;

    public ApiTokenAuthenticationFilter(ApiTokenService tokens, MemberService members, AuthenticationEntryPoint entryPoint) {
        this.tokens = tokens;
        this.members = members;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        String scheme = header.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (scheme.equals("basic")) {
            entryPoint.commence(request, response, new BasicNotAccepted());
            return;
        }
        Optional<String> userId = scheme.equals("bearer") && header.strip().length() > 7
                ? tokens.authenticate(header.strip().substring(7).strip()) : Optional.empty();
        if (userId.isEmpty()) {
            LOG.info("Refused an API token from {} for {} {}", request.getRemoteAddr(), request.getMethod(),
                    request.getRequestURI());
            entryPoint.commence(request, response, new BadCredentialsException("Invalid token"));
            return;
        }
        List<GrantedAuthority> authorities = members.groupsOf(userId.get()).stream()
                .<GrantedAuthority>map(group -> new SimpleGrantedAuthority(Roles.AUTHORITY_PREFIX + group)).toList();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(userId.get(), null, authorities));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}

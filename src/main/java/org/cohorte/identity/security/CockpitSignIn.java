package org.cohorte.identity.security;

import java.util.List;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.cohorte.identity.service.CurrentUser;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * Camunda's web apps (Cockpit, Admin) take the person Cohorte signed in, instead of a login of their own: one
 * sign-in page, one throttle, one session, and Spring Security's rules (administrators only) in front of every
 * path. Camunda's own login endpoint and its first-administrator setup are closed in {@link SecurityConfig}.
 * The filter is Camunda's "container-based authentication" with the container being Spring Security.
 */
final class CockpitSignIn extends ContainerBasedAuthenticationFilter {

    /** Runs after Spring Security's filter chain (order -100) and before the web apps' own filters. */
    static final int ORDER = 0;

    CockpitSignIn(CurrentUser currentUser) {
        this.authenticationProvider = new FromSpringSecurity(currentUser);
    }

    @Override
    public void init(FilterConfig filterConfig) {
        // The provider is set in the constructor; Camunda would otherwise instantiate one by class name.
    }

    static FilterRegistrationBean<CockpitSignIn> registration(CurrentUser currentUser) {
        FilterRegistrationBean<CockpitSignIn> registration = new FilterRegistrationBean<>(new CockpitSignIn(currentUser));
        registration.setName("Cohorte sign-in for Camunda web apps");
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        registration.setOrder(ORDER);
        return registration;
    }

    private record FromSpringSecurity(CurrentUser currentUser) implements AuthenticationProvider {

        @Override
        public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
            return currentUser.find().map(identity -> {
                AuthenticationResult result = AuthenticationResult.successful(identity.userId());
                result.setGroups(identity.groups());
                result.setTenants(List.of());
                return result;
            }).orElseGet(AuthenticationResult::unsuccessful);
        }

        @Override
        public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
            // Spring Security answers unauthenticated requests before this filter: nothing to add.
        }
    }
}

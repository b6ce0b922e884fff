package org.cohorte.identity.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.cohorte.identity.service.CurrentUser;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells the process engine who makes each request, so that Camunda authorization applies to every engine
 * call made while serving it (the Vaadin UI and /engine-rest alike), and forgets it afterwards: engine
 * threads are pooled and must never carry one user's identity into another's request.
 */
public class EngineAuthenticationFilter extends OncePerRequestFilter {

    private final IdentityService identityService;
    private final CurrentUser currentUser;

    public EngineAuthenticationFilter(IdentityService identityService, CurrentUser currentUser) {
        this.identityService = identityService;
        this.currentUser = currentUser;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        currentUser.find().ifPresent(identity -> identityService.setAuthentication(identity.userId(), identity.groups()));
        try {
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }
}

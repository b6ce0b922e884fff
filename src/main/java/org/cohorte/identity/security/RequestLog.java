package org.cohorte.identity.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per HTTP request (logger {@code org.cohorte.requests}): method, path, status, duration and the
 * signed-in user's id, e.g. {@code GET /api/tasks 200 12 ms user=membre}. Never the query string (a token or a
 * search could be in it) nor a body; a calendar feed's secret path is masked. The user and the duration are also
 * in the MDC ({@code user.id}, {@code duration.ms}), so JSON logs carry them as fields. Vaadin's static files and
 * the health probe are left out (they would drown the rest). Two filters: the outer one times the whole request,
 * the inner one runs after Spring Security has signed the caller in (by session or token) and notes who it is.
 */
@Configuration
class RequestLog {

    static final Logger LOG = LoggerFactory.getLogger("org.cohorte.requests");
    private static final String USER = RequestLog.class.getName() + ".user";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestTimer() {
        FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (!LOG.isInfoEnabled() || quiet(request.getRequestURI())) {
                    chain.doFilter(request, response);
                    return;
                }
                long started = System.nanoTime();
                try {
                    chain.doFilter(request, response);
                } finally {
                    long ms = (System.nanoTime() - started) / 1_000_000;
                    Object user = request.getAttribute(USER);
                    String userId = user == null ? "-" : user.toString();
                    MDC.put("user.id", userId);
                    MDC.put("duration.ms", Long.toString(ms));
                    try {
                        LOG.info("{} {} {} {} ms user={}", request.getMethod(), path(request.getRequestURI()),
                                response.getStatus(), ms, userId);
                    } finally {
                        MDC.remove("user.id");
                        MDC.remove("duration.ms");
                    }
                }
            }

            @Override
            protected boolean shouldNotFilterAsyncDispatch() {
                return true;
            }
        });
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        bean.setName("cohorteRequestTimer");
        return bean;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestUser() {
        FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
                    request.setAttribute(USER, auth.getName());
                }
                chain.doFilter(request, response);
            }
        });
        // Right after Spring Security's filter chain, inside it: the caller is known, not yet forgotten.
        bean.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        bean.setName("cohorteRequestUser");
        return bean;
    }

    static boolean quiet(String uri) {
        return uri.startsWith("/VAADIN/") || uri.startsWith("/actuator/health") || uri.startsWith("/favicon")
                || uri.startsWith("/icons/") || uri.startsWith("/images/");
    }

    /** The path as logged: a calendar feed's path is its secret, so only its folder is kept. */
    static String path(String uri) {
        return uri.startsWith("/community-calendar/") ? "/community-calendar/***" : uri;
    }
}

package org.cohorte.identity.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The headers Spring Security's defaults leave out, on every response whichever filter chain (or none) serves
 * it: features add their own chains (the performance API, the calendar feed) and must not have to remember.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String REFERRER_POLICY = "same-origin";
    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()";
    /**
     * As strict as Vaadin Flow 24 allows: its bootstrap page starts the client engine with an inline script, the
     * engine builds functions from the JavaScript the server sends (executeJs, event data), and its components
     * set inline styles, hence 'unsafe-inline' for scripts and styles and 'unsafe-eval' (Vaadin's documented
     * requirement; a nonce-based policy would only work in production mode and without executeJs). Everything
     * else comes from Cohorte itself: Lumo embeds its icon font and some images as data: URLs, push and the
     * client engine talk to the same origin (XHR, WebSocket), nothing may frame a page, post a form elsewhere,
     * rebase relative URLs or load a plug-in.
     */
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
            "form-action 'self'");
    /** Camunda's web apps send their own policy (HttpHeaderSecurityFilter, with a nonce): a second one would also apply. */
    private static final String CAMUNDA_WEBAPPS = "/camunda";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Referrer-Policy", REFERRER_POLICY);
        response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
        if (!isCamundaWebapp(request)) {
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
        chain.doFilter(request, response);
    }

    /** Also on an error dispatch (a 401 or 404 rendered by /error), judged by the path first asked for. */
    private static boolean isCamundaWebapp(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = original instanceof String s ? s : request.getRequestURI();
        String path = uri.substring(Math.min(request.getContextPath().length(), uri.length()));
        return path.equals(CAMUNDA_WEBAPPS) || path.startsWith(CAMUNDA_WEBAPPS + "/");
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}

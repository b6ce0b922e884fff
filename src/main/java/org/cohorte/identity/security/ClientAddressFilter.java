package org.cohorte.identity.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Remembers, for the thread serving a request, the address it came from, so that a password check deep in
 * the engine (the sign-in page, a member's password change, any caller of checkPassword) can log it. On
 * every request, whichever filter chain or servlet serves it. Behind a reverse proxy, set
 * {@code server.forward-headers-strategy} so that this is the client's address, not the proxy's.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ClientAddressFilter extends OncePerRequestFilter {

    private static final ThreadLocal<String> ADDRESS = new ThreadLocal<>();

    /** The current request's client address, or "-" outside a request. */
    static String current() {
        String address = ADDRESS.get();
        return address == null ? "-" : address;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String previous = ADDRESS.get();
        ADDRESS.set(request.getRemoteAddr());
        try {
            chain.doFilter(request, response);
        } finally {
            if (previous == null) {
                ADDRESS.remove();
            } else {
                ADDRESS.set(previous);
            }
        }
    }
}

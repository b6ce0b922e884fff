package org.cohorte.identity.security;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The work API changes things only on a JSON request. A page on another site can post a form or plain text
 * without asking, but not JSON: a browser first asks the server (CORS preflight), and Cohorte says no. So even
 * a credential a browser might attach by itself could not be used from elsewhere; tokens are never attached.
 */
class JsonOnlyFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final JsonRefusals refusals;

    JsonOnlyFilter(JsonRefusals refusals) {
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE.contains(request.getMethod()) || isJson(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        refusals.write(request, response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "api.error.jsonOnly");
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.getType().equals("application")
                    && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
        } catch (RuntimeException e) {
            return false;
        }
    }
}

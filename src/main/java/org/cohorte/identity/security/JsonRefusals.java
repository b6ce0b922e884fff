package org.cohorte.identity.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * Refusals of the HTTP doors (the work API, the engine's REST API) as {@code {"error": key, "message": text}}
 * in the caller's language, the same shape as the work API's own errors. A 401 challenges for a bearer
 * token, never for HTTP Basic: a browser would remember Basic credentials and replay them for any site.
 */
@Component
public class JsonRefusals {

    public static final String BEARER_CHALLENGE = "Bearer realm=\"Cohorte\"";

    private final CohorteI18NProvider i18n;
    private final ObjectMapper json = new ObjectMapper();

    public JsonRefusals(CohorteI18NProvider i18n) {
        this.i18n = i18n;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, int status, String key, Object... args)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Locale locale = CohorteI18NProvider.supported(request.getHeader("Accept-Language"));
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", key);
        body.put("message", i18n.getTranslation(key, locale, args));
        response.resetBuffer();
        response.setStatus(status);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", BEARER_CHALLENGE);
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(body));
        response.flushBuffer();
    }

    /** 401 for a request without a valid token. */
    public AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> write(request, response, 401, messageOf(e));
    }

    /** 403 for a signed-in caller whose role does not open this door. */
    public AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(request, response, 403, "error.forbidden");
    }

    private static String messageOf(AuthenticationException e) {
        return e instanceof ApiTokenAuthenticationFilter.BasicNotAccepted ? "api.error.basicNotAccepted" : "api.error.tokenRequired";
    }
}

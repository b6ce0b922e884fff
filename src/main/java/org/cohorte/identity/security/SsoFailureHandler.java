package org.cohorte.identity.security;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A refused single sign-on goes back to the login page with the reason (one of a fixed set, shown in the
 * person's language), and to the log with the error code and the client address: never a token or a code.
 */
class SsoFailureHandler implements AuthenticationFailureHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SsoFailureHandler.class);

    /** Spring Security's and the provider's error codes, and Cohorte's own, to the reasons the page explains. */
    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("invalid_id_token", "token"),
            Map.entry("invalid_nonce", "replay"),
            Map.entry("authorization_request_not_found", "replay"),
            Map.entry("invalid_state_parameter", "replay"),
            Map.entry("invalid_redirect_uri_parameter", "replay"),
            Map.entry("access_denied", "denied"),
            Map.entry("cohorte_email_missing", "email"),
            Map.entry("cohorte_user_id_invalid", "userid"),
            Map.entry("cohorte_account_taken", "taken"),
            Map.entry("cohorte_organization_unknown", "organization"));

    private final DefaultRedirectStrategy redirect = new DefaultRedirectStrategy();

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        String code = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "";
        String reason = REASONS.getOrDefault(code, "failed");
        LOG.warn("SSO sign-in failed: code={} reason={} address={}", SignInThrottle.loggable(code), reason,
                ClientAddressFilter.current());
        redirect.sendRedirect(request, response, "/login?sso-error=" + reason);
    }

    /** The reasons the login page has a message for. */
    static java.util.Collection<String> reasons() {
        return new java.util.TreeSet<>(REASONS.values());
    }
}

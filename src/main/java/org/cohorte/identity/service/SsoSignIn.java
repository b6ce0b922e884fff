package org.cohorte.identity.service;

import java.util.List;

/**
 * What the identity provider says about a person at sign-in, read from its claims after Spring Security has
 * checked the ID token (signature, issuer, audience, expiry, nonce). Optional values may be null.
 */
public record SsoSignIn(String issuer, String subject, String userId, String displayName, String givenName,
                        String familyName, String email, String language, String organization,
                        List<String> groupClaims) {

    /** Why a sign-in is refused; each has a message in both languages (login.sso.error.*). */
    public enum Refusal { EMAIL_MISSING, USER_ID_INVALID, ACCOUNT_TAKEN, ORGANIZATION_UNKNOWN }

    /** The member it signs in, with their Cohorte groups as they are now. */
    public record Member(String userId, List<String> groups, boolean created) {
    }

    public static class RefusedException extends RuntimeException {
        private final Refusal refusal;

        public RefusedException(Refusal refusal) {
            super("SSO sign-in refused: " + refusal);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }
}

package org.cohorte.identity.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PostConstruct;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Single sign-on with the organization's OpenID Connect provider, from {@code cohorte.sso.*} properties only
 * (README, "Single sign-on"). Without {@code cohorte.sso.issuer-uri} it is off and Cohorte has its local accounts
 * only, exactly as before.
 */
@Component
@ConfigurationProperties(prefix = "cohorte.sso")
public class SsoSettings {

    /** Spring Security's registration id: the sign-in starts at /oauth2/authorization/sso. */
    public static final String REGISTRATION_ID = "sso";

    public enum UnknownOrganizations { CREATE, REFUSE }

    private String issuerUri;
    private String clientId;
    private String clientSecret;
    private List<String> scopes = new ArrayList<>(List.of("openid", "profile", "email"));
    /** The provider's name on the login page's button ("Se connecter avec ..."). */
    private String name = "SSO";
    /** False: only the provider signs people in (the password form is gone and refused). */
    private boolean localAccounts = true;
    private UnknownOrganizations unknownOrganizations = UnknownOrganizations.CREATE;
    /** Groups every SSO member has besides the mapped ones; empty: only the mapped ones. */
    private List<String> defaultGroups = new ArrayList<>(List.of(Roles.PARTICIPANT));
    /** A group claim's value to Cohorte group(s), comma-separated: cohorte.sso.groups.animateurs=facilitator. */
    private Map<String, String> groups = new LinkedHashMap<>();
    private final Claims claims = new Claims();
    /** Where the provider sends the browser back after signing out; must be registered at the provider. */
    private String postLogoutRedirectUri = "{baseUrl}/login";

    /** Which claim gives what. Missing optional claims are simply not used. */
    public static class Claims {
        private String userId = "preferred_username";
        private String displayName = "name";
        private String givenName = "given_name";
        private String familyName = "family_name";
        private String email = "email";
        private String language = "locale";
        private String organization = "organization";
        private String groups = "groups";

        public String getUserId() { return userId; }
        public void setUserId(String userId) { this.userId = userId; }
        public String getDisplayName() { return displayName; }
        public void setDisplayName(String displayName) { this.displayName = displayName; }
        public String getGivenName() { return givenName; }
        public void setGivenName(String givenName) { this.givenName = givenName; }
        public String getFamilyName() { return familyName; }
        public void setFamilyName(String familyName) { this.familyName = familyName; }
        public String getEmail() { return email; }
        public void setEmail(String email) { this.email = email; }
        public String getLanguage() { return language; }
        public void setLanguage(String language) { this.language = language; }
        public String getOrganization() { return organization; }
        public void setOrganization(String organization) { this.organization = organization; }
        public String getGroups() { return groups; }
        public void setGroups(String groups) { this.groups = groups; }
    }

    /** A mistyped group mapping would silently give or withhold rights: the application refuses to start. */
    @PostConstruct
    void check() {
        if (!isEnabled()) {
            return;
        }
        if (blank(clientId)) {
            throw new IllegalStateException("cohorte.sso.client-id is required with cohorte.sso.issuer-uri");
        }
        if (!scopes.contains("openid")) {
            throw new IllegalStateException("cohorte.sso.scopes must include openid");
        }
        Set<String> named = new LinkedHashSet<>(defaultGroups);
        groups.values().forEach(value -> named.addAll(split(value)));
        named.stream().filter(g -> !Roles.ALL.contains(g)).findFirst().ifPresent(g -> {
            throw new IllegalStateException("cohorte.sso: unknown Cohorte group '" + g + "' (one of " + Roles.ALL + ")");
        });
    }

    public boolean isEnabled() {
        return !blank(issuerUri);
    }

    /** Whether the password form signs people in: always without SSO, else as configured. */
    public boolean localAccountsEnabled() {
        return !isEnabled() || localAccounts;
    }

    /** Cohorte groups for the provider's group claim values (case ignored), plus the default groups. */
    public Set<String> cohorteGroupsFor(List<String> claimValues) {
        Map<String, String> byLowerCase = new LinkedHashMap<>();
        groups.forEach((claim, cohorte) -> byLowerCase.put(claim.toLowerCase(Locale.ROOT), cohorte));
        Set<String> result = new LinkedHashSet<>(defaultGroups);
        for (String value : claimValues) {
            String mapped = byLowerCase.get(value.toLowerCase(Locale.ROOT));
            if (mapped != null) {
                result.addAll(split(mapped));
            }
        }
        return result;
    }

    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        return parts;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    public String getIssuerUri() { return issuerUri; }
    public void setIssuerUri(String issuerUri) { this.issuerUri = issuerUri; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getClientSecret() { return clientSecret; }
    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
    public List<String> getScopes() { return scopes; }
    public void setScopes(List<String> scopes) { this.scopes = scopes; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public boolean isLocalAccounts() { return localAccounts; }
    public void setLocalAccounts(boolean localAccounts) { this.localAccounts = localAccounts; }
    public UnknownOrganizations getUnknownOrganizations() { return unknownOrganizations; }
    public void setUnknownOrganizations(UnknownOrganizations unknownOrganizations) { this.unknownOrganizations = unknownOrganizations; }
    public List<String> getDefaultGroups() { return defaultGroups; }
    public void setDefaultGroups(List<String> defaultGroups) { this.defaultGroups = defaultGroups; }
    public Map<String, String> getGroups() { return groups; }
    public void setGroups(Map<String, String> groups) { this.groups = groups; }
    public Claims getClaims() { return claims; }
    public String getPostLogoutRedirectUri() { return postLogoutRedirectUri; }
    public void setPostLogoutRedirectUri(String postLogoutRedirectUri) { this.postLogoutRedirectUri = postLogoutRedirectUri; }
}

package org.cohorte.identity.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.cohorte.identity.domain.MemberProfile;
import org.cohorte.identity.domain.MemberProfileRepository;
import org.cohorte.identity.domain.OrganizationRepository;
import org.cohorte.identity.domain.SsoAccountRepository;
import org.cohorte.identity.service.Roles;
import org.cohorte.identity.service.SsoSettings;
import org.cohorte.testsupport.Http;
import org.cohorte.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Single sign-on through a real provider's HTTP flow (authorization code, state, nonce, PKCE): the member it
 * creates, the groups it maps and refreshes, and every refusal, each leaving nothing behind.
 */
class SsoSignInIT extends SsoIntegrationTest {

    @Autowired
    IdentityService identityService;
    @Autowired
    MemberProfileRepository profiles;
    @Autowired
    SsoAccountRepository accounts;
    @Autowired
    OrganizationRepository organizations;
    @Autowired
    SsoSettings settings;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String claims(String userId, String email, String organization, String language, String... groups) {
        StringBuilder json = new StringBuilder("{\"preferred_username\":\"" + userId + "\",\"name\":\"Zoé Tremblay\"");
        if (email != null) {
            json.append(",\"email\":\"").append(email).append('"');
        }
        if (organization != null) {
            json.append(",\"organization\":\"").append(organization).append('"');
        }
        if (language != null) {
            json.append(",\"locale\":\"").append(language).append('"');
        }
        json.append(",\"groups\":[");
        for (int i = 0; i < groups.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(groups[i]).append('"');
        }
        return json.append("]}").toString();
    }

    private java.util.List<String> groupsOf(String userId) {
        return data.groupsOf(userId);
    }

    private void assertNothingCreatedFor(String userId) {
        assertThat(identityService.createUserQuery().userId(userId).count()).isZero();
        assertThat(profiles.findById(userId)).isEmpty();
        assertThat(accounts.findById(userId)).isEmpty();
    }

    @Test
    void the_first_sign_in_creates_the_member_with_profile_organization_language_and_mapped_groups() {
        String id = unique("sso-zoe");
        String organization = unique("Ministère SSO");
        Person zoe = new Person();

        String landing = zoe.signIn(id, claims(id, id + "@example.gouv.qc.ca", organization, "en-CA",
                "cohorte-animateurs", "unmapped-group"));

        assertThat(landing).doesNotContain("error").endsWith("/");
        User user = identityService.createUserQuery().userId(id).singleResult();
        assertThat(user.getEmail()).isEqualTo(id + "@example.gouv.qc.ca");
        assertThat(user.getFirstName()).isEqualTo("Zoé");
        assertThat(user.getLastName()).isEqualTo("Tremblay");
        MemberProfile profile = profiles.findById(id).orElseThrow();
        assertThat(profile.getDisplayName()).isEqualTo("Zoé Tremblay");
        assertThat(profile.getLanguage()).isEqualTo("en");
        assertThat(organizations.findById(profile.getOrganizationId()).orElseThrow().getName()).isEqualTo(organization);
        assertThat(groupsOf(id)).containsExactlyInAnyOrder(Roles.FACILITATOR, Roles.PARTICIPANT);
        assertThat(accounts.findById(id).orElseThrow().getSubject()).isEqualTo(id);
        // Signed in: the session opens the application, and no password signs this member in.
        assertThat(zoe.status("/tasks")).isEqualTo(200);
        assertThat(new Http(baseUrl()).login(id, "").headers().firstValue("Location").orElse("")).contains("error");
    }

    @Test
    void an_existing_organization_is_found_by_name_or_acronym_and_not_created_twice() {
        String organization = unique("Agence");
        String first = unique("sso-a");
        new Person().signIn(first, claims(first, first + "@example.org", organization, null));
        String second = unique("sso-b");
        new Person().signIn(second, claims(second, second + "@example.org", organization.toUpperCase(), null));

        assertThat(profiles.findById(second).orElseThrow().getOrganizationId())
                .isEqualTo(profiles.findById(first).orElseThrow().getOrganizationId());
        assertThat(profiles.findById(first).orElseThrow().getLanguage()).isEqualTo("fr");
    }

    @Test
    void groups_follow_the_claims_at_each_sign_in_and_a_group_the_provider_drops_is_lost() {
        String id = unique("sso-groups");
        new Person().signIn(id, claims(id, id + "@example.org", null, null, "cohorte-animateurs", "cohorte-experts"));
        assertThat(groupsOf(id)).containsExactlyInAnyOrder(Roles.FACILITATOR, Roles.EXPERT, Roles.PARTICIPANT);

        Person again = new Person();
        String landing = again.signIn(id, claims(id, id + ".new@example.org", null, null, "cohorte-experts"));

        assertThat(landing).doesNotContain("error");
        assertThat(groupsOf(id)).containsExactlyInAnyOrder(Roles.EXPERT, Roles.PARTICIPANT);
        assertThat(identityService.createUserQuery().userId(id).singleResult().getEmail()).isEqualTo(id + ".new@example.org");
        assertThat(again.status("/tasks")).isEqualTo(200);
    }

    @Test
    void an_sso_administrator_opens_cockpit_with_the_same_session_and_a_member_does_not() {
        String adminId = unique("sso-admin");
        Person admin = new Person();
        admin.signIn(adminId, claims(adminId, adminId + "@example.org", null, null, "cohorte-admins"));
        assertThat(admin.status("/camunda/app/cockpit/sso/")).isEqualTo(200);
        assertThat(admin.get("/camunda/api/admin/auth/user/sso").body()).contains("\"userId\":\"" + adminId + "\"");
        assertThat(admin.status("/camunda/app/tasklist/sso/")).isEqualTo(403);

        String memberId = unique("sso-member");
        Person member = new Person();
        member.signIn(memberId, claims(memberId, memberId + "@example.org", null, null));
        assertThat(member.status("/camunda/app/cockpit/sso/")).isEqualTo(403);
    }

    @Test
    void a_missing_email_claim_is_refused_and_creates_nothing() {
        String id = unique("sso-nomail");
        Person person = new Person();
        assertThat(person.signIn(id, claims(id, null, null, null, "cohorte-admins"))).endsWith("/login?sso-error=email");
        assertNothingCreatedFor(id);
        assertThat(person.status("/tasks")).isEqualTo(302);
    }

    @Test
    void a_token_from_another_issuer_is_refused() {
        String id = unique("sso-iss");
        String json = claims(id, id + "@example.org", null, null).replaceFirst("\\{", "{\"iss\":\"http://evil.example/default\",");
        assertThat(new Person().signIn(id, json)).endsWith("/login?sso-error=token");
        assertNothingCreatedFor(id);
    }

    @Test
    void a_token_for_another_audience_is_refused() {
        String id = unique("sso-aud");
        String json = claims(id, id + "@example.org", null, null).replaceFirst("\\{", "{\"aud\":[\"another-client\"],");
        assertThat(new Person().signIn(id, json)).endsWith("/login?sso-error=token");
        assertNothingCreatedFor(id);
    }

    @Test
    void an_expired_token_is_refused() {
        String id = unique("sso-exp");
        long past = Instant.now().minusSeconds(3600).getEpochSecond();
        String json = claims(id, id + "@example.org", null, null)
                .replaceFirst("\\{", "{\"exp\":" + past + ",\"iat\":" + (past - 600) + ",\"nbf\":" + (past - 600) + ",");
        assertThat(new Person().signIn(id, json)).endsWith("/login?sso-error=token");
        assertNothingCreatedFor(id);
    }

    @Test
    void a_nonce_that_is_not_the_one_sent_is_refused() {
        String id = unique("sso-nonce");
        String json = claims(id, id + "@example.org", null, null).replaceFirst("\\{", "{\"nonce\":\"forged-nonce\",");
        assertThat(new Person().signIn(id, json)).endsWith("/login?sso-error=replay");
        assertNothingCreatedFor(id);
    }

    @Test
    void a_state_that_is_not_the_one_sent_is_refused() {
        String id = unique("sso-state");
        Person person = new Person();
        String callback = person.callback(id, claims(id, id + "@example.org", null, null));
        assertThat(callback).contains("state=");
        String tampered = callback.replaceFirst("state=[^&]+", "state=forged-state");

        assertThat(person.back(tampered)).endsWith("/login?sso-error=replay");
        assertNothingCreatedFor(id);
        assertThat(person.status("/tasks")).isEqualTo(302);
    }

    @Test
    void a_callback_replayed_in_another_browser_is_refused() {
        String id = unique("sso-replay");
        String callback = new Person().callback(id, claims(id, id + "@example.org", null, null));
        // Another session never started this sign-in: it holds no state, and the code is not its to use.
        assertThat(new Person().back(callback)).endsWith("/login?sso-error=replay");
        assertNothingCreatedFor(id);
    }

    @Test
    void a_provider_cannot_take_over_a_local_account_of_the_same_id() {
        String local = data.user("sso-local", Roles.PARTICIPANT);
        assertThat(new Person().signIn(local, claims(local, local + "@example.org", null, null, "cohorte-admins")))
                .endsWith("/login?sso-error=taken");
        assertThat(groupsOf(local)).containsExactly(Roles.PARTICIPANT);
        assertThat(accounts.findById(local)).isEmpty();
        // The local account still signs in with its password.
        assertThat(new Http(baseUrl()).login(local, TestData.PASSWORD).headers().firstValue("Location").orElse(""))
                .doesNotContain("error");
    }

    @Test
    void an_unknown_organization_is_refused_when_the_setting_says_so() {
        String id = unique("sso-org");
        String organization = unique("Inconnue");
        settings.setUnknownOrganizations(SsoSettings.UnknownOrganizations.REFUSE);
        try {
            assertThat(new Person().signIn(id, claims(id, id + "@example.org", organization, null)))
                    .endsWith("/login?sso-error=organization");
        } finally {
            settings.setUnknownOrganizations(SsoSettings.UnknownOrganizations.CREATE);
        }
        assertNothingCreatedFor(id);
        assertThat(organizations.findByNameIgnoreCase(organization)).isEmpty();
    }

    @Test
    void local_accounts_can_be_switched_off() {
        String local = data.user("sso-off", Roles.PARTICIPANT);
        settings.setLocalAccounts(false);
        try {
            assertThat(new Http(baseUrl()).login(local, TestData.PASSWORD).headers().firstValue("Location").orElse(""))
                    .contains("/login?error");
        } finally {
            settings.setLocalAccounts(true);
        }
        assertThat(new Http(baseUrl()).login(local, TestData.PASSWORD).headers().firstValue("Location").orElse(""))
                .doesNotContain("error");
    }

    @Test
    void the_sign_in_endpoints_carry_the_security_headers() {
        Http http = new Http(baseUrl());
        HttpResponse<String> start = http.get("/oauth2/authorization/sso");
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(location(start)).startsWith(PROVIDER.authorizationEndpointUrl("default").toString())
                .contains("code_challenge=").contains("code_challenge_method=S256").contains("nonce=").contains("state=");
        assertThat(start.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'"));
        HttpResponse<String> callback = http.get("/login/oauth2/code/sso?code=x&state=y");
        assertThat(callback.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(location(callback)).endsWith("/login?sso-error=replay");
    }
}

package org.cohorte.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.Http;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Passwords are stored as bcrypt; hashes from Camunda's default (salted SHA-512) are upgraded at sign-in. */
class PasswordStorageIT extends IntegrationTest {

    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;

    private Map<String, Object> stored(String userId) {
        return jdbc.queryForMap("select PWD_, SALT_ from ACT_ID_USER where ID_ = ?", userId);
    }

    /** What Camunda 7.7 to 7.24 stored by default: {SHA-512} and Base64(SHA-512(password + salt)). */
    private void giveAnOldSha512Hash(String userId, String password) throws Exception {
        String salt = "b2xkLXNhbHQtMTIzNDU2Nw==";
        byte[] digest = MessageDigest.getInstance("SHA-512").digest((password + salt).getBytes(StandardCharsets.UTF_8));
        jdbc.update("update ACT_ID_USER set PWD_ = ?, SALT_ = ? where ID_ = ?",
                "{SHA-512}" + Base64.getEncoder().encodeToString(digest), salt, userId);
    }

    @Test
    void new_passwords_are_stored_as_bcrypt_never_as_sha512() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        String hash = (String) stored(alice).get("PWD_");
        assertThat(hash).startsWith("{BCRYPT-SHA256}$2a$04$").doesNotContain(TestData.PASSWORD);
        assertThat(identityService.checkPassword(alice, TestData.PASSWORD)).isTrue();
        assertThat(identityService.checkPassword(alice, "test-passwore")).isFalse();
    }

    @Test
    void an_old_sha512_hash_still_signs_in_and_is_replaced_by_bcrypt_at_that_sign_in() throws Exception {
        String bob = data.user("bob", Roles.PARTICIPANT);
        giveAnOldSha512Hash(bob, TestData.PASSWORD);
        assertThat((String) stored(bob).get("PWD_")).startsWith("{SHA-512}");

        Http http = new Http(baseUrl());
        HttpResponse<String> login = http.login(bob, TestData.PASSWORD);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        assertThat(http.get("/tasks").statusCode()).isEqualTo(200);

        Map<String, Object> after = stored(bob);
        assertThat((String) after.get("PWD_")).startsWith("{BCRYPT-SHA256}$2a$");
        assertThat(after.get("SALT_")).as("a fresh salt with the fresh hash").isNotEqualTo("b2xkLXNhbHQtMTIzNDU2Nw==");
        assertThat(identityService.checkPassword(bob, TestData.PASSWORD)).as("the password still works").isTrue();
        assertThat(identityService.checkPassword(bob, "not-the-password")).isFalse();
        assertThat(stored(bob).get("PWD_")).as("upgraded once, then left alone").isEqualTo(after.get("PWD_"));
    }

    @Test
    void a_wrong_password_leaves_an_old_hash_as_it_is() throws Exception {
        String carol = data.user("carol", Roles.PARTICIPANT);
        giveAnOldSha512Hash(carol, TestData.PASSWORD);
        String before = (String) stored(carol).get("PWD_");
        assertThat(identityService.checkPassword(carol, "a-wrong-guess-here")).isFalse();
        assertThat(stored(carol).get("PWD_")).isEqualTo(before);
    }

    @Test
    void the_engines_own_check_used_by_cockpit_and_the_rest_api_upgrades_an_old_hash_too() throws Exception {
        String ops = data.user("ops", Roles.ADMIN);
        giveAnOldSha512Hash(ops, TestData.PASSWORD);
        assertThat(identityService.checkPassword(ops, TestData.PASSWORD)).isTrue();
        assertThat((String) stored(ops).get("PWD_")).startsWith("{BCRYPT-SHA256}");
        assertThat(identityService.checkPassword(ops, TestData.PASSWORD)).isTrue();
    }
}

package org.cohorte.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.identity.security.SignInThrottle;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.MemberSummary;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.Http;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Failed sign-ins lock an account for a while, never for good; admins see and open locks; every failure, lock
 * and unlock is logged without the password. Defaults: 5 failures, 15 minutes.
 */
class SignInLockIT extends IntegrationTest {

    private static final String WRONG = "devine-encore-une-fois";

    @Autowired
    IdentityService identityService;
    @Autowired
    MemberService memberService;
    @Autowired
    SignInThrottle throttle;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureTheLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(SignInThrottle.class)).addAppender(log);
    }

    @AfterEach
    void releaseTheLog() {
        ((Logger) LoggerFactory.getLogger(SignInThrottle.class)).detachAppender(log);
    }

    private void failTimes(String userId, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(identityService.checkPassword(userId, WRONG)).isFalse();
        }
    }

    private static void moveClock(Instant start, Duration by) {
        ClockUtil.setCurrentTime(Date.from(start.plus(by)));
    }

    private List<String> logLinesAbout(String userId) {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains("user=" + userId + " ")).toList();
    }

    @Test
    void the_settings_default_to_five_failures_and_fifteen_minutes() {
        assertThat(throttle.maxFailures()).isEqualTo(5);
        assertThat(throttle.lockDuration()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void a_few_typos_do_not_stop_the_right_password_and_a_success_starts_the_count_again() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        failTimes(alice, 4);
        assertThat(identityService.checkPassword(alice, TestData.PASSWORD)).isTrue();
        failTimes(alice, 4);
        assertThat(identityService.checkPassword(alice, TestData.PASSWORD)).isTrue();
    }

    @Test
    void five_failures_lock_the_account_for_fifteen_minutes_even_against_the_right_password_then_it_opens() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(start));
        String bob = data.user("bob", Roles.PARTICIPANT);
        failTimes(bob, 5);

        assertThat(identityService.checkPassword(bob, TestData.PASSWORD)).as("locked: right password refused").isFalse();
        moveClock(start, Duration.ofMinutes(14).plusSeconds(59));
        assertThat(identityService.checkPassword(bob, TestData.PASSWORD)).as("still locked").isFalse();
        moveClock(start, Duration.ofMinutes(15).plusSeconds(1));
        assertThat(identityService.checkPassword(bob, TestData.PASSWORD)).as("the lock has ended by itself").isTrue();
    }

    @Test
    void a_lock_that_ended_gives_five_more_tries_not_a_permanent_lock() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(start));
        String carol = data.user("carol", Roles.ADMIN);
        // Three rounds of five failures: more than Camunda's old permanent lock at ten.
        for (int round = 0; round < 3; round++) {
            moveClock(start, Duration.ofMinutes(16L * round));
            failTimes(carol, 5);
        }
        moveClock(start, Duration.ofMinutes(16L * 3));
        assertThat(identityService.checkPassword(carol, TestData.PASSWORD)).isTrue();
    }

    @Test
    void attempts_made_while_locked_do_not_extend_the_lock() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(start));
        String dan = data.user("dan", Roles.PARTICIPANT);
        failTimes(dan, 5);
        moveClock(start, Duration.ofMinutes(10));
        failTimes(dan, 20);
        moveClock(start, Duration.ofMinutes(15).plusSeconds(1));
        assertThat(identityService.checkPassword(dan, TestData.PASSWORD)).isTrue();
    }

    @Test
    void concurrent_guesses_are_all_counted_and_none_gets_past_the_lock() throws Exception {
        String eve = data.user("eve", Roles.PARTICIPANT);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> guesses = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                guesses.add(pool.submit(() -> identityService.checkPassword(eve, WRONG)));
            }
            for (Future<Boolean> guess : guesses) {
                assertThat(guess.get()).isFalse();
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = logLinesAbout(eve);
        assertThat(lines).as("every guess was counted or refused").hasSize(16);
        assertThat(lines).filteredOn(l -> l.contains("account locked after")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.startsWith("Sign-in failed: ")).hasSize(4);
        assertThat(lines).filteredOn(l -> l.startsWith("Sign-in refused, account locked")).hasSize(11);
        assertThat(identityService.checkPassword(eve, TestData.PASSWORD)).isFalse();
    }

    @Test
    void an_admin_sees_until_when_an_account_is_locked_and_unlocks_it() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(start));
        String admin = data.user("root", Roles.ADMIN);
        String fay = data.user("fay", Roles.PARTICIPANT);
        failTimes(fay, 5);

        MemberSummary listed = data.as(admin, () -> memberService.listMembers()).stream()
                .filter(m -> m.userId().equals(fay)).findFirst().orElseThrow();
        assertThat(listed.signInLockedUntil()).isEqualTo(start.plus(Duration.ofMinutes(15)));
        assertThat(data.as(admin, () -> memberService.getMember(admin)).signInLockedUntil()).isNull();

        data.as(admin, () -> memberService.unlockSignIn(fay));
        assertThat(data.as(admin, () -> memberService.getMember(fay)).signInLockedUntil()).isNull();
        assertThat(identityService.checkPassword(fay, TestData.PASSWORD)).isTrue();
        assertThat(logLinesAbout(fay)).anySatisfy(line -> assertThat(line)
                .startsWith("Account unlocked: user=" + fay + " by=" + admin + " "));
    }

    @Test
    void nobody_but_an_admin_may_unlock_an_account() {
        String gus = data.user("gus", Roles.PARTICIPANT);
        String facilitator = data.user("anim", Roles.FACILITATOR, Roles.MANAGER, Roles.EXPERT);
        failTimes(gus, 5);

        assertThatThrownBy(() -> data.as(facilitator, () -> memberService.unlockSignIn(gus)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> data.as(gus, () -> memberService.unlockSignIn(gus)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> memberService.unlockSignIn(gus)).isInstanceOf(ForbiddenException.class);
        assertThat(identityService.checkPassword(gus, TestData.PASSWORD)).as("still locked").isFalse();
        assertThat(logLinesAbout(gus)).noneMatch(line -> line.startsWith("Account unlocked"));
    }

    @Test
    void camunda_admins_unlock_user_opens_cohortes_lock_too() {
        String admin = data.user("ops", Roles.ADMIN);
        String hal = data.user("hal", Roles.PARTICIPANT);
        failTimes(hal, 5);
        identityService.setAuthentication(admin, List.of(Roles.ADMIN));
        try {
            identityService.unlockUser(hal);
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(identityService.checkPassword(hal, TestData.PASSWORD)).isTrue();
        assertThat(logLinesAbout(hal)).anyMatch(line -> line.contains("by=" + admin));
    }

    @Test
    void the_sign_in_form_answers_alike_for_unknown_user_wrong_password_and_locked_account() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(start));
        String ida = data.user("ida", Roles.PARTICIPANT);
        Http http = new Http(baseUrl());

        HttpResponse<String> unknown = http.login("nobody-" + System.nanoTime(), WRONG);
        HttpResponse<String> wrong = http.login(ida, WRONG);
        for (int i = 0; i < 4; i++) {
            http.login(ida, WRONG);
        }
        HttpResponse<String> locked = http.login(ida, TestData.PASSWORD);

        for (HttpResponse<String> response : List.of(unknown, wrong, locked)) {
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElse("")).isEqualTo(baseUrl() + "/login?error");
        }
        assertThat(http.get("/tasks").statusCode()).as("not signed in").isEqualTo(302);

        moveClock(start, Duration.ofMinutes(16));
        HttpResponse<String> later = http.login(ida, TestData.PASSWORD);
        assertThat(later.headers().firstValue("Location").orElse("")).doesNotContain("error");
        assertThat(http.get("/tasks").statusCode()).isEqualTo(200);
    }

    @Test
    void failures_locks_and_unlocks_are_logged_with_user_and_address_but_never_the_password() {
        String admin = data.user("root", Roles.ADMIN);
        String jo = data.user("jo", Roles.PARTICIPANT);
        Http http = new Http(baseUrl());
        for (int i = 0; i < 5; i++) {
            http.login(jo, WRONG + i);
        }
        http.login(jo, TestData.PASSWORD);
        String stranger = "nobody-" + System.nanoTime();
        http.login(stranger, WRONG);
        data.as(admin, () -> memberService.unlockSignIn(jo));

        List<String> lines = logLinesAbout(jo);
        assertThat(lines).filteredOn(l -> l.startsWith("Sign-in failed: user=" + jo + " address=127.0.0.1 failures="))
                .hasSize(4);
        assertThat(lines).filteredOn(l -> l.startsWith("Sign-in failed, account locked after 5 failures: user=" + jo
                + " address=127.0.0.1 lockedUntil=")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.startsWith("Sign-in refused, account locked: user=" + jo
                + " address=127.0.0.1")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.startsWith("Account unlocked: user=" + jo + " by=" + admin)).hasSize(1);
        assertThat(logLinesAbout(stranger)).containsExactly(
                "Sign-in failed, unknown user: user=" + stranger + " address=127.0.0.1");
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains(WRONG) || line.contains(TestData.PASSWORD));
    }
}

package org.cohorte.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.Http;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * One line per request in the application's log (the test profile writes it to target/test-logs): who, what,
 * how it ended and how long it took; never the query string, never the token.
 */
class RequestLogIT extends IntegrationTest {

    private static final Path LOG = Path.of("target/test-logs/cohorte-test.log");

    @Test
    void a_request_is_one_line_with_the_user_and_the_duration_but_not_the_query() throws Exception {
        String user = data.user("rq-member", Roles.PARTICIPANT);
        String token = data.token(user);
        Http http = new Http(baseUrl());
        assertThat(http.get("/api/tasks?filter=ALL&limit=5&secret=ne-pas-journaliser", token).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/tasks", null).statusCode()).isEqualTo(401);

        List<String> mine = waitForLines("user=" + user);
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0)).matches(".*org\\.cohorte\\.requests\\s*: GET /api/tasks 200 \\d+ ms user=" + user + "$");
        String all = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(all).doesNotContain("ne-pas-journaliser").doesNotContain(token);
        assertThat(all).containsPattern("GET /api/tasks 401 \\d+ ms user=-");
    }

    private static List<String> waitForLines(String text) throws IOException, InterruptedException {
        for (int i = 0; i < 50; i++) {
            List<String> lines = Files.readAllLines(LOG, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.contains("org.cohorte.requests") && l.endsWith(text)).toList();
            if (!lines.isEmpty()) {
                return lines;
            }
            Thread.sleep(100);
        }
        return List.of();
    }
}

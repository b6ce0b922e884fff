package org.cohorte.codevelopment;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.SqlStatements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A group's history costs the same few queries whatever its number of sessions. */
class SessionHistoryQueriesIT extends IntegrationTest {

    @Autowired
    CodevFixture fixture;
    @Autowired
    CodevSessionService sessionService;
    @Autowired
    DataSource dataSource;

    private long historyStatements(CodevFixture.Group group, int expectedSessions) {
        return SqlStatements.all(dataSource, () -> assertThat(data.as(group.facilitator(),
                () -> sessionService.history(group.id()))).hasSize(expectedSessions));
    }

    @Test
    void a_history_of_twelve_sessions_reads_no_more_than_a_history_of_two() {
        CodevFixture.Group group = fixture.group(4);
        fixture.launch(group, SessionMode.ASYNC);
        fixture.launch(group, SessionMode.ASYNC);
        long two = historyStatements(group, 2);
        for (int i = 0; i < 10; i++) {
            fixture.launch(group, SessionMode.ASYNC);
        }
        long twelve = historyStatements(group, 12);
        // Sessions, participants, learnings, action counts and names: one query each, not one per session.
        System.out.printf("History statements: 2 sessions %d, 12 sessions %d%n", two, twelve);
        assertThat(two).isPositive();
        assertThat(twelve).isLessThanOrEqualTo(two + 1);
    }
}

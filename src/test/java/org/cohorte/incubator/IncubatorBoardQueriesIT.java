package org.cohorte.incubator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import javax.sql.DataSource;

import org.cohorte.incubator.service.IncubatorPortfolio;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.SqlStatements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The incubator board (and the portfolio behind it) costs the same few queries whatever its number of cards. */
class IncubatorBoardQueriesIT extends IntegrationTest {

    @Autowired
    IncubatorFixture fixture;
    @Autowired
    IncubatorPortfolio portfolio;
    @Autowired
    IncubatorService incubator;
    @Autowired
    DataSource dataSource;

    private long boardStatements(IncubatorFixture.Cast cast, int expected) {
        return SqlStatements.all(dataSource, () -> data.as(cast.committee(), () -> {
            assertThat(portfolio.portfolio(Set.of(cast.organization())).experiments()).hasSize(expected);
            assertThat(incubator.board(cast.organization(), null)).hasSize(expected);
            return null;
        }));
    }

    @Test
    void a_board_of_twenty_two_experiments_reads_no_more_than_a_board_of_two() {
        IncubatorFixture.Cast cast = fixture.cast();
        fixture.propose(cast, 1000, 4);
        fixture.propose(cast, 1000, 4);
        long two = boardStatements(cast, 2);
        for (int i = 0; i < 20; i++) {
            fixture.propose(cast, 1000, 4);
        }
        long twentyTwo = boardStatements(cast, 22);
        // Experiments with their teams, iterations, decisions and check-ins: one query each, not one per card.
        System.out.printf("Board statements: 2 experiments %d, 22 experiments %d%n", two, twentyTwo);
        assertThat(two).isPositive();
        assertThat(twentyTwo).isLessThanOrEqualTo(two + 2);
    }
}

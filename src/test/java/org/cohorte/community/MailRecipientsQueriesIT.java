package org.cohorte.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.cohorte.base.outbox.Outbox;
import org.cohorte.community.service.CommunityNotifier;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.SqlStatements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Telling many people of one event reads their languages, digest choices and addresses at once, not one by one. */
class MailRecipientsQueriesIT extends IntegrationTest {

    @Autowired
    CommunityNotifier notifier;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    DataSource dataSource;

    private List<String> people(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(data.user("lecteur", Roles.PARTICIPANT));
        }
        return ids;
    }

    private long selects(List<String> recipients) {
        return SqlStatements.selectsOnH2(dataSource, () -> transaction.executeWithoutResult(s ->
                notifier.notify(recipients, null, "community.notify.reminder", List.of("Délais"), "question/x")));
    }

    @Test
    void sixty_recipients_cost_no_more_reads_than_five() {
        org.junit.jupiter.api.Assumptions.assumeTrue(SqlStatements.isH2(dataSource), "H2 keeps each statement's text");
        List<String> few = people(5);
        List<String> many = people(60);
        long small = selects(few);
        long large = selects(many);
        // Every recipient got a mail in the outbox, with their own address.
        many.forEach(id -> assertThat(outbox.messagesFor(id)).singleElement()
                .satisfies(m -> assertThat(m.toAddress()).isEqualTo(id + "@test.local")));
        System.out.printf("Notify selects: 5 recipients %d, 60 recipients %d%n", small, large);
        assertThat(small).isPositive();
        assertThat(large).isLessThanOrEqualTo(small + 2);
    }
}

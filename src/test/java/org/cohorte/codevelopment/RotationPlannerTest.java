package org.cohorte.codevelopment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.cohorte.codevelopment.service.RotationPlanner;
import org.cohorte.codevelopment.service.RotationPlanner.Member;
import org.cohorte.codevelopment.service.RotationPlanner.Standing;
import org.cohorte.codevelopment.service.RotationPlanner.Turn;
import org.junit.jupiter.api.Test;

class RotationPlannerTest {

    private static final Instant T0 = Instant.parse("2026-01-05T14:00:00Z");

    private static Instant week(int n) {
        return T0.plus(7L * n, ChronoUnit.DAYS);
    }

    private static Member member(String id) {
        return new Member(id, T0.minus(1, ChronoUnit.DAYS), null);
    }

    private static String next(List<Member> members, List<Turn> turns, Instant now) {
        return RotationPlanner.order(members, turns, now).get(0).userId();
    }

    @Test
    void with_no_history_the_earliest_member_to_join_then_the_first_id_is_suggested() {
        List<Member> members = List.of(member("dora"), member("ben"), new Member("anna", T0, null), member("carl"));
        assertThat(RotationPlanner.order(members, List.of(), week(0))).extracting(Standing::userId)
                .containsExactly("ben", "carl", "dora", "anna");
    }

    @Test
    void everyone_is_client_once_per_cycle_and_the_next_cycle_starts_with_the_longest_ago() {
        List<Member> members = List.of(member("a"), member("b"), member("c"), member("d"));
        List<Turn> turns = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String client = next(members, turns, week(i));
            order.add(client);
            turns.add(new Turn(client, week(i)));
        }
        assertThat(order.subList(0, 4)).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(order.subList(4, 8)).containsExactlyElementsOf(order.subList(0, 4));
    }

    @Test
    void within_a_cycle_the_least_client_comes_first_and_ties_go_to_the_longest_ago() {
        List<Member> members = List.of(member("a"), member("b"), member("c"), member("d"));
        // Cycle 1 complete (a, b, c, d), cycle 2 has had c then a.
        List<Turn> turns = List.of(new Turn("a", week(0)), new Turn("b", week(1)), new Turn("c", week(2)),
                new Turn("d", week(3)), new Turn("c", week(4)), new Turn("a", week(5)));
        List<Standing> order = RotationPlanner.order(members, turns, week(6));
        assertThat(order).extracting(Standing::userId).containsExactly("b", "d", "c", "a");
        assertThat(order.get(0).timesInCycle()).isZero();
        assertThat(order.get(0).lastTime()).isEqualTo(week(1));
        assertThat(order.get(3).timesInCycle()).isEqualTo(1);
    }

    @Test
    void a_member_who_joins_mid_cycle_has_not_been_client_and_comes_first() {
        List<Member> members = new ArrayList<>(List.of(member("a"), member("b"), member("c"), member("d")));
        List<Turn> turns = List.of(new Turn("a", week(0)), new Turn("b", week(1)));
        members.add(new Member("eve", week(1).plusSeconds(60), null));
        assertThat(RotationPlanner.order(members, turns, week(2))).extracting(Standing::userId)
                .containsExactly("c", "d", "eve", "a", "b");
        // The cycle is not complete until the newcomer has been client too.
        List<Turn> more = new ArrayList<>(turns);
        more.add(new Turn("c", week(2)));
        more.add(new Turn("d", week(3)));
        assertThat(next(members, more, week(4))).isEqualTo("eve");
        more.add(new Turn("eve", week(4)));
        assertThat(next(members, more, week(5))).isEqualTo("a");
    }

    @Test
    void a_member_who_left_is_never_suggested_and_no_longer_holds_the_cycle_open() {
        List<Member> members = List.of(member("a"), member("b"), member("c"),
                new Member("d", T0.minus(1, ChronoUnit.DAYS), week(2).plusSeconds(60)));
        List<Turn> turns = List.of(new Turn("a", week(0)), new Turn("b", week(1)), new Turn("c", week(3)));
        List<Standing> order = RotationPlanner.order(members, turns, week(4));
        assertThat(order).extracting(Standing::userId).doesNotContain("d");
        // a, b, c served and d left: the cycle closed with c; a (longest ago) opens the new one.
        assertThat(order).extracting(Standing::userId).containsExactly("a", "b", "c");
        assertThat(order).allSatisfy(s -> assertThat(s.timesInCycle()).isZero());
    }

    @Test
    void cancelled_turns_are_left_out_by_the_caller_and_a_member_who_comes_back_counts_again() {
        List<Member> members = List.of(member("a"), member("b"), member("c"), new Member("d", week(3), null));
        List<Turn> turns = List.of(new Turn("a", week(0)), new Turn("d", week(1)));
        // d was client before leaving and joining again: their past turn still counts as "longest ago".
        List<Standing> order = RotationPlanner.order(members, turns, week(4));
        assertThat(order).extracting(Standing::userId).containsExactly("b", "c", "a", "d");
    }
}

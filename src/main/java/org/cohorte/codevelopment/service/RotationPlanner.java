package org.cohorte.codevelopment.service;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who should be the next client. A cycle ends when every member who belonged to the group at that moment
 * has been client once; within the current cycle, the member who has been client least comes first, then
 * the one who was client longest ago (never first), then the earliest to join, then by id, so that the
 * answer is always the same for the same history. Members who left are never suggested; a member who joins
 * mid-cycle has not been client in it and so comes first.
 */
public final class RotationPlanner {

    /** A member of the group; {@code leftAt} null while they belong to it. */
    public record Member(String userId, Instant joinedAt, Instant leftAt) {
        boolean activeAt(Instant at) {
            return !joinedAt.isAfter(at) && (leftAt == null || leftAt.isAfter(at));
        }
    }

    /** A past or planned session that was not cancelled. */
    public record Turn(String clientId, Instant at) {
    }

    /** Where one active member stands in the rotation. */
    public record Standing(String userId, int timesInCycle, Instant lastTime) {
    }

    private RotationPlanner() {
    }

    /** The active members, the suggested next client first. */
    public static List<Standing> order(List<Member> members, List<Turn> turns, Instant now) {
        List<Turn> chronological = turns.stream().sorted(Comparator.comparing(Turn::at)).toList();
        Set<String> servedInCycle = new HashSet<>();
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Instant> last = new HashMap<>();
        for (Turn turn : chronological) {
            servedInCycle.add(turn.clientId());
            counts.merge(turn.clientId(), 1, Integer::sum);
            last.put(turn.clientId(), turn.at());
            boolean everyoneServed = members.stream().filter(m -> m.activeAt(turn.at()))
                    .allMatch(m -> servedInCycle.contains(m.userId()));
            if (everyoneServed) {
                servedInCycle.clear();
                counts.clear();
            }
        }
        Map<String, Instant> joined = new HashMap<>();
        members.forEach(m -> joined.put(m.userId(), m.joinedAt()));
        return members.stream().filter(m -> m.leftAt() == null || m.leftAt().isAfter(now))
                .map(m -> new Standing(m.userId(), counts.getOrDefault(m.userId(), 0), last.get(m.userId())))
                .sorted(Comparator.comparingInt(Standing::timesInCycle)
                        .thenComparing(Standing::lastTime, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(s -> joined.get(s.userId()))
                        .thenComparing(Standing::userId))
                .toList();
    }
}

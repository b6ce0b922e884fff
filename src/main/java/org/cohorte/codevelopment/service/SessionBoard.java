package org.cohorte.codevelopment.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.cohorte.codevelopment.domain.EntryKind;
import org.cohorte.codevelopment.domain.ParticipantRole;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.domain.SessionStatus;

/** Everything the live board shows of a session, for a reader of the group's cases. */
public record SessionBoard(UUID id, UUID groupId, String groupName, SessionMode mode, SessionStatus status,
                           Instant scheduledAt, int currentStep, Instant stepEndsAt, List<Integer> timeboxes,
                           String clientId, String clientName, String facilitatorId, String facilitatorName,
                           String caseTitle, String caseContext, String caseTried, String caseStakes,
                           String contract, String synthesis, boolean consent, String followUpReport,
                           String cancelReason, List<Participant> participants, List<Entry> questions,
                           List<Entry> contributions, List<Entry> learnings, List<Action> actions,
                           Role myRole, long version, String videoUrl, List<StepNote> notes) {

    public enum Role { CLIENT, CONSULTANT, FACILITATOR, MEMBER }

    public record Participant(String userId, String name, ParticipantRole role, boolean present) {
    }

    public record Entry(UUID id, EntryKind kind, String authorId, String authorName, String body, String answer,
                        Integer rating, Instant createdAt, long version) {
    }

    /** The facilitator's notes of one step; {@code revision} is what a save must name (0: none yet). */
    public record StepNote(int step, String body, String authorName, Instant updatedAt, long revision) {
    }

    /** The notes of {@code step}, or an empty one (revision 0). */
    public StepNote note(int step) {
        return notes.stream().filter(n -> n.step() == step).findFirst()
                .orElse(new StepNote(step, null, null, null, 0));
    }

    public record Action(UUID id, String body, LocalDate dueDate, String outcome) {
    }
}

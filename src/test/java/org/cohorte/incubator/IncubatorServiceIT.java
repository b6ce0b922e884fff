package org.cohorte.incubator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.Roles;
import org.cohorte.incubator.api.ExperimentPortfolio;
import org.cohorte.incubator.api.ExperimentSnapshot;
import org.cohorte.incubator.domain.DecisionKind;
import org.cohorte.incubator.domain.Experiment;
import org.cohorte.incubator.domain.ExperimentRepository;
import org.cohorte.incubator.domain.ProposalData;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.incubator.service.PortfolioWorkbookExporter;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Rules, confidentiality, publishing, the portfolio contract and the workbook. */
class IncubatorServiceIT extends IntegrationTest {

    @Autowired
    IncubatorService incubator;
    @Autowired
    IncubatorFixture fixture;
    @Autowired
    ExperimentRepository experiments;
    @Autowired
    ExperimentPortfolio portfolio;
    @Autowired
    PortfolioWorkbookExporter exporter;
    @Autowired
    CommunityService communityService;
    @Autowired
    KnowledgeBaseService knowledgeBaseService;
    @Autowired
    MemberService members;

    private IncubatorFixture.Cast cast;

    @BeforeEach
    void setUp() {
        cast = fixture.cast();
    }

    private ProposalData without(String field) {
        ProposalData p = fixture.proposal(cast, 1000, 6);
        return new ProposalData(p.title(), p.organizationId(), p.sponsorId(), p.team(), p.problem(),
                field.equals("hypothesis") ? "  " : p.hypothesis(), field.equals("metric") ? "" : p.metric(),
                p.metricUnit(), field.equals("criterion") ? null : p.threshold(), p.higherIsBetter(), p.durationWeeks(),
                p.budget(), p.resources());
    }

    @Test
    void a_proposal_without_hypothesis_metric_or_criterion_cannot_be_submitted() {
        long before = experiments.count();
        data.as(cast.proposer(), () -> {
            assertThatThrownBy(() -> incubator.propose(without("hypothesis"))).isInstanceOf(CohorteException.class)
                    .hasMessageContaining("incubator.error.hypothesisRequired");
            assertThatThrownBy(() -> incubator.propose(without("metric"))).isInstanceOf(CohorteException.class)
                    .hasMessageContaining("incubator.error.metricRequired");
            assertThatThrownBy(() -> incubator.propose(without("criterion"))).isInstanceOf(CohorteException.class)
                    .hasMessageContaining("incubator.error.criterionRequired");
            ProposalData p = fixture.proposal(cast, 1000, 6);
            assertThatThrownBy(() -> incubator.propose(new ProposalData(p.title(), p.organizationId(), "nobody-here",
                    p.team(), p.problem(), p.hypothesis(), p.metric(), p.metricUnit(), p.threshold(), true, 6, 0, null)))
                    .isInstanceOf(CohorteException.class).hasMessageContaining("incubator.error.unknownPerson");
            assertThatThrownBy(() -> incubator.propose(new ProposalData(p.title(), p.organizationId(), p.sponsorId(),
                    p.team(), p.problem(), p.hypothesis(), p.metric(), p.metricUnit(), p.threshold(), true, 0, 0, null)))
                    .isInstanceOf(CohorteException.class).hasMessageContaining("incubator.error.durationInvalid");
        });
        assertThat(experiments.count()).isEqualTo(before);
        assertThat(fixture.instance(UUID.randomUUID())).isNull();
    }

    @Test
    void only_the_team_the_sponsor_and_the_committee_see_an_unpublished_experiment() {
        UUID id = fixture.propose(cast, 1000, 6);
        String admin = data.user("root", Roles.ADMIN);
        for (String viewer : List.of(cast.proposer(), cast.teammate(), cast.sponsor(), cast.committee2())) {
            assertThat(data.as(viewer, () -> incubator.get(id).getId())).as(viewer).isEqualTo(id);
            assertThat(data.as(viewer, () -> incubator.board(cast.organization(), null))).as(viewer)
                    .extracting(Experiment::getId).containsExactly(id);
        }
        for (String viewer : List.of(cast.outsider(), admin)) {
            data.as(viewer, () -> {
                assertThatThrownBy(() -> incubator.get(id)).isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> incubator.history(id)).isInstanceOf(NotFoundException.class);
                assertThat(incubator.board(cast.organization(), null)).isEmpty();
                assertThat(incubator.visible(id)).isFalse();
                assertThat(portfolio.visibleSnapshots(Set.of(cast.organization()))).isEmpty();
                // Counts cover every experiment, as the steering room needs.
                assertThat(portfolio.countsByStage(Set.of(cast.organization()))).containsEntry("IN_REVIEW", 1L);
            });
        }
    }

    @Test
    void a_committee_member_on_the_team_cannot_decide_on_it() {
        ProposalData p = fixture.proposal(cast, 1000, 6);
        UUID id = data.as(cast.proposer(), () -> incubator.propose(new ProposalData(p.title(), p.organizationId(),
                p.sponsorId(), Set.of(cast.teammate(), cast.committee()), p.problem(), p.hypothesis(), p.metric(),
                p.metricUnit(), p.threshold(), false, 6, 1000, null)));
        String review = fixture.task(id, IncubatorService.TASK_REVIEW).getId();
        data.as(cast.committee(), () -> assertThatThrownBy(() -> incubator.review(review, DecisionKind.APPROVE, ""))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("incubator.error.committeeOnTeam"));
        // A member outside the committee is not offered the task at all.
        data.as(cast.teammate(), () -> assertThatThrownBy(() -> incubator.review(review, DecisionKind.APPROVE, ""))
                .isInstanceOf(NotFoundException.class));
        data.as(cast.committee2(), () -> incubator.review(review, DecisionKind.APPROVE, ""));
        assertThat(fixture.task(id, IncubatorService.TASK_TEST_CARD)).isNotNull();
    }

    @Test
    void the_committee_member_on_the_team_cannot_take_the_final_decision_either() {
        ProposalData p = fixture.proposal(cast, 1000, 6);
        IncubatorFixture.Cast teamWithCommittee = new IncubatorFixture.Cast(cast.proposer(), cast.committee(),
                cast.sponsor(), cast.committee2(), cast.committee2(), cast.outsider(), cast.organization());
        UUID id = fixture.awaitingDecision(teamWithCommittee, 14);
        String decision = fixture.task(id, IncubatorService.TASK_DECISION).getId();
        data.as(cast.committee(), () -> assertThatThrownBy(() -> incubator.decide(decision, DecisionKind.SCALE, "", 0))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("incubator.error.committeeOnTeam"));
        assertThat(p).isNotNull();
    }

    @Test
    void the_learning_card_is_published_to_a_community_and_the_experiment_becomes_visible() {
        UUID id = fixture.awaitingDecision(cast, 14);
        UUID community = communityWithTheTeammate();
        // Not a member of the community: refused, nothing published.
        data.as(cast.proposer(), () -> assertThatThrownBy(() -> incubator.publishLearning(id, community, null, null))
                .isInstanceOf(CohorteException.class));
        // Not on the team: refused.
        data.as(cast.committee2(), () -> assertThatThrownBy(() -> incubator.publishLearning(id, community, null, null))
                .isInstanceOf(ForbiddenException.class));
        data.as(cast.outsider(), () -> assertThatThrownBy(() -> incubator.get(id)).isInstanceOf(NotFoundException.class));

        UUID article = data.as(cast.teammate(), () -> incubator.publishLearning(id, community, null, List.of("incubateur")));
        var published = data.as(cast.teammate(), () -> knowledgeBaseService.get(article));
        assertThat(published.title()).isEqualTo("Prise de rendez-vous en ligne");
        assertThat(published.body()).contains("Valeur observée : 14.0").contains("La réservation en ligne attire surtout les jeunes");
        assertThat(data.as(cast.teammate(), () -> knowledgeBaseService.fromSource(IncubatorService.SOURCE_TYPE, id.toString())))
                .extracting(a -> a.id()).containsExactly(article);
        assertThat(data.as(cast.outsider(), () -> incubator.get(id).isPublished())).isTrue();
        assertThat(data.as(cast.outsider(), () -> incubator.history(id).iterations().get(0).getKnowledgeArticleId()))
                .isEqualTo(article);
    }

    @Test
    void the_learning_note_is_written_in_the_publishers_language() {
        UUID id = fixture.awaitingDecision(cast, 14);
        UUID community = communityWithTheTeammate();
        data.as(cast.teammate(), () -> members.setMyLanguage("en"));
        UUID article = data.as(cast.teammate(), () -> incubator.publishLearning(id, community, null, null));
        var published = data.as(cast.teammate(), () -> knowledgeBaseService.get(article));
        assertThat(published.body()).contains("Observed value: 14.0").contains("We believe:")
                .doesNotContain("Valeur observée");
        assertThat(published.tags()).containsExactly("incubator");
    }

    @Test
    void the_portfolio_workbook_lists_experiments_iterations_decisions_and_metric_values() throws IOException {
        UUID id = fixture.awaitingDecision(cast, 14);
        String decision = fixture.task(id, IncubatorService.TASK_DECISION).getId();
        data.as(cast.committee2(), () -> incubator.decide(decision, DecisionKind.SCALE, "Bravo", 0));
        UUID hidden = fixture.propose(fixture.cast(), 1000, 6);

        List<ExperimentSnapshot> snapshots = data.as(cast.sponsor(), () -> portfolio.visibleSnapshots(Set.of(cast.organization())));
        assertThat(snapshots).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.stage()).isEqualTo("SCALED");
            assertThat(s.iterations()).isEqualTo(1);
            assertThat(s.lastDecision()).isEqualTo("SCALE");
            assertThat(s.lastMetricValue()).isEqualTo(14.0);
            assertThat(s.metricUnit()).isEqualTo("min");
        });

        byte[] bytes = data.as(cast.sponsor(), () -> exporter.export(Set.of(), Locale.FRENCH));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(4);
            Sheet sheet = workbook.getSheet("Expérimentations");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Titre");
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("Étape");
            assertThat(sheet.getRow(0).getCell(0).getCellStyle().getFillForegroundColor()).isNotZero();
            int row = findRow(sheet, "Prise de rendez-vous en ligne");
            var r = sheet.getRow(row);
            assertThat(r.getCell(2).getStringCellValue()).isEqualTo("Passée à l’échelle");
            assertThat(r.getCell(3).getNumericCellValue()).isEqualTo(1.0);
            assertThat(r.getCell(4).getStringCellValue()).isEqualTo("Passer à l’échelle");
            assertThat(r.getCell(5).getStringCellValue()).isEqualTo("Temps d’attente moyen");
            assertThat(r.getCell(6).getStringCellValue()).isEqualTo("min");
            assertThat(r.getCell(7).getNumericCellValue()).isEqualTo(15.0);
            assertThat(r.getCell(8).getStringCellValue()).isEqualTo("Plus c’est bas, mieux c’est (≤)");
            assertThat(r.getCell(9).getNumericCellValue()).isEqualTo(14.0);
            assertThat(r.getCell(10).getNumericCellValue()).isEqualTo(6.0);
            assertThat(r.getCell(12).getCellType()).isEqualTo(CellType.NUMERIC);
            // The sponsor of one experiment does not see another team's proposal.
            assertThat(sheet.getLastRowNum()).isEqualTo(countVisible(cast.sponsor()));

            Sheet iterations = workbook.getSheet("Itérations");
            var it = iterations.getRow(findRow(iterations, "Prise de rendez-vous en ligne"));
            assertThat(it.getCell(1).getNumericCellValue()).isEqualTo(1.0);
            assertThat(it.getCell(2).getStringCellValue()).isEqualTo("Les citoyens préfèrent réserver en ligne");
            assertThat(it.getCell(6).getNumericCellValue()).isEqualTo(14.0);
            assertThat(it.getCell(9).getStringCellValue()).isEqualTo("Passer à l’échelle");

            Sheet decisions = workbook.getSheet("Décisions");
            int first = findRow(decisions, "Prise de rendez-vous en ligne");
            assertThat(decisions.getRow(first).getCell(2).getStringCellValue()).isEqualTo("Approuvée");
            assertThat(decisions.getRow(first + 1).getCell(2).getStringCellValue()).isEqualTo("Passer à l’échelle");
            assertThat(decisions.getRow(first + 1).getCell(4).getStringCellValue()).isEqualTo("Bravo");
            assertThat(decisions.getRow(first + 1).getCell(5).getStringCellValue()).isEqualTo(cast.committee2());

            Sheet checkIns = workbook.getSheet("Mesures hebdomadaires");
            var ci = checkIns.getRow(findRow(checkIns, "Prise de rendez-vous en ligne"));
            assertThat(ci.getCell(2).getNumericCellValue()).isEqualTo(1.0);
            assertThat(ci.getCell(3).getNumericCellValue()).isEqualTo(20.0);
            assertThat(ci.getCell(5).getStringCellValue()).isEqualTo("Bon départ");
        }
        byte[] english = data.as(cast.sponsor(), () -> exporter.export(Set.of(cast.organization()), Locale.ENGLISH));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(english))) {
            Sheet sheet = workbook.getSheet("Experiments");
            assertThat(sheet.getLastRowNum()).isEqualTo(1);
            assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("Scaled");
        }
        assertThat(hidden).isNotNull();
    }

    private long countVisible(String user) {
        return data.as(user, () -> incubator.board(null, null).size());
    }

    private static int findRow(Sheet sheet, String title) {
        for (int i = 1; i <= sheet.getLastRowNum(); i++) {
            if (sheet.getRow(i) != null && title.equals(sheet.getRow(i).getCell(0).getStringCellValue())) {
                return i;
            }
        }
        throw new AssertionError(title + " not in " + sheet.getSheetName());
    }

    /** A community a facilitator runs, with the experiment's teammate as a member: where learning notes go. */
    private UUID communityWithTheTeammate() {
        String facilitator = data.user("claire", Roles.FACILITATOR);
        return data.as(facilitator, () -> {
            UUID c = communityService.create("Innovation " + UUID.randomUUID(), "Innovation", "Charte", false).getId();
            communityService.addMember(c, facilitator, CommunityRole.FACILITATOR);
            communityService.addMember(c, cast.teammate(), CommunityRole.MEMBER);
            return c;
        });
    }
}

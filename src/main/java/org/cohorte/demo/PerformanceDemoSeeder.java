package org.cohorte.demo;

import org.cohorte.base.startup.StartupTask;
import org.cohorte.base.time.CohorteClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;


import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.cohorte.base.time.EngineClock;
import org.cohorte.blocker.domain.BlockerSource;
import org.cohorte.blocker.service.BlockerResolutionService;
import org.cohorte.blocker.service.BlockerService;
import org.cohorte.identity.domain.Organization;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;
import org.cohorte.identity.service.SystemIdentity;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.Period;
import org.cohorte.performance.domain.Review;
import org.cohorte.performance.service.ImportResult;
import org.cohorte.performance.service.IndicatorImportService;
import org.cohorte.performance.service.IndicatorService;
import org.cohorte.performance.service.ReviewService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * GAR demo data: objectives and indicators for MSSS and SCT with values over the last quarters (brought in
 * through the .xlsx import, as a manager would), the last quarter's MSSS review in progress, and blockers of
 * various ages (one escalated to the forum when its SLA runs out). Runs once, when MSSS has no objective.
 */
@Component
public class PerformanceDemoSeeder implements StartupTask {

    private static final Logger LOG = LoggerFactory.getLogger(PerformanceDemoSeeder.class);

    private final boolean enabled;
    private final OrganizationService organizationService;
    private final IndicatorService indicatorService;
    private final IndicatorImportService importService;
    private final ReviewService reviewService;
    private final BlockerService blockerService;
    private final BlockerResolutionService resolutionService;
    private final TaskService taskService;
    private final TransactionTemplate transaction;

    private final CohorteClock clock;

    public PerformanceDemoSeeder(@Value("${cohorte.demo.enabled:false}") boolean enabled,
                                 OrganizationService organizationService, IndicatorService indicatorService,
                                 IndicatorImportService importService, ReviewService reviewService,
                                 BlockerService blockerService, BlockerResolutionService resolutionService,
                                 TaskService taskService, TransactionTemplate transaction, CohorteClock clock) {
        this.clock = clock;
        this.enabled = enabled;
        this.organizationService = organizationService;
        this.indicatorService = indicatorService;
        this.importService = importService;
        this.reviewService = reviewService;
        this.blockerService = blockerService;
        this.resolutionService = resolutionService;
        this.taskService = taskService;
        this.transaction = transaction;
    }

    @Override
    public int startupOrder() {
        // Before the incubator's: its scaled experiment adds an objective, and this seeder only seeds an empty MSSS.
        return 120;
    }

    @Override
    public void runAtStartup() {
        if (!enabled) {
            return;
        }
        UUID msss = organization("MSSS");
        UUID sct = organization("SCT");
        if (msss == null || sct == null) {
            return;
        }
        boolean seeded = SystemIdentity.runAsAdministrator("demo-performance",
                () -> !indicatorService.objectives(msss).isEmpty());
        if (!seeded) {
            seed(msss, sct);
        }
    }

    private UUID organization(String acronym) {
        return SystemIdentity.runAsAdministrator("demo-performance", () -> organizationService.list().stream()
                .filter(o -> acronym.equals(o.getAcronym())).map(Organization::getId).findFirst().orElse(null));
    }

    /** One transaction per step: the review and the blockers start processes that commit with them. */
    public void seed(UUID msss, UUID sct) {
        Period last = Period.lastEndedBefore(EngineClock.today().plusDays(1));
        List<Period> history = List.of(last.previous().previous().previous(), last.previous().previous(), last.previous());
        LocalDate baseline = history.get(0).start();
        LocalDate target = last.next().next().next().end();

        transaction.executeWithoutResult(s -> as("gestionnaire", List.of(Roles.MANAGER, Roles.PARTICIPANT), () -> {
            XSSFWorkbook book = new XSSFWorkbook();
            Sheet defs = book.createSheet("Indicateurs");
            Sheet values = book.createSheet("Mesures");
            row(defs, 0, "Objectif", "Indicateur", "Unité", "Réf.", "Date réf.", "Cible", "Date cible", "Sens", "Fréquence",
                    "Responsable", "Validateur");
            row(values, 0, "Indicateur", "Période", "Valeur", "Commentaire", "Preuve");
            row(defs, 1, "Améliorer l’accès aux soins", "Délai moyen d’attente en chirurgie", "jours", 120, baseline.toString(),
                    80, target.toString(), "LOWER", "QUARTERLY", "membre", "expert");
            row(defs, 2, "Améliorer l’accès aux soins", "Patients inscrits auprès d’un médecin de famille", "%", 78,
                    baseline.toString(), 90, target.toString(), "HIGHER", "QUARTERLY", "membre", "expert");
            row(defs, 3, "Soutenir le personnel", "Taux de roulement du personnel infirmier", "%", 14, baseline.toString(),
                    10, target.toString(), "LOWER", "QUARTERLY", "expert", "gestionnaire");
            row(defs, 4, "Soutenir le personnel", "Heures de formation par employé", "heures", 10, baseline.toString(),
                    20, target.toString(), "HIGHER", "SEMIANNUAL", "expert", "gestionnaire");
            double[][] series = {{118, 112, 109}, {78.5, 80, 82.5}, {14.2, 14.8, 15.1}, {11, 11, 13}};
            String[] names = {"Délai moyen d’attente en chirurgie", "Patients inscrits auprès d’un médecin de famille",
                    "Taux de roulement du personnel infirmier", "Heures de formation par employé"};
            String[][] comments = {{"Reprise des blocs opératoires", null, "Deux salles rouvertes"},
                    {null, "Campagne d’inscription", null}, {null, "Départs à la retraite", "Pénurie persistante"},
                    {null, null, "Nouveau programme de mentorat"}};
            int r = 1;
            for (int i = 0; i < names.length; i++) {
                for (int p = 0; p < history.size(); p++) {
                    row(values, r++, names[i], history.get(p).label(), series[i][p], comments[i][p], null);
                }
            }
            check(importService.importWorkbook(msss, new ByteArrayInputStream(bytes(book))));
        }));

        transaction.executeWithoutResult(s -> SystemIdentity.runAsAdministrator("demo-performance", () -> {
            XSSFWorkbook book = new XSSFWorkbook();
            Sheet defs = book.createSheet("Indicateurs");
            Sheet values = book.createSheet("Mesures");
            row(defs, 0, "Objectif");
            row(values, 0, "Indicateur");
            row(defs, 1, "Services publics numériques", "Démarches offertes en ligne", "%", 35, baseline.toString(), 70,
                    target.toString(), "HIGHER", "QUARTERLY", "animateur", "comite");
            row(defs, 2, "Services publics numériques", "Satisfaction des citoyens en ligne", "%", 72, baseline.toString(),
                    80, target.toString(), "HIGHER", "QUARTERLY", "animateur", "comite");
            row(defs, 3, "Saine gestion des fonds", "Délai de paiement des fournisseurs", "jours", 38, baseline.toString(),
                    30, target.toString(), "LOWER", "QUARTERLY", "comite", "animateur");
            double[][] series = {{38, 43, 47, 52}, {72, 73, 71, 70}, {37, 35, 34, 33}};
            String[] names = {"Démarches offertes en ligne", "Satisfaction des citoyens en ligne",
                    "Délai de paiement des fournisseurs"};
            int r = 1;
            List<Period> withLast = List.of(history.get(0), history.get(1), history.get(2), last);
            for (int i = 0; i < names.length; i++) {
                for (int p = 0; p < withLast.size(); p++) {
                    row(values, r++, names[i], withLast.get(p).label(), series[i][p], p == 3 ? "Valeur du trimestre" : null, null);
                }
            }
            check(importService.importWorkbook(sct, new ByteArrayInputStream(bytes(book))));
        }));

        // The last quarter's MSSS review is under way: one value entered, awaiting its validator.
        transaction.executeWithoutResult(s -> as("gestionnaire", List.of(Roles.MANAGER, Roles.PARTICIPANT), () -> {
            Review review = reviewService.startReview(msss, last.label());
            Task entry = taskService.createTaskQuery().processInstanceId(review.getProcessInstanceId())
                    .taskAssignee("membre").taskDefinitionKey(ReviewService.TASK_ENTER).list().stream()
                    .filter(t -> "Délai moyen d’attente en chirurgie".equals(taskService.getVariable(t.getId(), "indicatorName")))
                    .findFirst().orElse(null);
            if (entry != null) {
                as("membre", List.of(Roles.PARTICIPANT), () -> reviewService.submitMeasurement(entry.getId(), 104.0,
                        "Deux salles rouvertes en septembre", "https://www.quebec.ca/sante"));
            }
        }));

        Indicator turnover = SystemIdentity.runAs("gestionnaire", List.of(Roles.MANAGER), () -> indicatorService.indicators(msss))
                .stream().filter(i -> i.getName().startsWith("Taux de roulement")).findFirst().orElseThrow();
        Indicator online = SystemIdentity.runAsAdministrator("demo-performance", () -> indicatorService.indicators(sct))
                .stream().filter(i -> i.getName().startsWith("Satisfaction")).findFirst().orElseThrow();
        declare("expert", turnover, msss, Duration.ofDays(20), "Postes d’infirmières non comblés en région",
                "Trente postes restent vacants malgré trois affichages ; les agences privées recrutent plus vite.", "consultatif");
        declare("animateur", online, sct, Duration.ofDays(6), "Formulaire en ligne inaccessible sur mobile",
                "Le fournisseur n’a pas livré la version accessible promise pour l’été.", "consultatif");
        declare("membre", turnover, msss, Duration.ofDays(1), "Données de départs incomplètes",
                "Le système de paie ne distingue pas les départs à la retraite des démissions.", null);
        LOG.info("Performance demo data seeded: MSSS and SCT indicators over {} quarters, review {} in progress",
                history.size() + 1, last.label());
    }

    /** A blocker declared some days ago (the engine clock is set back meanwhile), optionally triaged to someone. */
    private void declare(String who, Indicator indicator, UUID organizationId, Duration ago, String title,
                         String description, String assignee) {
        transaction.executeWithoutResult(s -> {
            clock.travelTo(EngineClock.now().minus(ago));
            try {
                UUID id = SystemIdentity.runAs(who, List.of(Roles.PARTICIPANT), () -> blockerService.declare(
                        BlockerSource.INDICATOR, indicator.getId().toString(), organizationId, title, description));
                if (assignee != null) {
                    Task triage = taskService.createTaskQuery().processInstanceBusinessKey(id.toString())
                            .taskDefinitionKey(BlockerResolutionService.TASK_TRIAGE).singleResult();
                    as("consultatif", List.of(Roles.ADVISORY), () -> resolutionService.triage(triage.getId(),
                            BlockerResolutionService.TriageDecision.ASSIGN, assignee, null));
                }
            } finally {
                clock.backToNow();
            }
        });
    }

    private static void as(String user, List<String> groups, Runnable action) {
        SystemIdentity.runAs(user, groups, () -> {
            action.run();
            return null;
        });
    }

    private static void check(ImportResult result) {
        if (!result.accepted()) {
            throw new IllegalStateException("Demo import refused: " + result.errors());
        }
    }

    private static void row(Sheet sheet, int index, Object... values) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < values.length; c++) {
            if (values[c] instanceof Number n) {
                row.createCell(c).setCellValue(n.doubleValue());
            } else if (values[c] != null) {
                row.createCell(c).setCellValue(values[c].toString());
            }
        }
    }

    private static byte[] bytes(XSSFWorkbook book) {
        try (book; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}

package org.cohorte.performance;

import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import com.github.mvysny.kaributesting.v10.UploadKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.cohorte.base.ui.DecimalField;
import org.cohorte.blocker.domain.BlockerSource;
import org.cohorte.blocker.service.BlockerService;
import org.cohorte.identity.domain.Organization;
import org.cohorte.identity.service.OrganizationRef;
import org.cohorte.identity.service.Roles;
import org.cohorte.performance.domain.Direction;
import org.cohorte.performance.domain.MeasurementState;
import org.cohorte.performance.domain.Measurement;
import org.cohorte.performance.domain.Review;
import org.cohorte.performance.domain.ReviewStatus;
import org.cohorte.performance.service.ReviewService;
import org.cohorte.performance.ui.IndicatorsView;
import org.cohorte.performance.ui.SteeringRoomView;
import org.cohorte.shell.AccessDeniedView;
import org.cohorte.tasks.ui.TaskView;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The steering room, the manager's indicators view and the review task forms, in Karibu. */
class SteeringRoomViewIT extends ViewTest {

    @Autowired
    PerformanceFixture fixture;
    @Autowired
    ReviewService reviewService;
    @Autowired
    TaskService taskService;
    @Autowired
    BlockerService blockerService;

    private static Component currentView() {
        return (Component) UI.getCurrent().getInternals().getActiveRouterTargetsChain().get(0);
    }

    @SuppressWarnings("unchecked")
    private static MultiSelectComboBox<OrganizationRef> organizations() {
        return _get(MultiSelectComboBox.class, spec -> spec.withId("steering-organizations"));
    }

    private static void select(UI ui, PerformanceFixture.Org... orgs) {
        var box = organizations();
        Set<OrganizationRef> chosen = new java.util.HashSet<>();
        for (var org : orgs) {
            box.getListDataView().getItems().filter(o -> o.id().equals(org.id())).forEach(chosen::add);
        }
        box.setValue(chosen);
    }

    @Test
    void the_forum_sees_each_organizations_statuses_trends_blockers_and_drills_down() {
        var a = fixture.reviewed("salle-a", 260);
        var b = fixture.reviewed("salle-b", 100);
        data.as(b.owner(), () -> blockerService.declare(BlockerSource.INDICATOR, "x", b.id(), "Serveur en panne", "Depuis mars."));
        String forum = data.user("forum", Roles.FORUM);
        signIn(forum);
        UI.getCurrent().navigate(SteeringRoomView.class);
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("Salle de pilotage");
        select(UI.getCurrent(), a, b);

        assertThat(_find(H3.class)).extracting(H3::getText).contains("salle-a — " + organizationName(a),
                "salle-b — " + organizationName(b), "Obstacles ouverts (1), du plus ancien au plus récent");
        assertThat(_find(Html.class)).hasSize(2).allSatisfy(h -> assertThat(h.getInnerHtml()).contains("perf-trend-expected"));
        Grid<?> blockers = _get(Grid.class, spec -> spec.withId("steering-blockers"));
        assertThat(_size(blockers)).isEqualTo(1);
        // The incubator's portfolio is present: the experiments section shows its stage bars, not the notice.
        assertThat(_find(Div.class, spec -> spec.withId("steering-experiments"))).hasSize(1);
        assertThat(_find(Paragraph.class)).extracting(Paragraph::getText)
                .doesNotContain("Le portefeuille de l’incubateur n’est pas disponible.");
        assertThat(_find(com.vaadin.flow.component.html.Span.class)).extracting(s -> s.getText())
                .contains("Sur la cible 1", "Hors trajectoire 1");

        _click(_find(Button.class).stream().filter(btn -> btn.getId().orElse("").startsWith("indicator-")).findFirst().orElseThrow());
        Dialog details = _get(Dialog.class, spec -> spec.withId("indicator-details"));
        assertThat(details.isOpened()).isTrue();
        Grid<?> history = _get(Grid.class, spec -> spec.withId("indicator-history"));
        assertThat(_size(history)).isEqualTo(1);
    }

    private String organizationName(PerformanceFixture.Org org) {
        return data.as(org.manager(), () -> organizationsOf(org)).getName();
    }

    @Autowired
    org.cohorte.identity.service.OrganizationService organizationService;

    private Organization organizationsOf(PerformanceFixture.Org org) {
        return organizationService.get(org.id());
    }

    @Test
    void a_manager_sees_only_their_organization_and_exports_the_workbook_in_the_background() throws Exception {
        var a = fixture.reviewed("salle-m", 260);
        fixture.reviewed("salle-n", 100);
        signIn(a.manager());
        UI.getCurrent().navigate(SteeringRoomView.class);
        assertThat(organizations().getListDataView().getItems().map(OrganizationRef::id).toList()).containsExactly(a.id());

        _click(_get(Button.class, spec -> spec.withId("export-workbook")));
        SteeringRoomView view = (SteeringRoomView) currentView();
        for (int i = 0; i < 200 && _find(Anchor.class, spec -> spec.withId("export-download")).isEmpty(); i++) {
            Thread.sleep(50);
            view.refreshExport();
        }
        Anchor download = _get(Anchor.class, spec -> spec.withId("export-download"));
        assertThat(download.getHref()).isNotBlank();
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("export-progress-text")).getText())
                .isEqualTo("Cahier prêt.");
    }

    @Test
    void a_participant_cannot_open_the_steering_room_nor_the_indicators() {
        signIn(data.user("marc", Roles.PARTICIPANT));
        UI.getCurrent().navigate(SteeringRoomView.class);
        assertThat(currentView()).isInstanceOf(AccessDeniedView.class);
        UI.getCurrent().navigate(IndicatorsView.class);
        assertThat(currentView()).isInstanceOf(AccessDeniedView.class);
    }

    @Test
    void the_manager_imports_a_wrong_file_and_reads_every_error_by_sheet_row_and_column() throws Exception {
        var org = fixture.organization("vue-import");
        fixture.indicator(org, "Satisfaction", 60, LocalDate.of(2026, 1, 1), 80, LocalDate.of(2026, 12, 31), Direction.HIGHER);
        signIn(org.manager());
        UI.getCurrent().navigate(IndicatorsView.class);
        Grid<?> grid = _get(Grid.class, spec -> spec.withId("indicators-grid"));
        assertThat(_size(grid)).isEqualTo(1);

        XSSFWorkbook book = new XSSFWorkbook();
        var sheet = book.createSheet("Mesures");
        sheet.createRow(0).createCell(0).setCellValue("Indicateur");
        var row = sheet.createRow(1);
        row.createCell(0).setCellValue("Satisfaction");
        row.createCell(1).setCellValue("2026-Q1");
        row.createCell(2).setCellValue("beaucoup");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        book.write(out);
        Upload upload = _get(Upload.class, spec -> spec.withId("import-upload"));
        UploadKt._upload(upload, "classeur.xlsx", out.toByteArray());
        assertThat(_find(ListItem.class)).extracting(ListItem::getText)
                .containsExactly("Mesures, ligne 2, colonne C (Valeur) : « beaucoup » n’est pas un nombre.");

        UploadKt._upload(upload, "classeur.xlsx", "pas un classeur".getBytes());
        assertThat(_find(Paragraph.class)).extracting(Paragraph::getText).contains(
                "Fichier refusé : ce n’est pas un classeur Excel .xlsx lisible. Partez du modèle fourni.");
    }

    @Test
    void the_owner_enters_a_value_and_the_validator_sends_it_back_then_accepts_it_through_the_task_forms() {
        var org = fixture.organization("formulaires");
        fixture.indicator(org, "Satisfaction", 60, LocalDate.of(2026, 1, 1), 80, LocalDate.of(2026, 12, 31), Direction.HIGHER);
        Review review = data.as(org.manager(), () -> reviewService.startReview(org.id(), "2026-Q2"));
        Task enter = taskService.createTaskQuery().processInstanceId(review.getProcessInstanceId()).singleResult();

        signIn(org.owner());
        UI.getCurrent().navigate(TaskView.class, enter.getId());
        DecimalField value = _get(DecimalField.class, spec -> spec.withId("measurement-value"));
        value.setValue("abc");
        assertThat(value.isInvalid()).isTrue();
        _get(TextArea.class, spec -> spec.withId("measurement-comment")).setValue("Sondage de juin");
        _click(_get(Button.class, spec -> spec.withId("complete-button")));
        com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications(
                "« abc » n’est pas un nombre : tapez par exemple 7,5 ou 1 250.");
        assertThat(taskService.createTaskQuery().taskId(enter.getId()).count()).isEqualTo(1);
        // A French decimal comma is the decimal mark, never dropped (it used to store 715).
        value.setValue("71,5");
        assertThat(value.isInvalid()).isFalse();
        _click(_get(Button.class, spec -> spec.withId("complete-button")));
        Task validate = taskService.createTaskQuery().processInstanceId(review.getProcessInstanceId()).singleResult();
        assertThat(validate.getAssignee()).isEqualTo(org.validator());

        signIn(org.validator());
        UI.getCurrent().navigate(TaskView.class, validate.getId());
        _click(_get(Button.class, spec -> spec.withId("send-back-button")));
        // No reason: refused, the task stays.
        assertThat(taskService.createTaskQuery().taskId(validate.getId()).count()).isEqualTo(1);
        _get(TextArea.class, spec -> spec.withId("validation-reason")).setValue("Joindre le sondage");
        _click(_get(Button.class, spec -> spec.withId("send-back-button")));
        assertThat(taskService.createTaskQuery().taskId(validate.getId()).count()).isZero();

        Task again = taskService.createTaskQuery().processInstanceId(review.getProcessInstanceId()).singleResult();
        signIn(org.owner());
        UI.getCurrent().navigate(TaskView.class, again.getId());
        assertThat(_find(Paragraph.class)).extracting(Paragraph::getText)
                .contains("Mesure renvoyée par le validateur : Joindre le sondage");
        assertThat(_get(DecimalField.class, spec -> spec.withId("measurement-value")).getValue()).isEqualTo("71,5");
        _click(_get(Button.class, spec -> spec.withId("complete-button")));

        Task validateAgain = taskService.createTaskQuery().processInstanceId(review.getProcessInstanceId()).singleResult();
        signIn(org.validator());
        UI.getCurrent().navigate(TaskView.class, validateAgain.getId());
        _click(_get(Button.class, spec -> spec.withId("complete-button")));
        List<Measurement> measurements = data.as(org.manager(),
                () -> reviewService.measurements(review.getId()));
        assertThat(measurements.get(0).getState()).isEqualTo(MeasurementState.ACCEPTED);
        assertThat(measurements.get(0).getValue()).isEqualTo(71.5);
        Task signOff = taskService.createTaskQuery().processInstanceId(review.getProcessInstanceId()).singleResult();
        assertThat(signOff.getTaskDefinitionKey()).isEqualTo(ReviewService.TASK_SIGN_OFF);

        signIn(org.manager());
        UI.getCurrent().navigate(TaskView.class, signOff.getId());
        assertThat(_size(_get(Grid.class, spec -> spec.withId("sign-off-grid")))).isEqualTo(1);
        _click(_get(Button.class, spec -> spec.withId("complete-button")));
        assertThat(data.as(org.manager(), () -> reviewService.review(review.getId())).getStatus())
                .isEqualTo(ReviewStatus.PUBLISHED);
    }

    @Autowired
    org.cohorte.performance.service.IndicatorService indicatorService;

    /** Defines an indicator through the dialog, typing the baseline and target as the member would. */
    private void defineThroughTheDialog(PerformanceFixture.Org org, String name, String baseline, String target) {
        signIn(org.manager());
        UI.getCurrent().navigate(IndicatorsView.class);
        _click(_get(Button.class, spec -> spec.withId("new-indicator")));
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.combobox.ComboBox<Object> objective =
                _get(com.vaadin.flow.component.combobox.ComboBox.class, spec -> spec.withId("indicator-objective"));
        objective.setValue(objective.getListDataView().getItems().findFirst().orElseThrow());
        _get(com.vaadin.flow.component.textfield.TextField.class, spec -> spec.withId("indicator-name")).setValue(name);
        _get(com.vaadin.flow.component.textfield.TextField.class, spec -> spec.withId("indicator-unit")).setValue("j");
        _get(DecimalField.class, spec -> spec.withId("indicator-baseline")).setValue(baseline);
        _get(DecimalField.class, spec -> spec.withId("indicator-target")).setValue(target);
        pick("indicator-owner", org.owner());
        pick("indicator-validator", org.validator());
        _click(_get(Button.class, spec -> spec.withId("save-indicator")));
    }

    /** Picks a person in a people picker as someone typing part of their id would. */
    @SuppressWarnings("unchecked")
    private static void pick(String pickerId, String userId) {
        var picker = (com.vaadin.flow.component.combobox.ComboBox<org.cohorte.identity.service.PersonOption>)
                _get(com.vaadin.flow.component.combobox.ComboBox.class, spec -> spec.withId(pickerId));
        com.github.mvysny.kaributesting.v10.ComboBoxKt.setUserInput(picker, userId);
        picker.setValue(com.github.mvysny.kaributesting.v10.ComboBoxKt.getSuggestionItems(picker).stream()
                .filter(p -> p.userId().equals(userId)).findFirst().orElseThrow());
    }

    private static java.util.List<String> dateFormats(String id) {
        return _get(com.vaadin.flow.component.datepicker.DatePicker.class, spec -> spec.withId(id)).getI18n().getDateFormats();
    }

    @Test
    void the_indicator_dialog_reads_french_decimals_and_iso_dates() {
        var org = fixture.organization("chiffres-fr");
        defineThroughTheDialog(org, "Délai", "abc", "1 250");
        com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications(
                "« abc » n’est pas un nombre : tapez par exemple 7,5 ou 1 250.");
        assertThat(data.as(org.manager(), () -> indicatorService.indicators(org.id()))).isEmpty();
        assertThat(dateFormats("indicator-target-date")).startsWith("dd/MM/yyyy").contains("yyyy-MM-dd");
        assertThat(dateFormats("indicator-baseline-date")).contains("yyyy-MM-dd");
        _get(DecimalField.class, spec -> spec.withId("indicator-baseline")).setValue("11,5");
        _click(_get(Button.class, spec -> spec.withId("save-indicator")));
        assertThat(data.as(org.manager(), () -> indicatorService.indicators(org.id()))).singleElement().satisfies(i -> {
            assertThat(i.getBaselineValue()).isEqualTo(11.5);
            assertThat(i.getTargetValue()).isEqualTo(1250.0);
        });
    }

    @Test
    void the_indicator_dialog_reads_english_decimals_and_iso_dates() {
        var org = fixture.organization("numbers-en");
        data.setLanguage(org.manager(), "en");
        defineThroughTheDialog(org, "Delay", "7.5", "1,250.5");
        assertThat(data.as(org.manager(), () -> indicatorService.indicators(org.id()))).singleElement().satisfies(i -> {
            assertThat(i.getBaselineValue()).isEqualTo(7.5);
            assertThat(i.getTargetValue()).isEqualTo(1250.5);
        });
    }
}

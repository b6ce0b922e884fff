package org.cohorte.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.identity.service.Roles;
import org.cohorte.performance.domain.Direction;
import org.cohorte.performance.domain.Review;
import org.cohorte.performance.service.ForumExportService;
import org.cohorte.performance.service.ForumWorkbookService;
import org.cohorte.performance.service.ReviewService;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The forum workbook from real reviews: authorization, the background export and the REST endpoint. */
class ForumWorkbookIT extends IntegrationTest {

    @Autowired
    PerformanceFixture fixture;
    @Autowired
    ReviewService reviewService;
    @Autowired
    ForumWorkbookService workbookService;
    @Autowired
    ForumExportService exportService;
    @Autowired
    TaskService taskService;

    private PerformanceFixture.Org reviewed(String prefix, double value) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-04-02T14:00:00Z")));
        var org = fixture.organization(prefix);
        fixture.indicator(org, "Courriels traités", 0, LocalDate.of(2027, 1, 1), 1000, LocalDate.of(2027, 12, 31),
                Direction.HIGHER);
        Review review = data.as(org.manager(), () -> reviewService.startReview(org.id(), "2027-Q1"));
        String instance = review.getProcessInstanceId();
        String enter = taskService.createTaskQuery().processInstanceId(instance).taskAssignee(org.owner()).singleResult().getId();
        data.as(org.owner(), () -> reviewService.submitMeasurement(enter, value, "Mesure du trimestre", null));
        String validate = taskService.createTaskQuery().processInstanceId(instance).taskAssignee(org.validator()).singleResult().getId();
        data.as(org.validator(), () -> reviewService.validateMeasurement(validate, true, null));
        return org;
    }

    @Test
    void the_forum_exports_chosen_organizations_and_a_manager_only_their_own() throws IOException {
        var a = reviewed("wba", 260);
        var b = reviewed("wbb", 100);
        String forum = data.user("forum", Roles.FORUM);

        var forumData = data.as(forum, () -> workbookService.collect("2027-Q1", List.of(a.id(), b.id()), Locale.FRENCH));
        assertThat(forumData.summary()).hasSize(2);
        assertThat(forumData.summary().get(0).onTrack() + forumData.summary().get(1).onTrack()).isEqualTo(1);
        assertThat(forumData.summary().get(0).offTrack() + forumData.summary().get(1).offTrack()).isEqualTo(1);
        assertThat(forumData.periods()).containsExactly("2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1");

        assertThatThrownBy(() -> data.as(a.manager(), () -> workbookService.collect("2027-Q1", List.of(b.id()), Locale.FRENCH)))
                .isInstanceOf(NotFoundException.class);
        var own = data.as(a.manager(), () -> workbookService.collect("2027-Q1", List.of(), Locale.FRENCH));
        assertThat(own.summary()).hasSize(1);
        assertThat(own.indicatorCount()).isEqualTo(1);
        assertThatThrownBy(() -> data.as(data.user("membre", Roles.PARTICIPANT),
                () -> workbookService.collect("2027-Q1", List.of(), Locale.FRENCH))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_background_export_reports_its_progress_and_gives_the_file_to_its_owner_only() throws Exception {
        var a = reviewed("wbjob", 260);
        UUID job = data.as(a.manager(), () -> exportService.start("2027-Q1", List.of(a.id()), Locale.ENGLISH));
        ForumExportService.ExportStatus status = null;
        for (int i = 0; i < 200; i++) {
            status = data.as(a.manager(), () -> exportService.status(job));
            if (status.state() != ForumExportService.State.RUNNING) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(status.state()).isEqualTo(ForumExportService.State.DONE);
        assertThat(status.rowsWritten()).isEqualTo(1);
        assertThat(status.fraction()).isEqualTo(1.0);
        var file = data.as(a.manager(), () -> exportService.file(job));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(Files.readAllBytes(file.toPath())))) {
            assertThat(workbook.getSheet("Indicators").getRow(1).getCell(11).getNumericCellValue()).isEqualTo(260);
            assertThat(workbook.getSheet("Indicators").getRow(1).getCell(13).getStringCellValue()).isEqualTo("On track");
        }
        String other = data.user("curieux", Roles.FORUM);
        assertThatThrownBy(() -> data.as(other, () -> exportService.status(job))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void the_rest_endpoint_serves_the_same_workbook_to_authenticated_readers_only() throws Exception {
        var a = reviewed("wbrest", 100);
        String forum = data.user("forum", Roles.FORUM);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String url = baseUrl() + "/api/performance/forum-workbook?period=2027-Q1&organization=" + a.id();

        HttpResponse<byte[]> ok = client.send(get(url, forum), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.openxmlformats");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(ok.body()))) {
            assertThat(workbook.getSheetName(0)).isEqualTo("Synthèse");
            assertThat(workbook.getSheet("Indicateurs").getRow(1).getCell(13).getStringCellValue()).isEqualTo("Hors trajectoire");
        }

        var b = fixture.organization("wbrestb");
        HttpResponse<String> refused = client.send(get(baseUrl() + "/api/performance/forum-workbook?period=2027-Q1&organization="
                + b.id(), a.manager()), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).isEqualTo("Donnée de performance introuvable.");

        HttpResponse<String> badPeriod = client.send(get(baseUrl() + "/api/performance/forum-workbook?period=T9", forum),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badPeriod.statusCode()).isEqualTo(400);

        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private HttpRequest get(String url, String user) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + data.token(user)).GET().build();
    }
}

package org.cohorte.codevelopment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.GroupWorkbookExporter;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The group workbook, reopened with POI and read cell by cell. */
class GroupWorkbookExporterIT extends IntegrationTest {

    @Autowired
    CodevFixture fixture;
    @Autowired
    GroupWorkbookExporter exporter;
    @Autowired
    CodevSessionService sessionService;

    private static String cell(Sheet sheet, int row, int column) {
        Row r = sheet.getRow(row);
        return r == null || r.getCell(column) == null ? "" : new DataFormatter(Locale.ROOT).formatCellValue(r.getCell(column));
    }

    @Test
    void the_facilitator_gets_sessions_attendance_rotation_and_ratings_with_the_cases() throws IOException {
        CodevFixture.Group g = fixture.group(4);
        UUID done = fixture.launch(g, SessionMode.LIVE);
        fixture.prepareAndOpen(g, done);
        fixture.runSixSteps(g, done, false);
        UUID cancelled = fixture.launch(g, SessionMode.ASYNC);
        data.as(g.facilitator(), () -> sessionService.cancel(cancelled, "Imprévu"));
        String client = fixture.clientOf(g, done);
        String clientName = data.as(g.facilitator(), () -> sessionService.board(done).clientName());

        byte[] bytes = data.as(g.facilitator(), () -> exporter.export(g.id(), Locale.FRENCH));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(4);
            Sheet sessions = workbook.getSheet("Séances");
            assertThat(cell(sessions, 0, 0)).isEqualTo("Date");
            assertThat(cell(sessions, 0, 8)).isEqualTo("Cas");
            assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getCellStyle().getFontIndex()).isPositive();
            assertThat(sessions.getLastRowNum()).isEqualTo(2);
            assertThat(cell(sessions, 1, 1)).isEqualTo("En direct");
            assertThat(cell(sessions, 1, 2)).isEqualTo("En attente du retour");
            assertThat(cell(sessions, 1, 3)).isEqualTo(clientName);
            assertThat(sessions.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(3.0);
            assertThat(sessions.getRow(1).getCell(5).getNumericCellValue()).isBetween(1.0, 5.0);
            assertThat(sessions.getRow(1).getCell(6).getNumericCellValue()).isEqualTo(2.0);
            assertThat(cell(sessions, 1, 8)).isEqualTo("Mobiliser une équipe en télétravail");
            assertThat(cell(sessions, 2, 2)).isEqualTo("Annulée");
            assertThat(sessions.getRow(1).getCell(0).getDateCellValue()).isNotNull();

            Sheet attendance = workbook.getSheet("Présences");
            assertThat(attendance.getLastRowNum()).isEqualTo(8);
            assertThat(cell(attendance, 1, 2)).isEqualTo("Client");
            assertThat(cell(attendance, 2, 2)).isEqualTo("Consultant");
            assertThat(cell(attendance, 2, 3)).isEqualTo("Oui");

            Sheet rotation = workbook.getSheet("Rotation");
            assertThat(rotation.getLastRowNum()).isEqualTo(4);
            int clientRows = 0;
            for (int r = 1; r <= 4; r++) {
                if (rotation.getRow(r).getCell(1).getNumericCellValue() == 1.0) {
                    clientRows++;
                    assertThat(cell(rotation, r, 0)).isEqualTo(clientName);
                }
            }
            assertThat(clientRows).isEqualTo(1);

            Sheet ratings = workbook.getSheet("Évaluations");
            assertThat(ratings.getLastRowNum()).isEqualTo(5);
            assertThat(ratings.getRow(1).getCell(2).getNumericCellValue()).isBetween(1.0, 5.0);
        }
        assertThat(client).isNotNull();
    }

    @Test
    void an_admin_gets_the_activity_without_any_case_content_and_a_stranger_gets_nothing() throws IOException {
        CodevFixture.Group g = fixture.group(4);
        UUID session = fixture.launch(g, SessionMode.LIVE);
        fixture.prepareAndOpen(g, session);
        String admin = data.user("admin", Roles.ADMIN);
        byte[] bytes = data.as(admin, () -> exporter.export(g.id(), Locale.ENGLISH));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sessions = workbook.getSheet("Sessions");
            assertThat(cell(sessions, 0, 3)).isEqualTo("Client");
            assertThat(sessions.getRow(0).getLastCellNum()).isEqualTo((short) 8);
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    row.forEach(c -> assertThat(new DataFormatter().formatCellValue(c)).doesNotContain("Mobiliser", "Mon équipe"));
                }
            }
        }
        String stranger = data.user("curieux", Roles.PARTICIPANT, Roles.FACILITATOR);
        assertThatThrownBy(() -> data.as(stranger, () -> exporter.export(g.id(), Locale.FRENCH))).isInstanceOf(NotFoundException.class);
    }
}

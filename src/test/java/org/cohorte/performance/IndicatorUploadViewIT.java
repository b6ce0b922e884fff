package org.cohorte.performance;

import static com.github.mvysny.kaributesting.v10.BasicUtilsKt._fireEvent;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;

import com.github.mvysny.fakeservlet.FakeHttpSession;
import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.fakeservlet.FakeResponse;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.UploadKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.upload.FileRejectedEvent;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import com.vaadin.flow.server.VaadinServletService;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedHttpSession;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cohorte.base.ui.BoundedUploadHandler;
import org.cohorte.base.upload.TemporaryUpload;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.service.IndicatorImportService;
import org.cohorte.performance.service.IndicatorService;
import org.cohorte.performance.ui.IndicatorsView;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;

/**
 * The import's upload, through the upload handler's real request handling (Karibu): the bytes actually received
 * are counted, for a raw body and a multipart part alike, whatever they declare; past 10 MB the upload is refused
 * with the message on screen, answered 413, nothing is imported and no temporary file is left. The limit is the
 * same in Spring's multipart settings, the component and the handler.
 */
class IndicatorUploadViewIT extends ViewTest {

    static final long LIMIT = IndicatorImportService.MAX_BYTES;
    static final String TOO_LARGE = "Fichier refusé : il dépasse 10 Mo.";

    @Autowired
    PerformanceFixture fixture;
    @Autowired
    IndicatorService indicatorService;
    @Autowired
    MultipartProperties multipart;

    /** What one upload request did: its status and how many bytes the server read of the body. */
    record Posted(int status, long read) {
    }

    private Upload open(PerformanceFixture.Org org) {
        signIn(org.manager());
        UI.getCurrent().navigate(IndicatorsView.class);
        return _get(Upload.class, spec -> spec.withId("import-upload"));
    }

    /**
     * Posts {@code size} bytes (from {@code content}, then zeros) to the upload as the container hands them over:
     * a raw body or one multipart part, declaring {@code declared} bytes (-1: no length).
     */
    private Posted post(Upload upload, byte[] content, long size, long declared, boolean multipart) throws IOException {
        AtomicLong read = new AtomicLong();
        InputStream body = new InputStream() {
            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                long position = read.get();
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(length, size - position);
                for (int i = 0; i < n; i++) {
                    long at = position + i;
                    buffer[offset + i] = at < content.length ? content[(int) at] : 0;
                }
                read.addAndGet(n);
                return n;
            }
        };
        FakeHttpSession httpSession = (FakeHttpSession) ((WrappedHttpSession) VaadinSession.getCurrent().getSession())
                .getHttpSession();
        Part part = part(body, declared);
        HttpServletRequest http = new HttpServletRequestWrapper(new FakeRequest(httpSession)) {
            @Override
            public String getMethod() {
                return "POST";
            }

            @Override
            public String getContentType() {
                return multipart ? "multipart/form-data; boundary=cohorte" : null;
            }

            @Override
            public long getContentLengthLong() {
                return declared;
            }

            @Override
            public int getContentLength() {
                return (int) Math.min(Integer.MAX_VALUE, declared);
            }

            @Override
            public Collection<Part> getParts() {
                return List.of(part);
            }

            @Override
            public ServletInputStream getInputStream() {
                return new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        return body.read();
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        return body.read(buffer, offset, length);
                    }

                    @Override
                    public boolean isFinished() {
                        return read.get() >= size;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        throw new UnsupportedOperationException();
                    }
                };
            }
        };
        VaadinServletService service = (VaadinServletService) VaadinSession.getCurrent().getService();
        FakeResponse fake = new FakeResponse();
        UploadKt.get_handler(upload).handleRequest(new VaadinServletRequest(http, service),
                new VaadinServletResponse(fake, service), VaadinSession.getCurrent(), upload.getElement());
        MockVaadin.clientRoundtrip();
        return new Posted(fake.getStatus(), read.get());
    }

    private static Part part(InputStream body, long declared) {
        return new Part() {
            @Override
            public InputStream getInputStream() {
                return body;
            }

            @Override
            public String getContentType() {
                return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            }

            @Override
            public String getName() {
                return "file";
            }

            @Override
            public String getSubmittedFileName() {
                return "classeur.xlsx";
            }

            @Override
            public long getSize() {
                return declared;
            }

            @Override
            public void write(String fileName) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void delete() {
            }

            @Override
            public String getHeader(String name) {
                return null;
            }

            @Override
            public Collection<String> getHeaders(String name) {
                return List.of();
            }

            @Override
            public Collection<String> getHeaderNames() {
                return List.of();
            }
        };
    }

    private static Set<Path> temporaryFiles() throws IOException {
        if (!Files.isDirectory(TemporaryUpload.DIRECTORY)) {
            return Set.of();
        }
        try (var files = Files.list(TemporaryUpload.DIRECTORY)) {
            return files.collect(Collectors.toSet());
        }
    }

    private static List<String> shown() {
        return _find(Paragraph.class).stream().map(Paragraph::getText).toList();
    }

    private byte[] workbook(PerformanceFixture.Org org, String name) throws IOException {
        return workbook(org, name, 20.0, 60.0);
    }

    private byte[] workbook(PerformanceFixture.Org org, String name, double baseline, double target) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet defs = book.createSheet("Indicateurs");
            defs.createRow(0).createCell(0).setCellValue("Objectif");
            Row row = defs.createRow(1);
            Object[] cells = {"Accès", name, "%", baseline, "2026-01-01", target, "2026-12-31", "HIGHER", "QUARTERLY", org.owner(),
                    org.validator()};
            for (int c = 0; c < cells.length; c++) {
                if (cells[c] instanceof Double d) {
                    row.createCell(c).setCellValue(d);
                } else {
                    row.createCell(c).setCellValue(cells[c].toString());
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void a_raw_body_over_the_limit_without_a_length_is_counted_refused_on_screen_and_leaves_no_file() throws IOException {
        var org = fixture.organization("brut");
        Upload upload = open(org);
        Set<Path> before = temporaryFiles();
        // A workbook's first bytes, then zeros: 11 MB in all, no Content-Length (chunked).
        Posted posted = post(upload, workbook(org, "Jamais importé"), 11L * 1024 * 1024, -1, false);
        assertRefusedWithNothingLeft(posted, before, org);
    }

    @Test
    void a_multipart_part_lying_about_its_size_is_counted_and_refused() throws IOException {
        var org = fixture.organization("partie");
        Upload upload = open(org);
        Set<Path> before = temporaryFiles();
        Posted posted = post(upload, workbook(org, "Jamais importé"), 11L * 1024 * 1024, 7_000, true);
        assertRefusedWithNothingLeft(posted, before, org);
    }

    @Test
    void a_declared_length_over_the_limit_is_refused_before_a_byte_is_read() throws IOException {
        var org = fixture.organization("annonce");
        Upload upload = open(org);
        Posted posted = post(upload, new byte[0], 11L * 1024 * 1024, 11L * 1024 * 1024, false);
        assertThat(posted.status()).isEqualTo(413);
        assertThat(posted.read()).isZero();
        assertThat(shown()).contains(TOO_LARGE);
    }

    @Test
    void a_file_of_exactly_the_limit_is_read_whole_and_judged_on_its_content() throws IOException {
        var org = fixture.organization("limite");
        Upload upload = open(org);
        Set<Path> before = temporaryFiles();
        Posted posted = post(upload, new byte[0], LIMIT, LIMIT, false);
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.read()).isEqualTo(LIMIT);
        assertThat(shown()).contains("Fichier refusé : ce n’est pas un classeur Excel .xlsx lisible. Partez du modèle fourni.")
                .doesNotContain(TOO_LARGE);
        assertThat(temporaryFiles()).isEqualTo(before);
    }

    @Test
    void a_good_workbook_imports_through_the_upload_and_its_temporary_file_is_deleted() throws IOException {
        var org = fixture.organization("televerse");
        Upload upload = open(org);
        Set<Path> before = temporaryFiles();
        byte[] file = workbook(org, "Démarches en ligne");
        Posted posted = post(upload, file, file.length, file.length, true);
        assertThat(posted.status()).isEqualTo(200);
        assertThat(shown()).anyMatch(text -> text.startsWith("Import réussi : 1 objectif(s) et 1 indicateur(s) créés"));
        assertThat(data.as(org.manager(), () -> indicatorService.indicators(org.id()))).extracting(Indicator::getName)
                .containsExactly("Démarches en ligne");
        assertThat(temporaryFiles()).isEqualTo(before);
    }

    @Test
    void after_a_refused_file_the_next_one_says_its_own_reason_and_the_file_list_starts_afresh() throws IOException {
        var org = fixture.organization("suivant");
        Upload upload = open(org);
        post(upload, new byte[0], 11L * 1024 * 1024, -1, false);
        assertThat(shown()).contains(TOO_LARGE);
        // The browser got its answer (413: an error): the list is emptied, no cross stays and the slot is free.
        assertFileListEmptiedAfter(upload, "upload-error");

        // The browser refuses a second file for its own reason (here: one at a time): that reason is shown, alone.
        _fireEvent(upload, new FileRejectedEvent(upload, "Un seul classeur à la fois.", "petit.xlsx"));
        assertThat(shown()).contains("Un seul classeur à la fois.").doesNotContain(TOO_LARGE);

        byte[] file = workbook(org, "Après un refus");
        UploadKt._upload(upload, "petit.xlsx", file);
        assertThat(shown()).anyMatch(text -> text.startsWith("Import réussi")).doesNotContain(TOO_LARGE);
    }

    @Test
    void a_small_file_after_one_refused_for_its_rows_replaces_the_tick_and_the_errors_with_its_own_result() throws IOException {
        var org = fixture.organization("second");
        Upload upload = open(org);
        // First a file over the limit: its refusal shows, inline and as a toast.
        post(upload, new byte[0], 11L * 1024 * 1024, -1, false);
        assertThat(shown()).contains(TOO_LARGE);
        assertFileListEmptiedAfter(upload, "upload-error");
        // A 7 KB workbook whose row is wrong: accepted by the browser (a tick), refused by the import with its errors.
        byte[] wrong = workbook(org, "Cible à l’envers", 60.0, 20.0);
        assertThat(wrong.length).isLessThan(64 * 1024);
        Posted first = post(upload, wrong, wrong.length, wrong.length, true);
        assertThat(first.status()).isEqualTo(200);
        assertThat(shown()).anyMatch(text -> text.startsWith("Rien n’a été importé"));
        assertThat(_find(com.vaadin.flow.component.html.ListItem.class)).extracting(li -> li.getText())
                .anyMatch(text -> text.contains("colonne F") && text.contains("mauvais sens"));
        // The earlier file's "over 10 MB" is gone, toast included: it is not what this 7 KB file is about.
        assertThat(shown()).doesNotContain(TOO_LARGE);
        com.github.mvysny.kaributesting.v10.NotificationsKt.expectNoNotifications();
        // The browser marks the first file done (its tick): the server then empties the list, so the tick goes and
        // the next file is not refused as one too many.
        assertFileListEmptiedAfter(upload, "upload-success");

        // The second, small and right: its own result replaces the first's, with no word of a size.
        byte[] right = workbook(org, "Cible dans le bon sens");
        Posted second = post(upload, right, right.length, right.length, true);
        assertThat(second.status()).isEqualTo(200);
        assertThat(shown()).anyMatch(text -> text.startsWith("Import réussi : 1 objectif(s) et 1 indicateur(s) créés"))
                .noneMatch(text -> text.startsWith("Rien n’a été importé")).doesNotContain(TOO_LARGE);
        assertThat(_find(com.vaadin.flow.component.html.ListItem.class)).isEmpty();
        assertThat(com.github.mvysny.kaributesting.v10.NotificationsKt.getNotifications()).hasSize(1);
        assertThat(data.as(org.manager(), () -> indicatorService.indicators(org.id()))).extracting(Indicator::getName)
                .containsExactly("Cible dans le bon sens");
    }

    /**
     * The browser's events around a file (upload-start, then upload-success or upload-error with no file still
     * uploading) make the server empty the component's file list: the path a real browser takes.
     */
    private static void assertFileListEmptiedAfter(Upload upload, String browserEvent) {
        UI.getCurrent().getInternals().getStateTree().runExecutionsBeforeClientResponse();
        UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations();
        com.github.mvysny.kaributesting.v10.BasicUtilsKt._fireDomEvent(upload, "upload-start", elemental.json.Json.createObject());
        elemental.json.JsonObject file = elemental.json.Json.createObject();
        file.put("uploading", false);
        file.put("complete", browserEvent.equals("upload-success"));
        elemental.json.JsonArray files = elemental.json.Json.createArray();
        files.set(0, file);
        elemental.json.JsonObject detail = elemental.json.Json.createObject();
        detail.put("element.files", files);
        com.github.mvysny.kaributesting.v10.BasicUtilsKt._fireDomEvent(upload, browserEvent, detail);
        // Element.executeJs is queued for the next response: run what precedes a response, then read the queue.
        UI.getCurrent().getInternals().getStateTree().runExecutionsBeforeClientResponse();
        assertThat(UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations())
                .anyMatch(js -> js.getInvocation().getExpression().contains("this.files = []"));
    }

    @Test
    void the_limit_is_the_same_for_spring_the_component_and_the_handler() {
        var org = fixture.organization("limites");
        Upload upload = open(org);
        assertThat(multipart.getMaxFileSize().toBytes()).isEqualTo(LIMIT);
        // The request may add the multipart envelope around the file, no more.
        assertThat(multipart.getMaxRequestSize().toBytes()).isBetween(LIMIT, LIMIT + 64 * 1024);
        assertThat(multipart.getFileSizeThreshold().toBytes()).isZero();
        assertThat((long) upload.getMaxFileSize()).isEqualTo(LIMIT);
        assertThat(((BoundedUploadHandler) UploadKt.get_handler(upload)).maxBytes()).isEqualTo(LIMIT);
    }

    /** Refused with 413 after at most the limit, told on screen, no temporary file left, nothing imported. */
    private void assertRefusedWithNothingLeft(Posted posted, Set<Path> before, PerformanceFixture.Org org) throws IOException {
        assertThat(posted.status()).isEqualTo(413);
        assertThat(posted.read()).isLessThanOrEqualTo(LIMIT + 1);
        assertThat(shown()).contains(TOO_LARGE);
        assertThat(temporaryFiles()).isEqualTo(before);
        assertThat(data.as(org.manager(), () -> indicatorService.indicators(org.id()))).isEmpty();
    }
}

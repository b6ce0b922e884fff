package org.cohorte.performance.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cohorte.base.error.CohorteException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming reader sees what a person sees in the cells, whatever way the workbook stores them. */
class XlsxReaderTest {

    @TempDir
    Path dir;

    private Path write(Workbook workbook, String name) throws IOException {
        Path file = dir.resolve(name);
        try (workbook; OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
        return file;
    }

    private static List<XlsxReader.Cell[]> rows(Path file, String sheet, int columns) {
        List<XlsxReader.Cell[]> rows = new ArrayList<>();
        try (XlsxReader reader = XlsxReader.open(file)) {
            reader.read(sheet, columns, (index, cells) -> rows.add(cells));
        }
        return rows;
    }

    private Path cells(boolean date1904) throws IOException {
        XSSFWorkbook book = new XSSFWorkbook();
        if (date1904) {
            var ct = book.getCTWorkbook();
            (ct.isSetWorkbookPr() ? ct.getWorkbookPr() : ct.addNewWorkbookPr()).setDate1904(true);
        }
        CellStyle date = book.createCellStyle();
        date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
        Row row = book.createSheet("Indicateurs").createRow(0);
        row.createCell(0).setCellValue("Objectif");
        XSSFRichTextString rich = new XSSFRichTextString("Délai moyen");
        XSSFFont bold = book.createFont();
        bold.setBold(true);
        rich.applyFont(0, 5, bold);
        row.createCell(1).setCellValue(rich);
        row.createCell(2).setCellValue(12.5);
        // The serial number as Excel stores it in the workbook's own date system (1904: four years and a day less).
        row.createCell(3).setCellValue(DateUtil.getExcelDate(LocalDate.of(2026, 3, 31).atStartOfDay(), date1904));
        row.getCell(3).setCellStyle(date);
        row.createCell(4).setCellFormula("1+1");
        row.createCell(5).setCellValue(true);
        row.createCell(7).setCellValue("hors des colonnes lues");
        return write(book, date1904 ? "1904.xlsx" : "1900.xlsx");
    }

    @Test
    void shared_and_rich_strings_numbers_dates_formulas_and_booleans_read_as_typed() throws IOException {
        for (boolean date1904 : new boolean[] {false, true}) {
            XlsxReader.Cell[] cells = rows(cells(date1904), "Indicateurs", 7).get(0);
            assertThat(cells[0].type()).isEqualTo(XlsxReader.Type.STRING);
            assertThat(cells[0].text()).isEqualTo("Objectif");
            assertThat(cells[1].text()).isEqualTo("Délai moyen");
            assertThat(cells[2].type()).isEqualTo(XlsxReader.Type.NUMERIC);
            assertThat(cells[2].number()).isEqualTo(12.5);
            assertThat(cells[2].date()).isNull();
            assertThat(cells[3].date()).as("1904 system: %s", date1904).isEqualTo(LocalDate.of(2026, 3, 31));
            assertThat(cells[4].type()).isEqualTo(XlsxReader.Type.FORMULA);
            assertThat(cells[4].display()).isEqualTo("=1+1");
            assertThat(cells[5].display()).isEqualTo("TRUE");
            assertThat(cells[6]).isNull();
        }
    }

    @Test
    void inline_strings_of_a_streamed_workbook_read_whole_up_to_excels_limit() throws IOException {
        SXSSFWorkbook book = new SXSSFWorkbook();
        Row row = book.createSheet("Mesures").createRow(3);
        row.createCell(0).setCellValue("Satisfaction");
        row.createCell(3).setCellValue("x".repeat(XlsxReader.MAX_CELL_CHARS));
        Path file = write(book, "inline.xlsx");
        book.dispose();
        List<XlsxReader.Cell[]> rows = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        try (XlsxReader reader = XlsxReader.open(file)) {
            assertThat(reader.sheetNames()).containsExactly("Mesures");
            reader.read("Mesures", 5, (index, cells) -> {
                indexes.add(index);
                return rows.add(cells);
            });
        }
        assertThat(indexes).containsExactly(3);
        assertThat(rows.get(0)[0].text()).isEqualTo("Satisfaction");
        assertThat(rows.get(0)[3].text()).hasSize(XlsxReader.MAX_CELL_CHARS);
    }

    @Test
    void a_sheet_with_a_doctype_and_a_file_that_is_no_zip_are_refused_as_not_xlsx() throws IOException {
        Path notZip = Files.writeString(dir.resolve("faux.xlsx"), "PK\u0003\u0004 pas vraiment");
        assertThatThrownBy(() -> XlsxReader.open(notZip)).isInstanceOf(CohorteException.class)
                .extracting(e -> ((CohorteException) e).getMessageKey()).isEqualTo("performance.import.notXlsx");
        Path good = cells(false);
        Path doctype = dir.resolve("doctype.xlsx");
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(good));
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(doctype))) {
            java.util.zip.ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, java.nio.charset.StandardCharsets.UTF_8);
                    int at = xml.indexOf("?>") + 2;
                    content = (xml.substring(0, at) + "<!DOCTYPE worksheet [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                            + xml.substring(at)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        assertThatThrownBy(() -> rows(doctype, "Indicateurs", 3)).isInstanceOf(CohorteException.class)
                .extracting(e -> ((CohorteException) e).getMessageKey()).isEqualTo("performance.import.notXlsx");
    }
}

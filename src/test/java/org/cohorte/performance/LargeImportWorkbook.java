package org.cohorte.performance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A valid import workbook of a chosen size, written in streaming fashion (the test's own heap stays small):
 * new indicators, then one value per indicator and quarter with a long comment of random text (random, so that
 * it does not compress away and the file reaches the size asked).
 */
public final class LargeImportWorkbook {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789éèàç";
    private static final String[] PERIODS = {"2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"};

    private LargeImportWorkbook() {
    }

    /** What was written: the file's size and how many rows of each kind it holds. */
    public record Written(long bytes, int indicators, int measurements) {
    }

    /** Writes a file as close as it can get under {@code maxBytes}, adjusting the comments' length. */
    public static Written near(Path file, long maxBytes, String prefix, String owner, String validator) throws IOException {
        int indicators = 1000;
        int comment = 2000;
        Written written = write(file, indicators, comment, prefix, owner, validator);
        for (int attempt = 0; attempt < 4 && (written.bytes() > maxBytes || written.bytes() < maxBytes * 0.97); attempt++) {
            comment = (int) Math.min(4000, comment * ((maxBytes * 0.985) / written.bytes()));
            written = write(file, indicators, comment, prefix, owner, validator);
        }
        if (written.bytes() > maxBytes) {
            throw new IllegalStateException("Could not write a workbook under " + maxBytes + " bytes: " + written.bytes());
        }
        return written;
    }

    public static Written write(Path file, int indicators, int commentChars, String prefix, String owner, String validator)
            throws IOException {
        Random random = new Random(42);
        int measurements = 0;
        try (SXSSFWorkbook book = new SXSSFWorkbook(100)) {
            book.setCompressTempFiles(true);
            Sheet defs = book.createSheet("Indicateurs");
            Sheet values = book.createSheet("Mesures");
            cells(defs.createRow(0), "Objectif", "Indicateur", "Unité", "Valeur de référence", "Date de référence",
                    "Valeur cible", "Date cible", "Sens", "Fréquence", "Responsable", "Validateur");
            cells(values.createRow(0), "Indicateur", "Période", "Valeur", "Commentaire", "Preuve");
            int valueRow = 1;
            for (int i = 0; i < indicators; i++) {
                String name = prefix + " " + i;
                Row row = defs.createRow(i + 1);
                cells(row, "Objectif " + (i % 10), name, "%");
                row.createCell(3).setCellValue(10);
                row.createCell(4).setCellValue("2025-01-01");
                row.createCell(5).setCellValue(90);
                cells(row, null, null, null, null, null, null, "2027-12-31", "HIGHER", "QUARTERLY", owner, validator);
                for (String period : PERIODS) {
                    Row v = values.createRow(valueRow++);
                    cells(v, name, period);
                    v.createCell(2).setCellValue(10 + random.nextInt(80));
                    v.createCell(3).setCellValue(text(random, commentChars));
                    measurements++;
                }
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                book.write(out);
            }
            book.dispose();
        }
        return new Written(Files.size(file), indicators, measurements);
    }

    private static void cells(Row row, String... values) {
        for (int c = 0; c < values.length; c++) {
            if (values[c] != null) {
                row.createCell(c).setCellValue(values[c]);
            }
        }
    }

    private static String text(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(random.nextInt(8) == 0 ? ' ' : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString().strip();
    }
}

package org.cohorte.base.export;

import java.util.HashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Writes text into a workbook so that no spreadsheet ever reads it as a formula (OWASP "CSV injection", ASVS
 * 1.2.10). Every exporter writes its text cells through one instance per workbook.
 * <p>
 * Text is always a string cell, so Excel and LibreOffice show it as typed when the file opens. What remains is
 * the person who edits such a cell (F2, Enter) or copies it elsewhere: a text starting with {@code =}, {@code +},
 * {@code -}, {@code @}, tab, carriage return or NUL is then parsed again and may run. Those cells get a style
 * with the quote prefix ({@code quotePrefix="1"}): the native equivalent of typing a leading apostrophe, which
 * both programs keep as "this is text" on editing, while the cell's value stays exactly what the user wrote (a
 * literal apostrophe in the value would show up in the cell and in every copy). A lone {@code -} or {@code +}
 * is not a formula and stays as it is; numbers are written as numbers by the exporters and never come here.
 */
public final class SpreadsheetText {

    private final Workbook workbook;
    /** The quote-prefixed twin of each style used for risky text, by the original style's index. */
    private final Map<Short, CellStyle> quoted = new HashMap<>();

    public SpreadsheetText(Workbook workbook) {
        this.workbook = workbook;
    }

    /** True when a spreadsheet could read the text as a formula. Cheap: exporters call it for every text cell. */
    public static boolean isFormulaLike(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        return switch (text.charAt(0)) {
            case '=', '@', '\t', '\r', '\0' -> true;
            case '+', '-' -> text.length() > 1;
            default -> false;
        };
    }

    /** A new text cell with the given style (null: the workbook's default), quote-prefixed when needed. */
    public Cell write(Row row, int column, String text, CellStyle style) {
        Cell cell = row.createCell(column);
        if (style != null) {
            cell.setCellStyle(style);
        }
        set(cell, text);
        return cell;
    }

    /** A new text cell with the workbook's default style, quote-prefixed when needed. */
    public Cell write(Row row, int column, String text) {
        return write(row, column, text, null);
    }

    /** Puts the text into the cell (null leaves it blank), swapping its style for the quote-prefixed twin if needed. */
    public void set(Cell cell, String text) {
        cell.setCellValue(text);
        if (isFormulaLike(text)) {
            cell.setCellStyle(quoted(cell.getCellStyle()));
        }
    }

    private CellStyle quoted(CellStyle style) {
        if (style.getQuotePrefixed()) {
            return style;
        }
        return quoted.computeIfAbsent(style.getIndex(), index -> {
            CellStyle twin = workbook.createCellStyle();
            twin.cloneStyleFrom(style);
            twin.setQuotePrefixed(true);
            return twin;
        });
    }
}

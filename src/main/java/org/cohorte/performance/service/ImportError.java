package org.cohorte.performance.service;

/**
 * One problem of an imported workbook: where (sheet, Excel row number, column letter and header) and what
 * (an i18n key and its arguments), so that each user reads it in their language.
 */
public record ImportError(String sheet, int row, String column, String header, String messageKey, Object... args) {
}

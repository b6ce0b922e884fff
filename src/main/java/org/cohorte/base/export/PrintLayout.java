package org.cohorte.base.export;

import java.util.Locale;
import java.util.Set;

import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * How every exported sheet prints: landscape, all columns on one page width (as many pages down as needed),
 * header rows repeated on each page, A4 or US Letter by the reader's country. Every exporter calls it once per
 * sheet, so the work does not grow with the rows (forum workbook budget: within 1.3× bare POI).
 */
public final class PrintLayout {

    /**
     * Countries that print on US Letter. A locale without a country (plain "fr", "en") also gets Letter: Cohorte's
     * readers are in Québec; any other country gets A4.
     */
    private static final Set<String> LETTER_COUNTRIES = Set.of("US", "CA", "MX", "PH", "CL", "CO", "VE", "GT");

    private PrintLayout() {
    }

    /**
     * @param headerRows how many rows from the top repeat on every printed page (0: none)
     * @param locale     the reader's locale: picks the paper size (null or no country: Letter)
     */
    public static void apply(Sheet sheet, int headerRows, Locale locale) {
        sheet.setFitToPage(true);
        sheet.setAutobreaks(true);
        PrintSetup setup = sheet.getPrintSetup();
        setup.setLandscape(true);
        setup.setFitWidth((short) 1);
        // 0 = as many pages down as the rows need; only the width is squeezed onto one page.
        setup.setFitHeight((short) 0);
        setup.setPaperSize(paper(locale));
        sheet.setHorizontallyCenter(true);
        if (headerRows > 0) {
            sheet.setRepeatingRows(new CellRangeAddress(0, headerRows - 1, -1, -1));
        }
    }

    static short paper(Locale locale) {
        String country = locale == null ? "" : locale.getCountry();
        return country.isEmpty() || LETTER_COUNTRIES.contains(country)
                ? PrintSetup.LETTER_PAPERSIZE : PrintSetup.A4_PAPERSIZE;
    }
}

package org.cohorte.performance.service;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.cohorte.base.text.PlainText;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.export.SpreadsheetText;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.EngineAuthentication;
import org.cohorte.performance.domain.Direction;
import org.cohorte.performance.domain.Frequency;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.IndicatorDefinition;
import org.cohorte.performance.domain.IndicatorRepository;
import org.cohorte.performance.domain.IndicatorStatus;
import org.cohorte.performance.domain.Measurement;
import org.cohorte.performance.domain.MeasurementRepository;
import org.cohorte.performance.domain.Objective;
import org.cohorte.performance.domain.ObjectiveRepository;
import org.cohorte.performance.domain.Period;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports indicators and/or measurements from the .xlsx template the app provides. Hostile files are refused
 * before POI parses them (size, signature, a zip pre-scan that stops at the first oversized or
 * over-compressed entry) and POI's own zip limits are tightened. Every row and column is checked against the
 * indicator definitions; any error and nothing is written.
 */
@Service
public class IndicatorImportService {

    public static final long MAX_BYTES = 10L * 1024 * 1024;
    /** Largest inflated size of one part of the workbook, and of all of them. */
    static final long MAX_ENTRY_BYTES = 50L * 1024 * 1024;
    static final long MAX_TOTAL_BYTES = 100L * 1024 * 1024;
    static final int MAX_ENTRIES = 500;
    /** Parts inflating more than this many times their compressed size are zip bombs. */
    static final int MAX_RATIO = 100;
    public static final int MAX_ROWS = 5000;

    static final String SHEET_INDICATORS = "performance.import.sheet.indicators";
    static final String SHEET_MEASUREMENTS = "performance.import.sheet.measurements";
    static final String[] INDICATOR_COLUMNS = {"objective", "name", "unit", "baselineValue", "baselineDate",
            "targetValue", "targetDate", "direction", "frequency", "owner", "validator"};
    static final String[] MEASUREMENT_COLUMNS = {"indicator", "period", "value", "comment", "evidence"};

    static {
        // Tightened from POI's defaults (4 GB per entry, 100 M characters of text).
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
        ZipSecureFile.setMaxTextSize(20_000_000);
        ZipSecureFile.setMaxFileCount(MAX_ENTRIES);
    }

    private final PerformanceAccess access;
    private final CurrentUser currentUser;
    private final ObjectiveRepository objectives;
    private final IndicatorRepository indicators;
    private final MeasurementRepository measurements;
    private final IdentityService identityService;
    private final DecisionService decisionService;
    private final EngineAuthentication engineAuthentication;
    private final CohorteI18NProvider i18n;

    public IndicatorImportService(PerformanceAccess access, CurrentUser currentUser, ObjectiveRepository objectives,
                                  IndicatorRepository indicators, MeasurementRepository measurements,
                                  IdentityService identityService, DecisionService decisionService,
                                  EngineAuthentication engineAuthentication, CohorteI18NProvider i18n) {
        this.access = access;
        this.currentUser = currentUser;
        this.objectives = objectives;
        this.indicators = indicators;
        this.measurements = measurements;
        this.identityService = identityService;
        this.decisionService = decisionService;
        this.engineAuthentication = engineAuthentication;
        this.i18n = i18n;
    }

    /** The template: both sheets with their headers, the organization's indicators listed, lists for codes. */
    @Transactional(readOnly = true)
    public byte[] template(UUID organizationId, Locale locale) {
        access.requireRead(organizationId);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            // Objective titles, indicator names and units are typed by people: never let a spreadsheet run them.
            SpreadsheetText texts = new SpreadsheetText(workbook);
            var bold = workbook.createFont();
            bold.setBold(true);
            var header = workbook.createCellStyle();
            header.setFont(bold);
            var dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            Sheet defs = workbook.createSheet(t(SHEET_INDICATORS, locale));
            Sheet values = workbook.createSheet(t(SHEET_MEASUREMENTS, locale));
            headers(defs, INDICATOR_COLUMNS, locale, header);
            headers(values, MEASUREMENT_COLUMNS, locale, header);
            Map<UUID, String> titles = new HashMap<>();
            objectives.findByOrganizationIdOrderByTitleAsc(organizationId).forEach(o -> titles.put(o.getId(), o.getTitle()));
            int r = 1;
            for (Indicator i : indicators.findByOrganizationIdOrderByNameAsc(organizationId)) {
                Row row = defs.createRow(r++);
                texts.write(row, 0, titles.getOrDefault(i.getObjectiveId(), ""));
                texts.write(row, 1, i.getName());
                texts.write(row, 2, i.getUnit());
                row.createCell(3).setCellValue(i.getBaselineValue());
                row.createCell(4).setCellValue(i.getBaselineDate());
                row.getCell(4).setCellStyle(dateStyle);
                row.createCell(5).setCellValue(i.getTargetValue());
                row.createCell(6).setCellValue(i.getTargetDate());
                row.getCell(6).setCellStyle(dateStyle);
                row.createCell(7).setCellValue(i.getDirection().name());
                row.createCell(8).setCellValue(i.getFrequency().name());
                row.createCell(9).setCellValue(i.getOwnerId());
                row.createCell(10).setCellValue(i.getValidatorId());
                Row m = values.createRow(r - 1);
                texts.write(m, 0, i.getName());
            }
            DataValidationHelper helper = defs.getDataValidationHelper();
            DataValidation direction = helper.createValidation(helper.createExplicitListConstraint(
                    new String[] {"HIGHER", "LOWER"}), new CellRangeAddressList(1, MAX_ROWS, 7, 7));
            DataValidation frequency = helper.createValidation(helper.createExplicitListConstraint(
                    new String[] {"MONTHLY", "QUARTERLY", "SEMIANNUAL", "ANNUAL"}), new CellRangeAddressList(1, MAX_ROWS, 8, 8));
            defs.addValidationData(direction);
            defs.addValidationData(frequency);
            for (int c = 0; c < INDICATOR_COLUMNS.length; c++) {
                defs.setColumnWidth(c, (c < 2 ? 36 : 16) * 256);
            }
            for (int c = 0; c < MEASUREMENT_COLUMNS.length; c++) {
                values.setColumnWidth(c, (c == 0 || c == 3 ? 36 : 14) * 256);
            }
            defs.createFreezePane(0, 1);
            values.createFreezePane(0, 1);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void headers(Sheet sheet, String[] columns, Locale locale, org.apache.poi.ss.usermodel.CellStyle style) {
        Row row = sheet.createRow(0);
        for (int c = 0; c < columns.length; c++) {
            Cell cell = row.createCell(c);
            cell.setCellValue(t("performance.import.column." + columns[c], locale));
            cell.setCellStyle(style);
        }
    }

    /** An error as one line in the reader's language: sheet, row, column (header) and what is wrong. */
    public String describe(ImportError error, Locale locale) {
        String header = error.header().startsWith("@")
                ? i18n.getTranslation("performance.import.column." + error.header().substring(1), locale) : error.header();
        return i18n.getTranslation("performance.import.errorLine", locale, error.sheet(), error.row(), error.column(),
                header, i18n.getTranslation(error.messageKey(), locale, error.args()));
    }

    private String t(String key, Locale locale) {
        return i18n.getTranslation(key, locale);
    }

    /**
     * Reads and checks the whole file; imports everything or nothing. Refuses outright (an exception) a
     * file that is too large, not an .xlsx or hostile; returns the row errors otherwise.
     */
    @Transactional
    public ImportResult importWorkbook(UUID organizationId, InputStream input) {
        access.requireWrite(organizationId);
        byte[] bytes = readBounded(input);
        if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K' || bytes[2] != 3 || bytes[3] != 4) {
            throw new CohorteException("performance.import.notXlsx");
        }
        preScan(bytes);
        try (Workbook workbook = open(bytes)) {
            return importFrom(organizationId, workbook);
        } catch (IOException e) {
            throw new CohorteException("performance.import.notXlsx");
        }
    }

    private static byte[] readBounded(InputStream input) {
        try (input) {
            byte[] bytes = input.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new CohorteException("performance.import.tooLarge", MAX_BYTES / (1024 * 1024));
            }
            return bytes;
        } catch (IOException e) {
            throw new CohorteException("performance.import.notXlsx");
        }
    }

    /** Walks the zip without keeping anything, refusing bombs before POI inflates a single part. */
    private static void preScan(byte[] bytes) {
        long total = 0;
        int entries = 0;
        boolean contentTypes = false;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new CohorteException("performance.import.zipBomb");
                }
                contentTypes |= "[Content_Types].xml".equals(entry.getName());
                long inflated = 0;
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    inflated += n;
                    total += n;
                    if (inflated > MAX_ENTRY_BYTES || total > MAX_TOTAL_BYTES) {
                        throw new CohorteException("performance.import.zipBomb");
                    }
                }
                long compressed = entry.getCompressedSize();
                if (inflated > 1024 * 1024 && compressed > 0 && inflated / compressed > MAX_RATIO) {
                    throw new CohorteException("performance.import.zipBomb");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new CohorteException("performance.import.notXlsx");
        }
        if (entries == 0 || !contentTypes) {
            throw new CohorteException("performance.import.notXlsx");
        }
    }

    private static Workbook open(byte[] bytes) {
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("zip bomb") || message.contains("max entry size") || message.contains("max file count")) {
                throw new CohorteException("performance.import.zipBomb");
            }
            throw new CohorteException("performance.import.notXlsx");
        }
    }

    private record IndicatorLine(int row, String objective, IndicatorDefinition definition) {
    }

    private record MeasurementLine(int row, String indicator, Period period, double value, String comment, String evidence) {
    }

    private ImportResult importFrom(UUID organizationId, Workbook workbook) {
        List<ImportError> errors = new ArrayList<>();
        Sheet defs = sheet(workbook, SHEET_INDICATORS);
        Sheet values = sheet(workbook, SHEET_MEASUREMENTS);
        if (defs == null && values == null) {
            throw new CohorteException("performance.import.noSheet");
        }
        Map<String, Indicator> existing = new HashMap<>();
        indicators.findByOrganizationIdOrderByNameAsc(organizationId).forEach(i -> existing.put(key(i.getName()), i));

        List<IndicatorLine> newIndicators = new ArrayList<>();
        Set<String> namesInFile = new HashSet<>();
        if (defs != null) {
            checkRows(defs, errors);
            for (int r = 1; r <= defs.getLastRowNum() && r <= MAX_ROWS; r++) {
                Row row = defs.getRow(r);
                if (blankRow(row, INDICATOR_COLUMNS.length)) {
                    continue;
                }
                RowReader read = new RowReader(defs, row, INDICATOR_COLUMNS, errors);
                String objective = read.text(0, true, IndicatorService.MAX_NAME);
                String name = read.text(1, true, IndicatorService.MAX_NAME);
                String unit = read.text(2, true, IndicatorService.MAX_UNIT);
                Double baseline = read.number(3);
                LocalDate baselineDate = read.date(4);
                Double target = read.number(5);
                LocalDate targetDate = read.date(6);
                Direction direction = read.code(7, Direction.class);
                Frequency frequency = read.code(8, Frequency.class);
                String owner = read.user(9);
                String validator = read.user(10);
                if (name != null && !namesInFile.add(key(name))) {
                    read.error(1, "performance.import.error.duplicate", name);
                }
                if (read.ok()) {
                    IndicatorDefinition definition = new IndicatorDefinition(name, unit, baseline, baselineDate, target,
                            targetDate, direction, frequency, owner, validator);
                    try {
                        newIndicators.add(new IndicatorLine(r + 1, objective, IndicatorService.validate(definition)));
                    } catch (CohorteException e) {
                        int column = e.getMessageKey().endsWith("targetBeforeBaseline") ? 6 : 5;
                        read.error(column, e.getMessageKey(), e.getArgs());
                    }
                }
            }
        }

        List<MeasurementLine> newValues = new ArrayList<>();
        if (values != null) {
            checkRows(values, errors);
            Set<String> seen = new HashSet<>();
            for (int r = 1; r <= values.getLastRowNum() && r <= MAX_ROWS; r++) {
                Row row = values.getRow(r);
                if (blankRow(row, MEASUREMENT_COLUMNS.length) || onlyIndicatorName(row)) {
                    continue;
                }
                RowReader read = new RowReader(values, row, MEASUREMENT_COLUMNS, errors);
                String indicator = read.text(0, true, IndicatorService.MAX_NAME);
                Period period = read.period(1);
                Double value = read.number(2);
                String comment = read.text(3, false, IndicatorService.MAX_TEXT);
                String evidence = read.text(4, false, 1000);
                if (evidence != null && !evidence.matches("(?i)https?://\\S+")) {
                    read.error(4, "performance.error.evidenceUrl");
                }
                if (indicator != null && !existing.containsKey(key(indicator)) && !namesInFile.contains(key(indicator))) {
                    read.error(0, "performance.import.error.unknownIndicator", indicator);
                }
                if (indicator != null && period != null) {
                    if (!seen.add(key(indicator) + "|" + period.label())) {
                        read.error(1, "performance.import.error.duplicate", indicator + " " + period.label());
                    }
                    Indicator known = existing.get(key(indicator));
                    if (known != null) {
                        measurements.findByIndicatorIdAndPeriod(known.getId(), period.label())
                                // A value in a review is changed through the review's tasks, never behind them.
                                .filter(m -> m.getReviewId() != null)
                                .ifPresent(m -> read.error(1, "performance.import.error.locked", period.label()));
                    }
                }
                if (read.ok()) {
                    newValues.add(new MeasurementLine(r + 1, indicator, period, value, comment, evidence));
                }
            }
        }
        if (!errors.isEmpty()) {
            return new ImportResult(List.copyOf(errors), 0, 0, 0, 0);
        }
        if (newIndicators.isEmpty() && newValues.isEmpty()) {
            throw new CohorteException("performance.import.empty");
        }

        // Everything is valid: write it all, in this one transaction.
        int objectivesCreated = 0;
        int created = 0;
        int updated = 0;
        Map<String, Objective> objectiveByTitle = new HashMap<>();
        objectives.findByOrganizationIdOrderByTitleAsc(organizationId).forEach(o -> objectiveByTitle.put(key(o.getTitle()), o));
        for (IndicatorLine line : newIndicators) {
            Indicator known = existing.get(key(line.definition().name()));
            if (known != null) {
                // A row of the template for an indicator already defined: its definition is updated.
                known.apply(line.definition());
                updated++;
                continue;
            }
            Objective objective = objectiveByTitle.get(key(line.objective()));
            if (objective == null) {
                objective = objectives.save(new Objective(organizationId, line.objective(), null));
                objectiveByTitle.put(key(line.objective()), objective);
                objectivesCreated++;
            }
            Indicator indicator = indicators.save(new Indicator(objective.getId(), organizationId, line.definition()));
            existing.put(key(indicator.getName()), indicator);
            created++;
        }
        String me = currentUser.userId();
        for (MeasurementLine line : newValues) {
            Indicator indicator = existing.get(key(line.indicator()));
            Measurement measurement = measurements.findByIndicatorIdAndPeriod(indicator.getId(), line.period().label())
                    .orElseGet(() -> new Measurement(indicator.getId(), null, line.period()));
            measurement.importValue(line.value(), line.comment(), line.evidence(), me);
            measurement.rate(rate(indicator, line.value(), line.period()), indicator.progressOf(line.value()));
            measurements.save(measurement);
        }
        return new ImportResult(List.of(), objectivesCreated, created, updated, newValues.size());
    }

    private IndicatorStatus rate(Indicator indicator, double value, Period period) {
        Map<String, Object> inputs = ReviewService.statusInputs(indicator, value, period.end());
        String status = engineAuthentication.asSystem(() -> decisionService.evaluateDecisionTableByKey("indicator_status", inputs)
                .getSingleResult().<String>getSingleEntry());
        return IndicatorStatus.valueOf(status);
    }

    private Sheet sheet(Workbook workbook, String key) {
        for (Locale locale : CohorteI18NProvider.LOCALES) {
            Sheet sheet = workbook.getSheet(t(key, locale));
            if (sheet != null) {
                return sheet;
            }
        }
        return null;
    }

    private static void checkRows(Sheet sheet, List<ImportError> errors) {
        if (sheet.getLastRowNum() > MAX_ROWS) {
            errors.add(new ImportError(sheet.getSheetName(), MAX_ROWS + 2, "A", "", "performance.import.error.tooManyRows", MAX_ROWS));
        }
    }

    private static boolean blankRow(Row row, int columns) {
        if (row == null) {
            return true;
        }
        for (int c = 0; c < columns; c++) {
            Cell cell = row.getCell(c);
            if (cell != null && cell.getCellType() != CellType.BLANK
                    && !(cell.getCellType() == CellType.STRING && cell.getStringCellValue().isBlank())) {
                return false;
            }
        }
        return true;
    }

    /** The template lists the indicators in the first column; a row with only that is not a measurement. */
    private static boolean onlyIndicatorName(Row row) {
        for (int c = 1; c < MEASUREMENT_COLUMNS.length; c++) {
            Cell cell = row.getCell(c);
            if (cell != null && cell.getCellType() != CellType.BLANK
                    && !(cell.getCellType() == CellType.STRING && cell.getStringCellValue().isBlank())) {
                return false;
            }
        }
        return true;
    }

    private static String key(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }

    /** Reads one row's cells, recording an error per bad cell. */
    private final class RowReader {
        private final Sheet sheet;
        private final Row row;
        private final String[] columns;
        private final List<ImportError> errors;
        private boolean ok = true;

        RowReader(Sheet sheet, Row row, String[] columns, List<ImportError> errors) {
            this.sheet = sheet;
            this.row = row;
            this.columns = columns;
            this.errors = errors;
        }

        boolean ok() {
            return ok;
        }

        void error(int column, String key, Object... args) {
            ok = false;
            Row headerRow = sheet.getRow(0);
            Cell headerCell = headerRow == null ? null : headerRow.getCell(column);
            // Without a header cell, the column's own name, translated for each reader by describe().
            String header = headerCell == null || headerCell.toString().isBlank() ? "@" + columns[column] : headerCell.toString();
            errors.add(new ImportError(sheet.getSheetName(), row.getRowNum() + 1, CellReference.convertNumToColString(column),
                    header, key, args));
        }

        private Cell cell(int column) {
            Cell cell = row.getCell(column);
            if (cell == null || cell.getCellType() == CellType.BLANK
                    || cell.getCellType() == CellType.STRING && cell.getStringCellValue().isBlank()) {
                return null;
            }
            return cell;
        }

        String text(int column, boolean required, int max) {
            Cell cell = cell(column);
            if (cell == null) {
                if (required) {
                    error(column, "performance.import.error.required");
                }
                return null;
            }
            String value = switch (cell.getCellType()) {
                case STRING -> PlainText.clean(cell.getStringCellValue()).strip();
                case NUMERIC -> {
                    double d = cell.getNumericCellValue();
                    yield d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
                }
                case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
                default -> null;
            };
            if (value == null) {
                error(column, "performance.import.error.text");
                return null;
            }
            if (value.length() > max) {
                error(column, "performance.error.tooLong", max);
                return null;
            }
            return value;
        }

        Double number(int column) {
            Cell cell = cell(column);
            if (cell == null) {
                error(column, "performance.import.error.required");
                return null;
            }
            if (cell.getCellType() == CellType.NUMERIC) {
                double value = cell.getNumericCellValue();
                if (Double.isFinite(value)) {
                    return value;
                }
            } else if (cell.getCellType() == CellType.STRING) {
                try {
                    double value = Double.parseDouble(cell.getStringCellValue().strip().replace(" ", "").replace(',', '.'));
                    if (Double.isFinite(value)) {
                        return value;
                    }
                } catch (NumberFormatException ignored) {
                    // Reported below.
                }
            }
            error(column, "performance.import.error.number", cell.toString());
            return null;
        }

        LocalDate date(int column) {
            Cell cell = cell(column);
            if (cell == null) {
                error(column, "performance.import.error.required");
                return null;
            }
            if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
                return cell.getLocalDateTimeCellValue().toLocalDate();
            }
            if (cell.getCellType() == CellType.STRING) {
                try {
                    return LocalDate.parse(cell.getStringCellValue().strip());
                } catch (DateTimeParseException ignored) {
                    // Reported below.
                }
            }
            error(column, "performance.import.error.date", cell.toString());
            return null;
        }

        <E extends Enum<E>> E code(int column, Class<E> type) {
            String value = text(column, true, 20);
            if (value == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                StringBuilder allowed = new StringBuilder();
                for (E constant : type.getEnumConstants()) {
                    allowed.append(allowed.isEmpty() ? "" : ", ").append(constant.name());
                }
                error(column, "performance.import.error.code", value, allowed.toString());
                return null;
            }
        }

        String user(int column) {
            String value = text(column, true, 64);
            if (value != null && engineAuthentication.asSystem(() -> identityService.createUserQuery().userId(value).count()) == 0) {
                error(column, "performance.import.error.unknownUser", value);
                return null;
            }
            return value;
        }

        Period period(int column) {
            String value = text(column, true, 20);
            if (value == null) {
                return null;
            }
            Period period = Period.parse(value);
            if (period == null) {
                error(column, "performance.error.period", value);
            }
            return period;
        }
    }
}

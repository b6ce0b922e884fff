package org.cohorte.performance.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.cohorte.base.limits.RateLimits;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.metrics.CohorteMetrics;
import org.cohorte.base.export.PrintLayout;
import org.cohorte.base.export.SpreadsheetText;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.base.text.PlainText;
import org.cohorte.base.upload.TemporaryUpload;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports indicators and/or measurements from the .xlsx template the app provides. The file is read from disk
 * in streaming fashion ({@link XlsxReader}): its memory does not grow with its size. Hostile files are refused
 * (size, signature, zip bombs, DOCTYPEs) by this import's own limits, not POI's JVM-wide ones. Every row and
 * column is checked against the indicator definitions, with what the checks need from the database read once
 * per file, not once per row; any error and nothing is written.
 */
@Service
public class IndicatorImportService {

    private static final Logger LOG = LoggerFactory.getLogger(IndicatorImportService.class);

    /** The announced limit of an imported file; spring.servlet.multipart.max-file-size says the same. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final int MAX_ROWS = 5000;

    static final String SHEET_INDICATORS = "performance.import.sheet.indicators";
    static final String SHEET_MEASUREMENTS = "performance.import.sheet.measurements";
    static final String[] INDICATOR_COLUMNS = {"objective", "name", "unit", "baselineValue", "baselineDate",
            "targetValue", "targetDate", "direction", "frequency", "owner", "validator"};
    static final String[] MEASUREMENT_COLUMNS = {"indicator", "period", "value", "comment", "evidence"};

    private final PerformanceAccess access;
    private final CurrentUser currentUser;
    private final ObjectiveRepository objectives;
    private final IndicatorRepository indicators;
    private final MeasurementRepository measurements;
    private final IdentityService identityService;
    private final RepositoryService repositoryService;
    private final EngineAuthentication engineAuthentication;
    private final CohorteI18NProvider i18n;
    private final RateLimits rateLimits;
    private final CohorteMetrics metrics;

    public IndicatorImportService(PerformanceAccess access, CurrentUser currentUser, ObjectiveRepository objectives,
                                  IndicatorRepository indicators, MeasurementRepository measurements,
                                  IdentityService identityService,
                                  RepositoryService repositoryService, EngineAuthentication engineAuthentication, CohorteI18NProvider i18n,
                                  RateLimits rateLimits, CohorteMetrics metrics) {
        this.rateLimits = rateLimits;
        this.metrics = metrics;
        this.access = access;
        this.currentUser = currentUser;
        this.objectives = objectives;
        this.indicators = indicators;
        this.measurements = measurements;
        this.identityService = identityService;
        this.repositoryService = repositoryService;
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
                // Codes in the reader's language, as the drop-downs offer them; the import reads them back.
                row.createCell(7).setCellValue(label(i.getDirection(), locale));
                row.createCell(8).setCellValue(label(i.getFrequency(), locale));
                row.createCell(9).setCellValue(i.getOwnerId());
                row.createCell(10).setCellValue(i.getValidatorId());
                Row m = values.createRow(r - 1);
                texts.write(m, 0, i.getName());
            }
            DataValidationHelper helper = defs.getDataValidationHelper();
            DataValidation direction = helper.createValidation(helper.createExplicitListConstraint(
                    labels(Direction.class, locale)), new CellRangeAddressList(1, MAX_ROWS, 7, 7));
            DataValidation frequency = helper.createValidation(helper.createExplicitListConstraint(
                    labels(Frequency.class, locale)), new CellRangeAddressList(1, MAX_ROWS, 8, 8));
            // A warning, not a refusal: the internal codes (HIGHER, QUARTERLY...) and the other language's words
            // are accepted by the import too, so a spreadsheet must not forbid typing them.
            direction.setErrorStyle(DataValidation.ErrorStyle.WARNING);
            frequency.setErrorStyle(DataValidation.ErrorStyle.WARNING);
            direction.setShowErrorBox(true);
            frequency.setShowErrorBox(true);
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
            PrintLayout.apply(defs, 1, locale);
            PrintLayout.apply(values, 1, locale);
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
        Object[] args = error.args().clone();
        for (int a = 0; a < args.length; a++) {
            // The values a code column allows, in the reader's language.
            if (args[a] instanceof AllowedCodes allowed) {
                args[a] = String.join(", ", labels(allowed.type(), locale));
            }
        }
        return i18n.getTranslation("performance.import.errorLine", locale, error.sheet(), error.row(), error.column(),
                header, i18n.getTranslation(error.messageKey(), locale, args));
    }

    /** The values of a code column, resolved to words only when the error is shown (in the reader's language). */
    record AllowedCodes(Class<? extends Enum<?>> type) {
    }

    /** The word for a code in a language: what the template shows and its drop-down offers. */
    public String label(Enum<?> code, Locale locale) {
        return t(labelKey(code), locale);
    }

    private static String labelKey(Enum<?> code) {
        return "performance.import.code." + code.getDeclaringClass().getSimpleName() + "." + code.name();
    }

    private String[] labels(Class<? extends Enum<?>> type, Locale locale) {
        Enum<?>[] constants = type.getEnumConstants();
        String[] labels = new String[constants.length];
        for (int c = 0; c < constants.length; c++) {
            labels[c] = label(constants[c], locale);
        }
        return labels;
    }

    /**
     * What a code cell may hold, by its folded form (case and accents ignored): the internal code and its word in
     * each of the app's languages, so a template round-trips in either language and older files still import.
     */
    private Map<String, Enum<?>> codeWords(Class<? extends Enum<?>> type) {
        Map<String, Enum<?>> words = new HashMap<>();
        for (Enum<?> constant : type.getEnumConstants()) {
            words.put(fold(constant.name()), constant);
            for (Locale locale : CohorteI18NProvider.LOCALES) {
                words.putIfAbsent(fold(label(constant, locale)), constant);
            }
        }
        return words;
    }

    static String fold(String text) {
        return java.text.Normalizer.normalize(text.strip(), java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
    }

    private String t(String key, Locale locale) {
        return i18n.getTranslation(key, locale);
    }

    /**
     * Reads and checks the whole file; imports everything or nothing. Refuses outright (an exception) a
     * file that is too large, not an .xlsx or hostile; returns the row errors otherwise. The stream is copied to
     * a bounded temporary file first (never more than {@link #MAX_BYTES} + 1 bytes read), deleted afterwards.
     */
    @Transactional
    public ImportResult importWorkbook(UUID organizationId, InputStream input) {
        access.requireWrite(organizationId);
        try (input; TemporaryUpload upload = TemporaryUpload.receive(input, MAX_BYTES)) {
            return importWorkbook(organizationId, upload.path());
        } catch (TemporaryUpload.TooLargeException e) {
            throw refused(tooLarge());
        } catch (IOException e) {
            throw refused(new CohorteException("performance.import.notXlsx"));
        }
    }

    /** The same, from a file already received (an upload's temporary file); the caller deletes it. */
    @Transactional
    public ImportResult importWorkbook(UUID organizationId, Path file) {
        access.requireWrite(organizationId);
        rateLimits.acquire(currentUser.userId(), RateLimits.UPLOAD);
        try {
            ImportResult result = checkAndImport(organizationId, file);
            if (!result.accepted()) {
                metrics.importRefused("rows");
            }
            return result;
        } catch (CohorteException e) {
            throw refused(e);
        }
    }

    /** Counts a refusal by its message key's last part (tooLarge, notXlsx, noSheet...) before it is thrown. */
    private CohorteException refused(CohorteException e) {
        String key = e.getMessageKey();
        metrics.importRefused(key.substring(key.lastIndexOf('.') + 1));
        return e;
    }

    private ImportResult checkAndImport(UUID organizationId, Path file) {
        byte[] signature = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (Files.size(file) > MAX_BYTES) {
                throw tooLarge();
            }
            if (in.readNBytes(signature, 0, 4) < 4 || signature[0] != 'P' || signature[1] != 'K' || signature[2] != 3
                    || signature[3] != 4) {
                throw new CohorteException("performance.import.notXlsx");
            }
        } catch (IOException e) {
            throw new CohorteException("performance.import.notXlsx");
        }
        long started = System.nanoTime();
        try (XlsxReader workbook = XlsxReader.open(file)) {
            ImportResult result = importFrom(organizationId, workbook);
            // What an operator needs to size imports: how big, how many rows, how long (the commit comes after).
            LOG.info("Indicator import of {} bytes for organization {}: {} error(s), {} indicator(s) created, {} updated, "
                            + "{} value(s), {} ms", file.toFile().length(), organizationId, result.errors().size(),
                    result.indicatorsCreated(), result.indicatorsUpdated(), result.measurementsImported(),
                    (System.nanoTime() - started) / 1_000_000);
            return result;
        }
    }

    private static CohorteException tooLarge() {
        return new CohorteException("performance.import.tooLarge", MAX_BYTES / (1024 * 1024));
    }

    private record IndicatorLine(int row, String objective, IndicatorDefinition definition) {
    }

    private record MeasurementLine(int row, String indicator, Period period, double value, String comment, String evidence) {
    }

    /** A cell whose check needs the database, done once for the whole file after reading it. */
    private record Pending(SheetErrors sheet, int row, int column, String value) {
    }

    private ImportResult importFrom(UUID organizationId, XlsxReader workbook) {
        String defs = sheet(workbook, SHEET_INDICATORS);
        String values = sheet(workbook, SHEET_MEASUREMENTS);
        if (defs == null && values == null) {
            throw new CohorteException("performance.import.noSheet");
        }
        List<ImportError> errors = new ArrayList<>();
        Map<String, Indicator> existing = new HashMap<>();
        indicators.findByOrganizationIdOrderByNameAsc(organizationId).forEach(i -> existing.put(key(i.getName()), i));

        List<IndicatorLine> newIndicators = new ArrayList<>();
        Set<String> namesInFile = new HashSet<>();
        List<Pending> users = new ArrayList<>();
        if (defs != null) {
            SheetErrors sheet = new SheetErrors(defs, INDICATOR_COLUMNS, errors);
            Map<Class<?>, Map<String, Enum<?>>> codes = Map.of(Direction.class, codeWords(Direction.class),
                    Frequency.class, codeWords(Frequency.class));
            workbook.read(defs, INDICATOR_COLUMNS.length, (index, cells) -> {
                if (!sheet.accept(index, cells)) {
                    return false;
                }
                if (index == 0 || blank(cells, 0)) {
                    return true;
                }
                RowReader read = new RowReader(sheet, index, cells, codes);
                String objective = read.text(0, true, IndicatorService.MAX_NAME);
                String name = read.text(1, true, IndicatorService.MAX_NAME);
                String unit = read.text(2, true, IndicatorService.MAX_UNIT);
                Double baseline = read.number(3);
                LocalDate baselineDate = read.date(4);
                Double target = read.number(5);
                LocalDate targetDate = read.date(6);
                Direction direction = read.code(7, Direction.class);
                Frequency frequency = read.code(8, Frequency.class);
                String owner = read.user(9, users);
                String validator = read.user(10, users);
                if (name != null && !namesInFile.add(key(name))) {
                    read.error(1, "performance.import.error.duplicate", name);
                }
                if (read.ok()) {
                    IndicatorDefinition definition = new IndicatorDefinition(name, unit, baseline, baselineDate, target,
                            targetDate, direction, frequency, owner, validator);
                    try {
                        newIndicators.add(new IndicatorLine(index + 1, objective, IndicatorService.validate(definition)));
                    } catch (CohorteException e) {
                        int column = e.getMessageKey().endsWith("targetBeforeBaseline") ? 6 : 5;
                        read.error(column, e.getMessageKey(), e.getArgs());
                    }
                }
                return true;
            });
            checkUsers(users);
        }

        List<MeasurementLine> newValues = new ArrayList<>();
        List<Pending> periodsOfKnownIndicators = new ArrayList<>();
        if (values != null) {
            SheetErrors sheet = new SheetErrors(values, MEASUREMENT_COLUMNS, errors);
            Set<String> seen = new HashSet<>();
            workbook.read(values, MEASUREMENT_COLUMNS.length, (index, cells) -> {
                if (!sheet.accept(index, cells)) {
                    return false;
                }
                // The template lists the indicators in the first column; a row with only that is not a measurement.
                if (index == 0 || blank(cells, 1)) {
                    return true;
                }
                RowReader read = new RowReader(sheet, index, cells, Map.of());
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
                    if (existing.containsKey(key(indicator))) {
                        periodsOfKnownIndicators.add(new Pending(sheet, index, 1, key(indicator) + "|" + period.label()));
                    }
                }
                if (read.ok()) {
                    newValues.add(new MeasurementLine(index + 1, indicator, period, value, comment, evidence));
                }
                return true;
            });
        }
        // The values already stored for the periods in the file, read once (not once per row).
        Map<String, Measurement> stored = storedMeasurements(existing.values(), periodsOfKnownIndicators, existing);
        for (Pending cell : periodsOfKnownIndicators) {
            Measurement measurement = stored.get(cell.value());
            // A value in a review is changed through the review's tasks, never behind them.
            if (measurement != null && measurement.getReviewId() != null) {
                cell.sheet().error(cell.row(), cell.column(), "performance.import.error.locked", measurement.getPeriod());
            }
        }
        if (!errors.isEmpty()) {
            // Sheet by sheet as read, then row and column: the order a person reads the file in.
            Map<String, Integer> sheetOrder = new HashMap<>();
            errors.forEach(e -> sheetOrder.putIfAbsent(e.sheet(), sheetOrder.size()));
            errors.sort(Comparator.<ImportError>comparingInt(e -> sheetOrder.get(e.sheet())).thenComparingInt(ImportError::row)
                    .thenComparingInt(e -> e.column().length()).thenComparing(ImportError::column));
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
                // A row of the template for an indicator already defined: its definition is updated, and counted
                // only when it changed (a template sent back unchanged changes nothing and says so).
                if (!known.definition().equals(line.definition())) {
                    known.apply(line.definition());
                    updated++;
                }
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
        List<IndicatorStatus> statuses = rate(newValues, existing);
        List<Measurement> changed = new ArrayList<>(newValues.size());
        for (int n = 0; n < newValues.size(); n++) {
            MeasurementLine line = newValues.get(n);
            Indicator indicator = existing.get(key(line.indicator()));
            Measurement measurement = stored.get(key(line.indicator()) + "|" + line.period().label());
            if (measurement == null) {
                measurement = new Measurement(indicator.getId(), null, line.period());
            }
            measurement.importValue(line.value(), line.comment(), line.evidence(), me);
            measurement.rate(statuses.get(n), indicator.progressOf(line.value()));
            changed.add(measurement);
        }
        measurements.saveAll(changed);
        return new ImportResult(List.of(), objectivesCreated, created, updated, newValues.size());
    }

    /** The stored measurements of the file's (indicator, period) pairs, by "indicator key|period", in a few queries. */
    private Map<String, Measurement> storedMeasurements(Collection<Indicator> known, List<Pending> pairs,
                                                        Map<String, Indicator> byKey) {
        Map<String, Measurement> stored = new HashMap<>();
        if (pairs.isEmpty()) {
            return stored;
        }
        Set<UUID> ids = new HashSet<>();
        Set<String> periods = new HashSet<>();
        for (Pending pair : pairs) {
            int bar = pair.value().lastIndexOf('|');
            ids.add(byKey.get(pair.value().substring(0, bar)).getId());
            periods.add(pair.value().substring(bar + 1));
        }
        Map<UUID, String> keyOf = new HashMap<>();
        known.forEach(i -> keyOf.put(i.getId(), key(i.getName())));
        List<UUID> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            for (Measurement m : measurements.findByIndicatorIdInAndPeriodIn(all.subList(from, Math.min(all.size(), from + IN_CHUNK)),
                    periods)) {
                stored.put(keyOf.get(m.getIndicatorId()) + "|" + m.getPeriod(), m);
            }
        }
        return stored;
    }

    /** How many ids go in one IN list. */
    private static final int IN_CHUNK = 500;

    /** Refuses owners and validators who are not users: one query for all the distinct ids of the file. */
    private void checkUsers(List<Pending> cells) {
        Set<String> ids = new HashSet<>();
        cells.forEach(c -> ids.add(c.value()));
        Set<String> known = new HashSet<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            String[] chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK)).toArray(String[]::new);
            engineAuthentication.asSystem(() -> identityService.createUserQuery().userIdIn(chunk).list())
                    .forEach(u -> known.add(u.getId()));
        }
        for (Pending cell : cells) {
            if (!known.contains(cell.value())) {
                cell.sheet().error(cell.row(), cell.column(), "performance.import.error.unknownUser", cell.value());
            }
        }
    }

    /**
     * The status of each imported value, from the deployed indicator_status decision: its model is read once per
     * file and evaluated in memory by the DMN engine's public API, instead of a definition lookup and a history
     * flush per row (and without reaching into the process engine's internals). The rating itself is kept on each
     * measurement, as the review path keeps it.
     */
    private List<IndicatorStatus> rate(List<MeasurementLine> lines, Map<String, Indicator> byKey) {
        if (lines.isEmpty()) {
            return List.of();
        }
        DmnDecision decision = engineAuthentication.asSystem(() -> {
            String decisionId = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("indicator_status")
                    .latestVersion().singleResult().getId();
            try (var model = repositoryService.getDecisionModel(decisionId)) {
                return DMN.parseDecision("indicator_status", model);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        List<IndicatorStatus> statuses = new ArrayList<>(lines.size());
        for (MeasurementLine line : lines) {
            Indicator indicator = byKey.get(key(line.indicator()));
            Map<String, Object> inputs = ReviewService.statusInputs(indicator, line.value(), line.period().end());
            String status = DMN.evaluateDecisionTable(decision, inputs).getSingleResult().getSingleEntry();
            statuses.add(IndicatorStatus.valueOf(status));
        }
        return statuses;
    }

    /** A stateless DMN engine (FEEL, as the models declare), shared: it keeps nothing between evaluations. */
    private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    /** The sheet for a key, in any of the app's languages (as Excel does, whatever the case). */
    private String sheet(XlsxReader workbook, String key) {
        for (Locale locale : CohorteI18NProvider.LOCALES) {
            String name = t(key, locale);
            for (String sheet : workbook.sheetNames()) {
                if (sheet.equalsIgnoreCase(name)) {
                    return sheet;
                }
            }
        }
        return null;
    }

    /** No value in the row from this column on (the first columns only, as the sheet's rows are read). */
    private static boolean blank(XlsxReader.Cell[] cells, int from) {
        for (int c = from; c < cells.length; c++) {
            if (cells[c] != null && !cells[c].blank()) {
                return false;
            }
        }
        return true;
    }

    private static String key(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }

    /** A quoted cell in an error message: a cell holding a page of text is quoted by its beginning. */
    private static String quote(String text) {
        return text.length() <= 80 ? text : text.substring(0, 79) + "…";
    }

    /** One sheet's errors: its name, its headers (row 1) once read, and the row limit. */
    private static final class SheetErrors {
        private final String name;
        private final String[] columns;
        private final List<ImportError> errors;
        private final String[] headers;

        SheetErrors(String name, String[] columns, List<ImportError> errors) {
            this.name = name;
            this.columns = columns;
            this.errors = errors;
            this.headers = new String[columns.length];
        }

        /** Keeps the header row; refuses rows past the limit (once) and stops the sheet there. */
        boolean accept(int index, XlsxReader.Cell[] cells) {
            if (index == 0) {
                for (int c = 0; c < columns.length; c++) {
                    headers[c] = cells[c] == null || cells[c].blank() ? null : cells[c].display();
                }
            }
            if (index > MAX_ROWS) {
                errors.add(new ImportError(name, MAX_ROWS + 2, "A", "", "performance.import.error.tooManyRows", MAX_ROWS));
                return false;
            }
            return true;
        }

        void error(int row, int column, String key, Object... args) {
            // Without a header cell, the column's own name, translated for each reader by describe().
            String header = headers[column] == null ? "@" + columns[column] : headers[column];
            errors.add(new ImportError(name, row + 1, CellReference.convertNumToColString(column), header, key, args));
        }
    }

    /** Reads one row's cells, recording an error per bad cell. */
    private static final class RowReader {
        private final SheetErrors sheet;
        private final int row;
        private final XlsxReader.Cell[] cells;
        private final Map<Class<?>, Map<String, Enum<?>>> codes;
        private boolean ok = true;

        RowReader(SheetErrors sheet, int row, XlsxReader.Cell[] cells, Map<Class<?>, Map<String, Enum<?>>> codes) {
            this.sheet = sheet;
            this.row = row;
            this.cells = cells;
            this.codes = codes;
        }

        boolean ok() {
            return ok;
        }

        void error(int column, String key, Object... args) {
            ok = false;
            sheet.error(row, column, key, args);
        }

        private XlsxReader.Cell cell(int column) {
            XlsxReader.Cell cell = cells[column];
            return cell == null || cell.blank() ? null : cell;
        }

        String text(int column, boolean required, int max) {
            XlsxReader.Cell cell = cell(column);
            if (cell == null) {
                if (required) {
                    error(column, "performance.import.error.required");
                }
                return null;
            }
            String value = switch (cell.type()) {
                case STRING -> PlainText.clean(cell.text()).strip();
                case NUMERIC -> {
                    double d = cell.number();
                    yield d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
                }
                case BOOLEAN -> String.valueOf(cell.display().equals("TRUE"));
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
            XlsxReader.Cell cell = cell(column);
            if (cell == null) {
                error(column, "performance.import.error.required");
                return null;
            }
            if (cell.type() == XlsxReader.Type.NUMERIC) {
                if (Double.isFinite(cell.number())) {
                    return cell.number();
                }
            } else if (cell.type() == XlsxReader.Type.STRING) {
                try {
                    double value = Double.parseDouble(cell.text().strip().replace(" ", "").replace(',', '.'));
                    if (Double.isFinite(value)) {
                        return value;
                    }
                } catch (NumberFormatException ignored) {
                    // Reported below.
                }
            }
            error(column, "performance.import.error.number", quote(cell.display()));
            return null;
        }

        LocalDate date(int column) {
            XlsxReader.Cell cell = cell(column);
            if (cell == null) {
                error(column, "performance.import.error.required");
                return null;
            }
            if (cell.type() == XlsxReader.Type.NUMERIC && cell.date() != null) {
                return cell.date();
            }
            if (cell.type() == XlsxReader.Type.STRING) {
                try {
                    return LocalDate.parse(cell.text().strip());
                } catch (DateTimeParseException ignored) {
                    // Reported below.
                }
            }
            error(column, "performance.import.error.date", quote(cell.display()));
            return null;
        }

        /** A code, as its word in either language or as the internal code, case and accents ignored. */
        <E extends Enum<E>> E code(int column, Class<E> type) {
            String value = text(column, true, 40);
            if (value == null) {
                return null;
            }
            Enum<?> code = codes.get(type).get(fold(value));
            if (code == null) {
                error(column, "performance.import.error.code", quote(value), new AllowedCodes(type));
                return null;
            }
            return type.cast(code);
        }

        /** A user id; whether such a user exists is checked once for the whole file ({@link #checkUsers}). */
        String user(int column, List<Pending> users) {
            String value = text(column, true, 64);
            if (value != null) {
                users.add(new Pending(sheet, row, column, value));
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

package org.cohorte.performance.service;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipEntrySource;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.cohorte.base.error.CohorteException;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads an .xlsx file row by row without building it in memory: POI's OPC package over the file (random access,
 * nothing inflated up front), {@link XSSFReader} for the parts, and SAX for the sheets, the shared strings (kept
 * read-only, packed in one buffer) and the date formats of the styles. Limits are this reader's own, not POI's
 * JVM-wide ones: the number of parts, each part's inflated size (declared and actually inflated), the total
 * inflated, the compression ratio; DOCTYPEs are refused (no entities, no XXE, no billion laughs). Every refusal is
 * a {@link CohorteException} with {@code performance.import.zipBomb} or {@code performance.import.notXlsx}.
 */
final class XlsxReader implements AutoCloseable {

    /** Largest inflated size of one part of the workbook, and of all the parts read. */
    static final long MAX_ENTRY_BYTES = 50L * 1024 * 1024;
    static final long MAX_TOTAL_BYTES = 100L * 1024 * 1024;
    /** The package's own XML (content types, relationships) is parsed whole by POI: small in any real file. */
    static final long MAX_PACKAGE_XML_BYTES = 4L * 1024 * 1024;
    static final int MAX_ENTRIES = 500;
    /** Parts inflating more than this many times their compressed size are zip bombs. */
    static final int MAX_RATIO = 100;
    /** Excel's own limit for one cell's text; longer text is cut here (and is too long for every column anyway). */
    static final int MAX_CELL_CHARS = 32_767;

    enum Type { BLANK, STRING, NUMERIC, BOOLEAN, ERROR, FORMULA }

    /**
     * One cell as read: its type, its text (a string, a formula, an error code, a number as written), its number
     * and, when its format shows a date, that date (in the workbook's 1900 or 1904 system).
     */
    record Cell(Type type, String text, double number, LocalDate date) {

        boolean blank() {
            return type == Type.BLANK || type == Type.STRING && text.isBlank();
        }

        /** What the user sees in the cell, to quote it in an error. */
        String display() {
            return switch (type) {
                case NUMERIC -> date != null ? date.toString() : String.valueOf(number);
                case BOOLEAN -> text.equals("1") || text.equalsIgnoreCase("true") ? "TRUE" : "FALSE";
                case BLANK -> "";
                default -> text;
            };
        }
    }

    /** Receives the rows of a sheet in file order: the 0-based row index and its first columns (null: no cell). */
    @FunctionalInterface
    interface RowHandler {
        /** @return false to stop reading the sheet */
        boolean row(int index, Cell[] cells);
    }

    private final LimitedZip zip;
    private final OPCPackage pkg;
    private final XSSFReader reader;
    private final Map<String, PackagePart> sheets = new LinkedHashMap<>();
    private boolean date1904;
    private boolean[] dateStyles = new boolean[0];
    private SharedStrings strings = SharedStrings.EMPTY;

    private XlsxReader(LimitedZip zip) {
        this.zip = zip;
        try {
            this.pkg = OPCPackage.open(zip);
            this.reader = new XSSFReader(pkg);
            XSSFReader.SheetIterator iterator = reader.getSheetIterator();
            while (iterator.hasNext()) {
                // The iterator opens each sheet's stream; only its name and part are kept here.
                iterator.next().close();
                sheets.putIfAbsent(iterator.getSheetName(), iterator.getSheetPart());
            }
            try (InputStream workbook = reader.getWorkbookData()) {
                parse(workbook, new DefaultHandler() {
                    @Override
                    public void startElement(String uri, String localName, String qName, Attributes attributes) {
                        if ("workbookPr".equals(localName)) {
                            String value = attributes.getValue("date1904");
                            date1904 = "1".equals(value) || "true".equalsIgnoreCase(value);
                        }
                    }
                });
            }
            List<PackagePart> styles = pkg.getPartsByContentType(XSSFRelation.STYLES.getContentType());
            if (!styles.isEmpty()) {
                try (InputStream in = styles.get(0).getInputStream()) {
                    dateStyles = readDateStyles(in);
                }
            }
            List<PackagePart> shared = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
            if (!shared.isEmpty()) {
                try (InputStream in = shared.get(0).getInputStream()) {
                    strings = SharedStrings.read(in);
                }
            }
        } catch (CohorteException e) {
            closeQuietly();
            throw e;
        } catch (IOException | OpenXML4JException | SAXException | RuntimeException e) {
            closeQuietly();
            throw refusal();
        }
    }

    /** Opens the file; refuses anything that is not a sound .xlsx within the limits. */
    static XlsxReader open(Path file) {
        ZipFile zipFile;
        try {
            zipFile = ZipFile.builder().setPath(file).get();
        } catch (IOException | RuntimeException e) {
            throw new CohorteException("performance.import.notXlsx");
        }
        LimitedZip zip = new LimitedZip(zipFile);
        try {
            zip.checkDeclaredSizes();
        } catch (CohorteException e) {
            try {
                zip.close();
            } catch (IOException ignored) {
                // Refused anyway.
            }
            throw e;
        }
        return new XlsxReader(zip);
    }

    /** The sheet names, in workbook order. */
    List<String> sheetNames() {
        return List.copyOf(sheets.keySet());
    }

    /** Streams one sheet's rows, keeping the first {@code columns} cells of each. */
    void read(String sheetName, int columns, RowHandler handler) {
        PackagePart part = sheets.get(sheetName);
        if (part == null) {
            return;
        }
        try (InputStream in = part.getInputStream()) {
            parse(in, new SheetHandler(columns, handler));
        } catch (StopReading stop) {
            // The handler has seen what it needed.
        } catch (CohorteException e) {
            throw e;
        } catch (IOException | SAXException | RuntimeException e) {
            throw refusal();
        }
    }

    private CohorteException refusal() {
        return new CohorteException(zip.bombDetected ? "performance.import.zipBomb" : "performance.import.notXlsx");
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (pkg != null) {
                // Read-only: revert closes the zip without trying to save anything.
                pkg.revert();
            }
        } catch (RuntimeException ignored) {
            // Closing below anyway.
        }
        try {
            zip.close();
        } catch (IOException ignored) {
            // Nothing was written.
        }
    }

    // ---------------------------------------------------------------- XML

    /** A SAX parse with DOCTYPEs refused outright, on POI's hardened reader. */
    private static void parse(InputStream in, DefaultHandler handler) throws IOException, SAXException {
        XMLReader xml;
        try {
            xml = XMLHelper.newXMLReader();
            xml.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (ParserConfigurationException e) {
            throw new SAXException(e);
        }
        xml.setContentHandler(handler);
        // Fails on the first fatal error, without POI's handler logging each hostile file as an application error.
        xml.setErrorHandler(handler);
        xml.parse(new InputSource(in));
    }

    /** Which cell styles (cellXfs indexes) show a date: their number format is a date format. */
    private boolean[] readDateStyles(InputStream in) throws IOException, SAXException {
        Map<Integer, String> customFormats = new HashMap<>();
        List<Integer> styleFormats = new ArrayList<>();
        parse(in, new DefaultHandler() {
            private boolean inCellXfs;

            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes) {
                switch (localName) {
                    case "numFmt" -> {
                        Integer id = integer(attributes.getValue("numFmtId"));
                        if (id != null && customFormats.size() < 10_000) {
                            customFormats.put(id, String.valueOf(attributes.getValue("formatCode")));
                        }
                    }
                    case "cellXfs" -> inCellXfs = true;
                    case "xf" -> {
                        if (inCellXfs && styleFormats.size() < 100_000) {
                            Integer id = integer(attributes.getValue("numFmtId"));
                            styleFormats.add(id == null ? 0 : id);
                        }
                    }
                    default -> {
                    }
                }
            }

            @Override
            public void endElement(String uri, String localName, String qName) {
                if ("cellXfs".equals(localName)) {
                    inCellXfs = false;
                }
            }
        });
        boolean[] dates = new boolean[styleFormats.size()];
        for (int i = 0; i < dates.length; i++) {
            int id = styleFormats.get(i);
            String format = customFormats.containsKey(id) ? customFormats.get(id) : BuiltinFormats.getBuiltinFormat(id);
            dates[i] = format != null && DateUtil.isADateFormat(id, format);
        }
        return dates;
    }

    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Thrown out of the SAX parse when the handler wants no more rows. */
    private static final class StopReading extends RuntimeException {
        StopReading() {
            super(null, null, false, false);
        }
    }

    /** One sheet's {@code <row>}/{@code <c>} elements into {@link Cell}s, the first columns only. */
    private final class SheetHandler extends DefaultHandler {
        private final int columns;
        private final RowHandler handler;
        private final StringBuilder text = new StringBuilder();
        private Cell[] cells;
        private int rowIndex = -1;
        private int column = -1;
        private String cellType;
        private int cellStyle;
        private boolean keep;
        private boolean hasFormula;
        private String value;
        private String formula;
        private String inline;
        private boolean inValue;
        private boolean inFormula;
        private boolean inInlineText;
        private boolean inPhonetic;

        SheetHandler(int columns, RowHandler handler) {
            this.columns = columns;
            this.handler = handler;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "row" -> {
                    Integer r = integer(attributes.getValue("r"));
                    rowIndex = r == null ? rowIndex + 1 : r - 1;
                    column = -1;
                    cells = new Cell[columns];
                }
                case "c" -> {
                    String ref = attributes.getValue("r");
                    column = ref == null ? column + 1 : columnOf(ref);
                    keep = column >= 0 && column < columns && cells != null;
                    cellType = attributes.getValue("t");
                    Integer s = integer(attributes.getValue("s"));
                    cellStyle = s == null ? 0 : s;
                    hasFormula = false;
                    value = null;
                    formula = null;
                    inline = null;
                }
                case "v" -> start(() -> inValue = true);
                case "f" -> {
                    hasFormula = true;
                    start(() -> inFormula = true);
                }
                case "rPh" -> inPhonetic = true;
                case "t" -> {
                    if (!inPhonetic) {
                        if (inline == null) {
                            inline = "";
                        }
                        start(() -> inInlineText = true);
                    }
                }
                default -> {
                }
            }
        }

        private void start(Runnable flag) {
            if (keep) {
                flag.run();
                text.setLength(0);
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (keep && (inValue || inFormula || inInlineText) && text.length() <= MAX_CELL_CHARS) {
                text.append(ch, start, Math.min(length, MAX_CELL_CHARS + 1 - text.length()));
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "v" -> {
                    if (inValue) {
                        value = text.toString();
                        inValue = false;
                    }
                }
                case "f" -> {
                    if (inFormula) {
                        formula = text.toString();
                        inFormula = false;
                    }
                }
                case "rPh" -> inPhonetic = false;
                case "t" -> {
                    if (inInlineText) {
                        // Rich text comes in runs: their total is capped like one cell's text.
                        if (inline.length() <= MAX_CELL_CHARS) {
                            String joined = inline + text;
                            inline = joined.length() > MAX_CELL_CHARS + 1 ? joined.substring(0, MAX_CELL_CHARS + 1) : joined;
                        }
                        inInlineText = false;
                    }
                }
                case "c" -> {
                    if (keep) {
                        cells[column] = cell();
                    }
                    keep = false;
                }
                case "row" -> {
                    Cell[] row = cells;
                    cells = null;
                    if (row != null && !handler.row(rowIndex, row)) {
                        throw new StopReading();
                    }
                }
                default -> {
                }
            }
        }

        private Cell cell() {
            if (hasFormula) {
                // Formulas are not evaluated nor trusted: the cell is refused as its formula.
                return new Cell(Type.FORMULA, "=" + (formula == null ? "" : formula), 0, null);
            }
            String type = cellType == null ? "n" : cellType;
            return switch (type) {
                case "s" -> {
                    Integer index = integer(value);
                    String shared = index == null ? null : strings.get(index);
                    yield shared == null ? new Cell(Type.ERROR, String.valueOf(value), 0, null)
                            : new Cell(Type.STRING, shared, 0, null);
                }
                case "inlineStr" -> inline == null ? blank() : new Cell(Type.STRING, inline, 0, null);
                case "str", "d" -> value == null ? blank() : new Cell(Type.STRING, value, 0, null);
                case "b" -> value == null ? blank() : new Cell(Type.BOOLEAN, value.strip(), 0, null);
                case "e" -> new Cell(Type.ERROR, String.valueOf(value), 0, null);
                default -> {
                    if (value == null || value.isBlank()) {
                        yield blank();
                    }
                    try {
                        double number = Double.parseDouble(value.strip());
                        boolean date = cellStyle >= 0 && cellStyle < dateStyles.length && dateStyles[cellStyle]
                                && DateUtil.isValidExcelDate(number);
                        yield new Cell(Type.NUMERIC, value, number,
                                date ? DateUtil.getLocalDateTime(number, date1904).toLocalDate() : null);
                    } catch (NumberFormatException e) {
                        yield new Cell(Type.ERROR, value, 0, null);
                    }
                }
            };
        }

        private Cell blank() {
            return new Cell(Type.BLANK, "", 0, null);
        }
    }

    /** The 0-based column of a reference such as "AB12"; -1 when it has no letters. */
    static int columnOf(String reference) {
        int column = 0;
        int letters = 0;
        for (int i = 0; i < reference.length() && letters < 4; i++) {
            char c = Character.toUpperCase(reference.charAt(i));
            if (c < 'A' || c > 'Z') {
                break;
            }
            column = column * 26 + (c - 'A' + 1);
            letters++;
        }
        return letters == 0 ? -1 : column - 1;
    }

    // ---------------------------------------------------------------- shared strings

    /** The shared strings, read-only, packed in one buffer with their start offsets (no object per string). */
    private static final class SharedStrings extends DefaultHandler {
        static final SharedStrings EMPTY = new SharedStrings();

        private final StringBuilder chars = new StringBuilder();
        private int[] starts = new int[1024];
        private int count;
        private boolean inItem;
        private boolean inText;
        private boolean inPhonetic;
        private int itemStart;

        static SharedStrings read(InputStream in) throws IOException, SAXException {
            SharedStrings table = new SharedStrings();
            parse(in, table);
            return table;
        }

        String get(int index) {
            if (index < 0 || index >= count) {
                return null;
            }
            int end = index + 1 < count ? starts[index + 1] : chars.length();
            return chars.substring(starts[index], end);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "si" -> {
                    inItem = true;
                    itemStart = chars.length();
                    if (count == starts.length) {
                        starts = Arrays.copyOf(starts, count * 2);
                    }
                    starts[count++] = itemStart;
                }
                case "rPh" -> inPhonetic = true;
                case "t" -> inText = inItem && !inPhonetic;
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inText) {
                int room = MAX_CELL_CHARS + 1 - (chars.length() - itemStart);
                if (room > 0) {
                    chars.append(ch, start, Math.min(length, room));
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "si" -> inItem = false;
                case "rPh" -> inPhonetic = false;
                case "t" -> inText = false;
                default -> {
                }
            }
        }
    }

    // ---------------------------------------------------------------- zip

    /**
     * The workbook's zip with this import's limits: sizes declared in the central directory are checked when it
     * opens, and every part POI or this reader inflates is counted as it is read.
     */
    private static final class LimitedZip implements ZipEntrySource {
        private final ZipFile zipFile;
        private long inflatedTotal;
        private boolean closed;
        volatile boolean bombDetected;

        LimitedZip(ZipFile zipFile) {
            this.zipFile = zipFile;
        }

        void checkDeclaredSizes() {
            int entries = 0;
            long total = 0;
            Enumeration<ZipArchiveEntry> all = zipFile.getEntries();
            while (all.hasMoreElements()) {
                ZipArchiveEntry entry = all.nextElement();
                long size = entry.getSize();
                long compressed = entry.getCompressedSize();
                total += Math.max(size, 0);
                if (++entries > MAX_ENTRIES || size > limitOf(entry) || total > MAX_TOTAL_BYTES
                        || size > 1024 * 1024 && compressed > 0 && size / compressed > MAX_RATIO) {
                    bombDetected = true;
                    throw new CohorteException("performance.import.zipBomb");
                }
            }
            if (entries == 0) {
                throw new CohorteException("performance.import.notXlsx");
            }
        }

        private static long limitOf(ZipArchiveEntry entry) {
            String name = entry.getName().toLowerCase(Locale.ROOT);
            return name.endsWith(".rels") || name.equals("[content_types].xml") ? MAX_PACKAGE_XML_BYTES : MAX_ENTRY_BYTES;
        }

        @Override
        public Enumeration<? extends ZipArchiveEntry> getEntries() {
            return zipFile.getEntries();
        }

        @Override
        public ZipArchiveEntry getEntry(String path) {
            return zipFile.getEntry(path);
        }

        @Override
        public InputStream getInputStream(ZipArchiveEntry entry) throws IOException {
            InputStream in = zipFile.getInputStream(entry);
            if (in == null) {
                throw new IOException("No such part: " + entry.getName());
            }
            long limit = limitOf(entry);
            long compressed = entry.getCompressedSize();
            return new FilterInputStream(in) {
                private long inflated;

                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) throws IOException {
                    inflated += n;
                    synchronized (LimitedZip.this) {
                        inflatedTotal += n;
                    }
                    if (inflated > limit || inflatedTotal > MAX_TOTAL_BYTES
                            || inflated > 1024 * 1024 && compressed > 0 && inflated / compressed > MAX_RATIO) {
                        bombDetected = true;
                        throw new IOException("Zip bomb: " + entry.getName() + " inflates beyond the limits");
                    }
                }
            };
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                zipFile.close();
            }
        }

        @Override
        public boolean isClosed() {
            return closed;
        }
    }
}

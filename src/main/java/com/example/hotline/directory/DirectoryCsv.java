package com.example.hotline.directory;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a directory import file ({@code phone,name,building,room}, any further columns kept as extra)
 * and checks every row, without touching the database. The header row is required and must name a
 * phone and a name column; names are matched ignoring case, spaces, dashes and underscores, with
 * common English and Chinese aliases ({@code 电话}, {@code 姓名}, {@code 楼栋}, {@code 房号}, …).
 * A row is kept when its phone normalises, its name is not empty, no field is longer than
 * {@value #MAX_FIELD} characters or holds control characters, and no earlier good row of the file has
 * the same phone; every other row is reported with its line and why. Wholly blank rows are skipped.
 * The file is read as UTF-8, or as GB18030 when it is not valid UTF-8 (Excel's "CSV" in a Chinese
 * Windows). Immutable and thread-safe.
 */
public final class DirectoryCsv {

    /** Longest value of one field, in characters. */
    public static final int MAX_FIELD = 200;
    /** Most columns of a file. */
    public static final int MAX_COLUMNS = 50;
    /** Longest raw phone echoed in an error. */
    static final int MAX_ECHO = 40;

    private static final Charset GB18030 = Charset.forName("GB18030");

    private static final Map<String, String> ALIASES = aliases();

    /** The header is missing or unusable: nothing of the file can be imported. */
    public static final class UnusableFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnusableFileException(String message) {
            super(message);
        }
    }

    /** The good rows as entries (in file order), the bad rows, how many data rows were read, and the charset. */
    public record Parsed(List<DirectoryEntry> entries, List<ImportError> errors, int read, String charset) {
        public Parsed {
            entries = List.copyOf(entries);
            errors = List.copyOf(errors);
        }
    }

    private final PhoneNumbers numbers;

    public DirectoryCsv(PhoneNumbers numbers) {
        this.numbers = numbers;
    }

    /** Parses and checks a whole file. */
    public Parsed parse(byte[] file) {
        String charset = "UTF-8";
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
        } catch (CharacterCodingException e) {
            charset = "GB18030";
            text = new String(file, GB18030);
        }
        return parse(text, charset);
    }

    /** Parses and checks a file already decoded. */
    public Parsed parse(String text) {
        return parse(text, "UTF-8");
    }

    private Parsed parse(String text, String charset) {
        List<Csv.Record> records = Csv.parse(text);
        if (records.isEmpty()) {
            throw new UnusableFileException("the file is empty: it needs a header row such as phone,name,building,room");
        }
        Header header = header(records.get(0));
        List<DirectoryEntry> entries = new ArrayList<>();
        List<ImportError> errors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int read = 0;
        for (Csv.Record r : records.subList(1, records.size())) {
            if (r.error() == null && r.blank()) {
                continue;
            }
            read++;
            List<String> reasons = new ArrayList<>();
            if (r.error() != null) {
                reasons.add(r.error());
            }
            List<String> f = r.fields();
            if (f.size() > header.names.size()) {
                reasons.add(f.size() + " fields but the header has " + header.names.size()
                        + " (a comma in a value that is not in double quotes?)");
            }
            String phoneRaw = value(f, header.phone);
            String name = value(f, header.name);
            String building = value(f, header.building);
            String room = value(f, header.room);
            for (int i = 0; i < f.size(); i++) {
                String v = f.get(i);
                String column = i < header.names.size() ? header.names.get(i) : "field " + (i + 1);
                if (v.length() > MAX_FIELD) {
                    reasons.add(column + " is longer than " + MAX_FIELD + " characters");
                } else if (v.indexOf('\0') >= 0 || (header.plain(i) && hasControl(v.strip()))) {
                    reasons.add(column + " contains a line break or control character");
                }
            }
            String phone = null;
            if (phoneRaw.isEmpty()) {
                reasons.add("phone is empty");
            } else if (phoneRaw.length() <= MAX_FIELD) {
                phone = numbers.normalise(phoneRaw).orElse(null);
                if (phone == null) {
                    reasons.add("phone is not a phone number");
                }
            }
            if (name.isEmpty()) {
                reasons.add("name is empty");
            }
            if (phone != null && seen.containsKey(phone)) {
                reasons.add("same phone as line " + seen.get(phone) + " (" + phone + ")");
            }
            if (!reasons.isEmpty()) {
                errors.add(new ImportError(r.line(), String.join("; ", reasons), phoneRaw.isEmpty() ? null
                        : echo(phoneRaw)));
                continue;
            }
            seen.put(phone, r.line());
            Map<String, String> extra = new LinkedHashMap<>();
            for (int i = 0; i < f.size(); i++) {
                String column = header.extras.get(i);
                String v = f.get(i).strip();
                if (column != null && !v.isEmpty()) {
                    extra.put(column, v);
                }
            }
            entries.add(new DirectoryEntry(phone, phoneRaw, name, building.isEmpty() ? null : building,
                    room.isEmpty() ? null : room, extra));
        }
        return new Parsed(entries, errors, read, charset);
    }

    /** Which column is which; {@code extras}: column index → name for the columns kept as extra. */
    private static final class Header {
        final List<String> names;
        final Map<Integer, String> extras = new HashMap<>();
        int phone = -1;
        int name = -1;
        int building = -1;
        int room = -1;

        Header(List<String> names) {
            this.names = names;
        }

        /** Whether column {@code i} must be one line of printable text (the known columns). */
        boolean plain(int i) {
            return i == phone || i == name || i == building || i == room;
        }
    }

    private static Header header(Csv.Record r) {
        if (r.error() != null) {
            throw new UnusableFileException("header (line " + r.line() + "): " + r.error());
        }
        List<String> names = new ArrayList<>();
        for (String s : r.fields()) {
            names.add(s.strip());
        }
        if (names.size() > MAX_COLUMNS) {
            throw new UnusableFileException("header (line " + r.line() + "): " + names.size()
                    + " columns, at most " + MAX_COLUMNS);
        }
        Header h = new Header(names);
        Map<String, Integer> extraNames = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String column = names.get(i);
            if (column.length() > MAX_FIELD || hasControl(column)) {
                throw new UnusableFileException("header (line " + r.line() + "): column " + (i + 1)
                        + " is not a column name");
            }
            String known = ALIASES.get(canonical(column));
            if (known == null) {
                String key = column.isEmpty() ? "column " + (i + 1) : column;
                Integer before = extraNames.put(key, i);
                if (before != null) {
                    throw new UnusableFileException("header (line " + r.line() + "): column '" + key
                            + "' appears twice (columns " + (before + 1) + " and " + (i + 1) + ")");
                }
                h.extras.put(i, key);
                continue;
            }
            int before = switch (known) {
                case "phone" -> h.phone;
                case "name" -> h.name;
                case "building" -> h.building;
                default -> h.room;
            };
            if (before >= 0) {
                throw new UnusableFileException("header (line " + r.line() + "): columns " + (before + 1) + " ('"
                        + names.get(before) + "') and " + (i + 1) + " ('" + column + "') are both the " + known
                        + " column");
            }
            switch (known) {
                case "phone" -> h.phone = i;
                case "name" -> h.name = i;
                case "building" -> h.building = i;
                default -> h.room = i;
            }
        }
        if (h.phone < 0 || h.name < 0) {
            String missing = h.phone < 0 && h.name < 0 ? "phone and name columns" : h.phone < 0 ? "phone column"
                    : "name column";
            throw new UnusableFileException("header (line " + r.line() + "): no " + missing + "; the first row "
                    + "must name the columns, such as phone,name,building,room (or 电话,姓名,楼栋,房号)");
        }
        return h;
    }

    private static String value(List<String> fields, int column) {
        return column >= 0 && column < fields.size() ? fields.get(column).strip() : "";
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** A raw phone for an error message: capped, control characters replaced. */
    private static String echo(String raw) {
        String s = raw.length() > MAX_ECHO ? raw.substring(0, MAX_ECHO) + "…" : raw;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }

    /** A column name as matched: lower case, without spaces, dashes, underscores, dots. */
    static String canonical(String column) {
        return column.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-.\u3000]", "");
    }

    private static Map<String, String> aliases() {
        Map<String, String> m = new HashMap<>();
        for (String s : List.of("phone", "phonenumber", "phoneno", "tel", "telephone", "mobile", "mobilephone",
                "number", "电话", "电话号码", "手机", "手机号", "手机号码", "联系电话", "联系方式", "号码")) {
            m.put(s, "phone");
        }
        for (String s : List.of("name", "fullname", "contact", "resident", "customer", "姓名", "名字", "联系人",
                "住户", "业主", "客户", "户主")) {
            m.put(s, "name");
        }
        for (String s : List.of("building", "bldg", "楼栋", "楼号", "楼栋号", "栋", "栋号", "楼")) {
            m.put(s, "building");
        }
        for (String s : List.of("room", "roomno", "roomnumber", "apartment", "apt", "房号", "房间", "房间号", "室",
                "门牌号")) {
            m.put(s, "room");
        }
        return Map.copyOf(m);
    }
}

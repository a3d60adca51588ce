package com.example.hotline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

/** The ledger's CSV and XLSX files, read back the way a spreadsheet would read them. */
class LedgerExportTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final List<String> HEADERS = List.of("单号 Ticket no.", "时间 Time", "房号 Room no.", "姓名 Name",
            "电话 Phone", "事项 Matter", "记录人 Recorder", "接单人 Receiver", "接单部门 Receiving department",
            "接单时间 Receiving time", "类型 Kind", "级别 Severity", "状态 Status", "缺项 Missing");

    /** A repair, a consultation from a hostile caller ID with quotes, commas and line breaks, a void line. */
    private static List<LedgerRow> rows() {
        Ticket repair = Tickets.complete().ticket();
        Ticket hostile = new Ticket(2, "2611-0002", Instant.parse("2026-11-23T15:59:59Z"), "phone",
                "=HYPERLINK(\"http://evil\",\"x\")", null, CallerIdStatus.UNIDENTIFIED, "@bob", null, null,
                "问\"物业费\", 第二行\r\n还有\u0001", "consultation", null, null, "8002", null, null, null, "closed",
                null, null, List.of());
        Ticket voided = new Ticket(3, "2611-0003", Instant.parse("2026-11-23T16:00:00Z"), "phone", "-1+2", null,
                CallerIdStatus.UNIDENTIFIED, null, null, null, null, null, null, null, null, null, null, null,
                "cancelled", null, null, List.of());
        return List.of(LedgerRow.of(repair), LedgerRow.of(hostile), LedgerRow.of(voided));
    }

    @Test
    void csvIsUtf8WithBomCrlfAndRfc4180QuotingWithFormulasNeutralised() {
        byte[] csv = LedgerExport.csv(rows(), SHANGHAI);
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF),
                List.of(csv[0], csv[1], csv[2]), "starts with the UTF-8 byte-order mark");
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("单号 Ticket no.,时间 Time,"), text);
        assertTrue(text.endsWith("\r\n"), "every record ends with CRLF");
        List<List<String>> records = parse(text);
        assertEquals(4, records.size(), "header and three tickets: " + records);
        assertEquals(HEADERS, records.get(0));

        assertEquals(List.of("2611-0001", "2026-11-23 09:00:00", "3栋 1201", "王芳", "13800138000", "厨房水管漏水",
                "8001", "李师傅", "工程部", "2026-11-23 09:10:00", "repair", "important", "dispatched", ""),
                records.get(1), "times in the desk's zone (+08:00)");

        List<String> h = records.get(2);
        assertEquals("2026-11-23 23:59:59", h.get(1), "the last second of the 23rd in Shanghai");
        assertEquals("'=HYPERLINK(\"http://evil\",\"x\")", h.get(4), "formula in the caller ID neutralised");
        assertEquals("'@bob", h.get(3));
        assertEquals("问\"物业费\", 第二行\r\n还有\uFFFD", h.get(5), "quotes, comma, line break survive quoting");
        assertEquals(LedgerExport.NOT_APPLICABLE, h.get(7), "a consultation needs no receiver");
        assertEquals(LedgerExport.NOT_APPLICABLE, h.get(9));
        assertEquals("房号", h.get(13), "missing fields by their Chinese names");

        List<String> v = records.get(3);
        assertEquals("'-1+2", v.get(4));
        assertEquals("cancelled", v.get(12));
        assertEquals("", v.get(13), "a void line misses nothing");
    }

    @Test
    void xlsxHasBilingualHeadersRealTimesAndTextThatIsNeverAFormula() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LedgerExport.xlsx(rows(), SHANGHAI, out);
        byte[] xlsx = out.toByteArray();

        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            assertEquals("台账 Ledger", wb.getFirstSheet().getName());
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(4, rows.size());
            List<String> headers = new ArrayList<>();
            for (int c = 0; c < HEADERS.size(); c++) {
                headers.add(rows.get(0).getCellText(c));
            }
            assertEquals(HEADERS, headers);

            Row repair = rows.get(1);
            assertEquals("2611-0001", repair.getCellText(0));
            assertEquals(LocalDateTime.parse("2026-11-23T09:00:00"), repair.getCellAsDate(1).orElseThrow(),
                    "a real date-time in the desk's zone");
            assertEquals(LocalDateTime.parse("2026-11-23T09:10:00"), repair.getCellAsDate(9).orElseThrow());
            assertEquals("工程部", repair.getCellText(8));

            Row hostile = rows.get(2);
            assertEquals(CellType.STRING, hostile.getCell(4).getType(), "the caller ID is a string cell");
            assertEquals("=HYPERLINK(\"http://evil\",\"x\")", hostile.getCellText(4), "kept as it came");
            assertEquals("问\"物业费\", 第二行\r\n还有\uFFFD", hostile.getCellText(5),
                    "line breaks kept, the control character replaced");
            assertEquals(LedgerExport.NOT_APPLICABLE, hostile.getCellText(7));
            for (Row r : rows) {
                r.forEach(cell -> {
                    if (cell != null) {
                        assertFalse(cell.getType() == CellType.FORMULA, "no formula anywhere: " + cell);
                    }
                });
            }
        }
        String sheet = entry(xlsx, "xl/worksheets/sheet1.xml");
        assertFalse(sheet.contains("<f>") || sheet.contains("<f "), "no formula element in the sheet XML");
        String strings = unescape(entry(xlsx, "xl/sharedStrings.xml"));
        assertTrue(strings.contains(">接单部门 Receiving department<"), "headers in the shared strings");
        assertTrue(strings.contains(">=HYPERLINK(\"http://evil\",\"x\")<"), "the caller ID as plain text");
    }

    /** An entry of the XLSX zip, read through the central directory as spreadsheet programs do. */
    private static String entry(byte[] zip, String name) throws Exception {
        Path file = Files.createTempFile("ledger", ".xlsx");
        try {
            Files.write(file, zip);
            try (ZipFile z = new ZipFile(file.toFile())) {
                ZipEntry e = z.getEntry(name);
                if (e == null) {
                    throw new AssertionError(name + " not in the XLSX");
                }
                try (InputStream in = z.getInputStream(e)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } finally {
            Files.delete(file);
        }
    }

    /** XML text with its character references and the five entities resolved. */
    private static String unescape(String xml) {
        Matcher m = Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(xml);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            int cp = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
            m.appendReplacement(b, Matcher.quoteReplacement(new String(Character.toChars(cp))));
        }
        m.appendTail(b);
        return b.toString().replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }

    /** An RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end CRLF. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
            } else if (c == '"') {
                if (field.length() > 0) {
                    throw new AssertionError("quote inside an unquoted field at " + i);
                }
                quoted = true;
                i++;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else if (c == '\r' || c == '\n') {
                throw new AssertionError("bare line break outside quotes at " + i + ": " + Arrays.toString(
                        text.substring(Math.max(0, i - 20), i).toCharArray()));
            } else {
                field.append(c);
                i++;
            }
        }
        if (quoted || !record.isEmpty() || field.length() > 0) {
            throw new AssertionError("text does not end with a complete record");
        }
        return records;
    }
}

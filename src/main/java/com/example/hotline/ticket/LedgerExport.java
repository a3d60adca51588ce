package com.example.hotline.ticket;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The ledger as a file for the service-centre head and the inspectors: the ten ledger columns in
 * C8's order, then kind, severity, status and the missing fields, one row per ticket; every header
 * bilingual ({@code 单号 Ticket no.}); times in the desk's zone.
 *
 * <ul>
 *   <li>CSV: UTF-8 with a byte-order mark (so Excel picks UTF-8 and shows the Chinese), CRLF line ends,
 *       RFC 4180 quoting, text cells neutralised against formula injection ({@link CellText}); times as
 *       {@code 2026-11-23 08:30:00}.</li>
 *   <li>XLSX: one sheet, header row bold and frozen, times as real date-time cells, text as string
 *       cells (never formulas).</li>
 * </ul>
 * A dispatch field that does not apply to a ticket ({@link LedgerRow#notApplicable}) reads
 * {@value #NOT_APPLICABLE} so that it is not mistaken for a blank one. Stateless.
 */
public final class LedgerExport {

    public static final String NOT_APPLICABLE = "不适用 n/a";
    /** Headers after the ten ledger columns. */
    public static final List<String> EXTRA_HEADERS =
            List.of("类型 Kind", "级别 Severity", "状态 Status", "缺项 Missing");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String XLSX_TIME = "yyyy-mm-dd hh:mm:ss";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private LedgerExport() {}

    /** Every header cell, ledger columns first. */
    public static List<String> headers() {
        List<String> h = new ArrayList<>();
        for (LedgerField f : LedgerField.values()) {
            h.add(f.header());
        }
        h.addAll(EXTRA_HEADERS);
        return h;
    }

    public static byte[] csv(List<LedgerRow> rows, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        line(b, headers());
        for (LedgerRow r : rows) {
            List<String> cells = new ArrayList<>();
            for (LedgerField f : LedgerField.values()) {
                Object v = value(r, f);
                cells.add(v instanceof Instant i ? TIME.format(local(i, zone)) : CellText.neutralise((String) v));
            }
            cells.add(CellText.neutralise(r.kind()));
            cells.add(CellText.neutralise(r.severity()));
            cells.add(CellText.neutralise(r.status()));
            cells.add(missing(r));
            line(b, cells);
        }
        byte[] text = b.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(text, 0, out, BOM.length, text.length);
        return out;
    }

    public static void xlsx(List<LedgerRow> rows, ZoneId zone, OutputStream out) {
        try {
            Workbook wb = new Workbook(out, "hotline", "1.0");
            Worksheet ws = wb.newWorksheet("台账 Ledger");
            List<String> headers = headers();
            for (int c = 0; c < headers.size(); c++) {
                ws.value(0, c, headers.get(c));
                ws.style(0, c).bold().set();
                ws.width(c, c == LedgerField.MATTER.ordinal() ? 40 : 18);
            }
            ws.freezePane(0, 1);
            int row = 1;
            for (LedgerRow r : rows) {
                int c = 0;
                for (LedgerField f : LedgerField.values()) {
                    Object v = value(r, f);
                    if (v instanceof Instant i) {
                        ws.value(row, c, local(i, zone));
                        ws.style(row, c).format(XLSX_TIME).set();
                    } else if (v != null) {
                        ws.value(row, c, CellText.clean((String) v));
                    }
                    c++;
                }
                text(ws, row, c++, r.kind());
                text(ws, row, c++, r.severity());
                text(ws, row, c++, r.status());
                text(ws, row, c, missing(r));
                row++;
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ledger as XLSX: " + e.getMessage(), e);
        }
    }

    private static void text(Worksheet ws, int row, int col, String v) {
        if (v != null && !v.isEmpty()) {
            ws.value(row, col, CellText.clean(v));
        }
    }

    /** A ledger field's value: a String, an Instant, or null. */
    static Object value(LedgerRow r, LedgerField f) {
        if (r.notApplicable().contains(f)) {
            return NOT_APPLICABLE;
        }
        return switch (f) {
            case TICKET_NO -> r.ticketNo();
            case TIME -> r.time();
            case ROOM -> r.room();
            case NAME -> r.name();
            case PHONE -> r.phone();
            case MATTER -> r.matter();
            case RECORDER -> r.recorder();
            case RECEIVER -> r.receiver();
            case DEPARTMENT -> r.department();
            case RECEIVED_AT -> r.receivedAt();
        };
    }

    /** The missing fields by their Chinese names: {@code 房号、电话}. */
    static String missing(LedgerRow r) {
        return r.missing().stream().map(LedgerField::chinese).collect(Collectors.joining("、"));
    }

    private static LocalDateTime local(Instant i, ZoneId zone) {
        return LocalDateTime.ofInstant(i, zone);
    }

    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(CellText.csvField(cells.get(i)));
        }
        b.append("\r\n");
    }
}

package com.example.hotline.web;

import com.example.hotline.ticket.LedgerDays;
import com.example.hotline.ticket.LedgerExport;
import com.example.hotline.ticket.LedgerRow;
import com.example.hotline.ticket.LedgerStore;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/ledger/export?from=YYYY-MM-DD&to=YYYY-MM-DD&format=csv|xlsx}: the ledger of the
 * days from..to (both included, days of the desk's zone, at most {@link LedgerDays#MAX_DAYS}) as a
 * download ({@link LedgerExport} describes the files). {@code format} defaults to csv. The file is
 * named {@code ledger_FROM_TO.csv}, and 台账_FROM_TO.csv for clients that read RFC 6266's
 * {@code filename*}. Quality staff limited to some departments or buildings get only those tickets.
 * Stateless; runs on an http-worker thread.
 */
public final class LedgerExportHandler implements Handler {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final LedgerStore ledger;
    private final ZoneId zone;

    public LedgerExportHandler(LedgerStore ledger, ZoneId zone) {
        this.ledger = ledger;
        this.zone = zone;
    }

    @Override
    public Response handle(Request r) {
        LocalDate from = Params.date(r, "from");
        LocalDate to = Params.date(r, "to");
        String format = Params.oneOf(r, "format", "csv", List.of("csv", "xlsx"));
        try {
            LedgerDays.checkRange(from, to);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        List<LedgerRow> rows = LedgerHandler.reachable(
                ledger.createdBetween(LedgerDays.start(from, zone), LedgerDays.end(to, zone)), r.user());
        String name = "_" + from + "_" + to + "." + format;
        Map<String, String> headers = Map.of("Content-Disposition", "attachment; filename=\"ledger" + name
                + "\"; filename*=UTF-8''" + URLEncoder.encode("台账" + name, StandardCharsets.UTF_8));
        if (format.equals("csv")) {
            return new Response(200, "text/csv; charset=utf-8; header=present", LedgerExport.csv(rows, zone),
                    headers);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LedgerExport.xlsx(rows, zone, out);
        return new Response(200, XLSX, out.toByteArray(), headers);
    }
}

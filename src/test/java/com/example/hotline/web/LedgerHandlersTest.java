package com.example.hotline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.auth.User;
import com.example.hotline.report.TicketStatistics;
import com.example.hotline.ticket.CallerIdStatus;
import com.example.hotline.ticket.LedgerStore;
import com.example.hotline.ticket.SignOff;
import com.example.hotline.ticket.Ticket;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ledger, sign-off, export and ticket-report handlers on a fake store: parameters, roles, answers. */
class LedgerHandlersTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 2026-11-23 12:00 in Shanghai. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T04:00:00Z"), SHANGHAI);
    private static final User HEAD = new User(1, "head", "quality");
    private static final User ADMIN = new User(2, "admin", "admin");
    private static final User AGENT = new User(3, "alice", "agent");

    private final FakeLedger store = new FakeLedger();
    private final LedgerHandler ledger = new LedgerHandler(store, SHANGHAI);
    private final LedgerSignOffHandler signOff = new LedgerSignOffHandler(store, SHANGHAI, CLOCK);
    private final LedgerExportHandler export = new LedgerExportHandler(store, SHANGHAI);

    private static Request get(String path, String... kv) {
        Map<String, List<String>> q = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            q.put(kv[i], List.of(kv[i + 1]));
        }
        return new Request("GET", path, q, new byte[0], AGENT);
    }

    private static Request sign(User who, String date, String body) {
        return new Request("POST", "/api/ledger/" + date + "/sign-off", Map.of(),
                body.getBytes(StandardCharsets.UTF_8), who, Map.of("date", date));
    }

    private static JsonNode json(Response r) throws Exception {
        return Json.MAPPER.readTree(new String(r.body(), StandardCharsets.UTF_8));
    }

    private static void rejected(Handler h, Request r, String param) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> h.handle(r), "rejects " + r.query());
        assertTrue(e.getMessage().startsWith(param + ":"), "message names " + param + ": " + e.getMessage());
    }

    private static Ticket ticket(String no, String createdAt, String name, String kind) {
        return new Ticket(1, no, Instant.parse(createdAt), "phone", "=1+1", null, CallerIdStatus.UNIDENTIFIED, name,
                "3栋", "1201", "漏水", kind, null, null, "8001", null, null, null, "registered", null, null, List.of());
    }

    @Test
    void theLedgerOfADayNamesTheMissingFieldsAndItsSignOff() throws Exception {
        store.tickets.add(ticket("2611-0001", "2026-11-22T16:00:00Z", "王芳", "consultation"));
        store.tickets.add(ticket("2611-0002", "2026-11-23T15:00:00Z", null, "repair"));
        JsonNode body = json(ledger.handle(get("/api/ledger", "date", "2026-11-23")));
        assertEquals(List.of(Instant.parse("2026-11-22T16:00:00Z"), Instant.parse("2026-11-23T16:00:00Z")),
                store.lastRange, "the day in Shanghai");
        assertEquals("2026-11-23", body.path("date").asText());
        assertEquals(2, body.path("tickets").size());
        JsonNode first = body.path("tickets").get(0);
        assertEquals("2026-11-23T00:00:00+08:00", first.path("time").asText(), "times in the desk's zone");
        assertEquals("=1+1", first.path("phone").asText(), "JSON keeps the caller ID as it came");
        assertEquals(0, first.path("missing").size());
        assertEquals("[\"receiver\",\"department\",\"receivedAt\"]", first.path("notApplicable").toString());
        assertEquals("[\"name\",\"receiver\",\"department\",\"receivedAt\"]",
                body.path("tickets").get(1).path("missing").toString());
        assertTrue(body.path("tickets").get(1).has("receiver") && body.path("tickets").get(1).path("receiver").isNull(),
                "an empty field is an explicit null");
        assertEquals(false, body.path("complete").asBoolean());
        assertEquals(1, body.path("missingCount").asInt());
        assertEquals(4, body.path("missingFields").asInt());
        assertTrue(body.has("signOff") && body.path("signOff").isNull(), "not signed: null");

        Response signed = signOff.handle(sign(HEAD, "2026-11-23", "{\"note\": \" 已核对 \"}"));
        assertEquals(200, signed.status());
        JsonNode after = json(ledger.handle(get("/api/ledger", "date", "2026-11-23"))).path("signOff");
        assertEquals("head", after.path("by").asText());
        assertEquals("2026-11-23T12:00:00+08:00", after.path("at").asText());
        assertEquals("已核对", after.path("note").asText());
        assertEquals(2, after.path("tickets").asInt());
        assertEquals(1, after.path("ticketsWithMissing").asInt());
        assertEquals(4, after.path("missingFields").asInt());
    }

    @Test
    void badLedgerDatesAre400s() {
        rejected(ledger, get("/api/ledger"), "date");
        rejected(ledger, get("/api/ledger", "date", "2026-11-31"), "date");
        rejected(ledger, get("/api/ledger", "date", "2026-11-23T00:00:00+08:00"), "date");
    }

    @Test
    void onlyAdminOrQualitySignAndOnlyOnceAndNotAhead() throws Exception {
        Response agent = signOff.handle(sign(AGENT, "2026-11-22", ""));
        assertEquals(403, agent.status(), "an agent may not sign");
        assertTrue(store.signOffs.isEmpty());

        assertEquals(200, signOff.handle(sign(ADMIN, "2026-11-22", "")).status(), "admin may, without a note");
        Response twice = signOff.handle(sign(HEAD, "2026-11-22", "{}"));
        assertEquals(409, twice.status());
        assertTrue(json(twice).path("error").asText().contains("admin"), "says who signed: " + json(twice));
        assertEquals("admin", store.signOffs.get(LocalDate.parse("2026-11-22")).signedBy());

        assertEquals(200, signOff.handle(sign(HEAD, "2026-11-23", "")).status(), "today may be signed");
        rejected(signOff, sign(HEAD, "2026-11-24", ""), "date");
        rejected(signOff, sign(HEAD, "yesterday", ""), "date");
        rejected(signOff, sign(HEAD, "2026-11-21", "[1]"), "body");
        rejected(signOff, sign(HEAD, "2026-11-21", "{\"note\": 5}"), "note");
    }

    @Test
    void theExportIsADownloadNamedByItsRangeWithBoundedDays() throws Exception {
        store.tickets.add(ticket("2611-0001", "2026-11-22T16:00:00Z", "王芳", "repair"));
        Response csv = export.handle(get("/api/ledger/export", "from", "2026-11-01", "to", "2026-11-30"));
        assertEquals(200, csv.status());
        assertEquals("text/csv; charset=utf-8; header=present", csv.contentType());
        assertEquals("attachment; filename=\"ledger_2026-11-01_2026-11-30.csv\"; "
                + "filename*=UTF-8''%E5%8F%B0%E8%B4%A6_2026-11-01_2026-11-30.csv",
                csv.headers().get("Content-Disposition"));
        assertEquals(List.of(Instant.parse("2026-10-31T16:00:00Z"), Instant.parse("2026-11-30T16:00:00Z")),
                store.lastRange, "from the 1st to the end of the 30th in Shanghai");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF单号 Ticket no.,"), "BOM then bilingual headers");
        assertTrue(text.contains(",'=1+1,"), "formula neutralised: " + text);

        Response xlsx = export.handle(get("/api/ledger/export", "from", "2026-11-23", "to", "2026-11-23",
                "format", "xlsx"));
        assertEquals(LedgerExportHandler.XLSX, xlsx.contentType());
        assertTrue(xlsx.headers().get("Content-Disposition").contains("ledger_2026-11-23_2026-11-23.xlsx"));
        assertEquals('P', (char) xlsx.body()[0], "a zip file");
        assertEquals('K', (char) xlsx.body()[1]);

        export.handle(get("/api/ledger/export", "from", "2028-01-01", "to", "2028-12-31"));
        export.handle(get("/api/ledger/export", "from", "2026-01-01", "to", "2027-01-01"));
        rejected(export, get("/api/ledger/export", "from", "2026-01-01", "to", "2027-01-02"), "to");
        rejected(export, get("/api/ledger/export", "from", "2026-11-02", "to", "2026-11-01"), "to");
        rejected(export, get("/api/ledger/export", "to", "2026-11-01"), "from");
        rejected(export, get("/api/ledger/export", "from", "2026-11-01"), "to");
        rejected(export, get("/api/ledger/export", "from", "2026-11-01", "to", "2026-11-01", "format", "pdf"),
                "format");
    }

    @Test
    void theTicketReportParsesItsRangeLikeTheOtherReports() throws Exception {
        List<Instant[]> asked = new ArrayList<>();
        Map<String, Long> none = new LinkedHashMap<>();
        none.put("(none)", 2L);
        TicketReportHandler report = new TicketReportHandler((from, to, now) -> {
            asked.add(new Instant[] {from, to, now});
            return new TicketStatistics(from, to, 2, none, none, none, Map.of("registered", 2L),
                    Map.of("unidentified", 1L, "withheld", 1L), 0, 0, 0, 0, null, 0, null, null, 0, 0, null);
        }, SHANGHAI, CLOCK);
        JsonNode body = json(report.handle(get("/api/reports/tickets", "from", "2026-11-23", "to", "2026-11-23")));
        assertEquals(Instant.parse("2026-11-22T16:00:00Z"), asked.get(0)[0]);
        assertEquals(Instant.parse("2026-11-23T16:00:00Z"), asked.get(0)[1]);
        assertEquals(CLOCK.instant(), asked.get(0)[2]);
        assertEquals(2, body.path("byDepartment").path("(none)").asInt());
        assertEquals(1, body.path("unidentified").asInt());
        assertEquals(1, body.path("withheld").asInt());
        assertTrue(body.path("onTime").has("share") && body.path("onTime").path("share").isNull());
        assertTrue(body.path("handlingTime").path("medianHours").isNull());
        rejected(report, get("/r", "from", "2026-11-24", "to", "2026-11-23"), "to");
        rejected(report, get("/r", "from", "soon"), "from");
    }

    /** A ledger in memory: every ticket is in every range (the handlers' ranges are checked separately). */
    static final class FakeLedger implements LedgerStore {
        final List<Ticket> tickets = new ArrayList<>();
        final Map<LocalDate, SignOff> signOffs = new HashMap<>();
        List<Instant> lastRange;

        @Override
        public List<Ticket> createdBetween(Instant from, Instant to) {
            lastRange = List.of(from, to);
            return tickets;
        }

        @Override
        public Optional<SignOff> signOff(LocalDate day) {
            return Optional.ofNullable(signOffs.get(day));
        }

        @Override
        public boolean sign(SignOff s) {
            return signOffs.putIfAbsent(s.day(), s) == null;
        }
    }
}

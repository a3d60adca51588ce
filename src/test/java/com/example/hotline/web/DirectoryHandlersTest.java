package com.example.hotline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.auth.User;
import com.example.hotline.directory.Directory;
import com.example.hotline.directory.DirectoryEntry;
import com.example.hotline.directory.DirectoryImport;
import com.example.hotline.directory.DirectoryWriter;
import com.example.hotline.directory.PhoneNumbers;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The import and lookup endpoints on an in-memory directory, and the JSON 413 of an oversized body. */
class DirectoryHandlersTest {

    private static final User ADMIN = new User(1, "admin", "admin");
    private static final User ALICE = new User(2, "alice", "agent");

    private final PhoneNumbers numbers = new PhoneNumbers("010");
    private final MemoryDirectory directory = new MemoryDirectory(numbers);
    private final DirectoryImportHandler importHandler =
            new DirectoryImportHandler(new DirectoryImport(numbers, directory));
    private final DirectoryLookupHandler lookup = new DirectoryLookupHandler(directory, numbers);

    private static Request post(String body, String contentType, User user) {
        return new Request("POST", "/api/directory/import", Map.of(), body.getBytes(StandardCharsets.UTF_8), user,
                Map.of(), contentType);
    }

    private static Request get(String phone) {
        return new Request("GET", "/api/directory", phone == null ? Map.of() : Map.of("phone", List.of(phone)),
                new byte[0], ALICE);
    }

    private static JsonNode json(Response r) throws Exception {
        return Json.MAPPER.readTree(new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void threeBadRowsAmongGoodOnesAre200WithTheGoodOnesKept() throws Exception {
        String csv = "phone,name,building,room\n13800138000,Wang,3,1201\nabc,Li,3,1202\n13900139000,,3,1203\n"
                + "65529988,Zhao,5,301\n+86 138 0013 8000,Again,3,1201\n";
        Response r = importHandler.handle(post(csv, "text/csv; charset=utf-8", ADMIN));
        assertEquals(200, r.status(), "200 although some rows were bad");
        JsonNode body = json(r);
        assertEquals(5, body.path("read").asInt(), "read");
        assertEquals(2, body.path("inserted").asInt(), "inserted");
        assertEquals(0, body.path("updated").asInt(), "updated");
        JsonNode errors = body.path("errors");
        assertEquals(3, errors.size(), "three errors: " + errors);
        assertEquals(List.of(3, 4, 6), List.of(errors.get(0).path("line").asInt(), errors.get(1).path("line").asInt(),
                errors.get(2).path("line").asInt()), "their lines");
        assertEquals("abc", errors.get(0).path("phone").asText(), "raw phone echoed");
        assertEquals("phone is not a phone number", errors.get(0).path("reason").asText(), "reason");
        assertEquals(2, directory.rows.size(), "good rows kept");

        JsonNode again = json(importHandler.handle(post(csv.replace("Zhao", "Zhao Lei"), "text/csv", ADMIN)));
        assertEquals(0, again.path("inserted").asInt(), "re-import inserts nothing");
        assertEquals(1, again.path("updated").asInt(), "and updates the changed row");
        assertEquals(1, again.path("unchanged").asInt(), "the other is unchanged");
        assertEquals(2, directory.rows.size(), "no duplicates");
    }

    @Test
    void anUnusableFileIs400AndWritesNothing() {
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> importHandler.handle(post("name,building\nWang,3\n", "text/csv", ADMIN)));
        assertTrue(e.getMessage().contains("no phone column"), e.getMessage());
        e = assertThrows(BadRequestException.class, () -> importHandler.handle(post("", null, ADMIN)));
        assertTrue(e.getMessage().startsWith("body:"), e.getMessage());
        assertTrue(directory.rows.isEmpty(), "nothing written");
    }

    @Test
    void onlyAnAdministratorImportsAndOnlyFiles() throws Exception {
        String csv = "phone,name\n13800138000,Wang\n";
        assertEquals(403, importHandler.handle(post(csv, "text/csv", ALICE)).status(), "agent refused");
        Response form = importHandler.handle(post(csv, "application/x-www-form-urlencoded", ADMIN));
        assertEquals(415, form.status(), "curl -d sends a form: refused, with the fix");
        assertTrue(json(form).path("error").asText().contains("--data-binary"), "says how");
        for (String ok : new String[] {null, "text/csv", "TEXT/CSV;charset=UTF-8", "text/plain", "application/octet-stream",
                "application/vnd.ms-excel"}) {
            assertEquals(200, importHandler.handle(post(csv, ok, ADMIN)).status(), "accepted: " + ok);
        }
        assertTrue(directory.rows.containsKey("13800138000"), "imported");
    }

    @Test
    void aFileOverTheLimitIs413() throws Exception {
        byte[] big = new byte[DirectoryImportHandler.MAX_BYTES + 1];
        Response r = importHandler.handle(new Request("POST", "/api/directory/import", Map.of(), big, ADMIN, Map.of(),
                "text/csv"));
        assertEquals(413, r.status(), "too large");
        assertTrue(json(r).path("error").asText().contains("split"), "says what to do");
    }

    @Test
    void theLookupFindsAnySpellingAndTheHousehold() throws Exception {
        importHandler.handle(post("phone,name,building,room,car\n13800138000,Wang,3,1201,京A1\n13900139000,Li,3,1201,\n"
                + "13700137000,Sun,3,1202,\n", "text/csv", ADMIN));
        Response r = lookup.handle(get("+86 138-0013-8000"));
        assertEquals(200, r.status(), "found");
        JsonNode body = json(r);
        assertEquals("13800138000", body.path("phone").asText(), "normal form");
        assertEquals("Wang", body.path("entry").path("name").asText(), "entry");
        assertEquals("京A1", body.path("entry").path("extra").path("car").asText(), "extra");
        JsonNode household = body.path("household");
        assertEquals(2, household.size(), "household of 3-1201: " + household);
        assertEquals("Li", household.get(0).path("name").asText(), "ordered by name");

        Response missing = lookup.handle(get("13600136000"));
        assertEquals(404, missing.status(), "unknown phone");
        assertEquals("13600136000", json(missing).path("phone").asText(), "normal form told");
        BadRequestException e = assertThrows(BadRequestException.class, () -> lookup.handle(get("anonymous")));
        assertTrue(e.getMessage().startsWith("phone:"), e.getMessage());
        e = assertThrows(BadRequestException.class, () -> lookup.handle(get(null)));
        assertEquals("phone: required", e.getMessage(), "missing");
    }

    @Test
    void aBodyOverTheServersLimitGetsAJson413AndTheConnectionCloses() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpServer.Aggregator(1024));
        HttpRequest req = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/directory/import");
        req.headers().set(HttpHeaderNames.CONTENT_LENGTH, 5000);
        ch.writeInbound(req);
        FullHttpResponse res = ch.readOutbound();
        assertEquals(413, res.status().code(), "413");
        ByteBuf content = res.content();
        JsonNode body = Json.MAPPER.readTree(content.toString(StandardCharsets.UTF_8));
        assertTrue(body.path("error").asText().contains("larger than 1024 bytes"), "says the limit: " + body);
        assertEquals("application/json; charset=utf-8", res.headers().get(HttpHeaderNames.CONTENT_TYPE), "JSON");
        res.release();
        assertFalse(ch.isOpen(), "connection closed: the rest of the body is not read");
        ch.finishAndReleaseAll();
    }

    @Test
    void aClientExpecting100ContinueGetsTheJson413InsteadAndSendsNoBody() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpServer.Aggregator(1024));
        HttpRequest req = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/directory/import");
        req.headers().set(HttpHeaderNames.CONTENT_LENGTH, 5000);
        req.headers().set(HttpHeaderNames.EXPECT, "100-continue");
        ch.writeInbound(req);
        FullHttpResponse res = ch.readOutbound();
        assertEquals(413, res.status().code(), "413 instead of 100 Continue");
        JsonNode body = Json.MAPPER.readTree(res.content().toString(StandardCharsets.UTF_8));
        assertTrue(body.path("error").asText().contains("larger than 1024 bytes"), "says the limit: " + body);
        res.release();
        assertFalse(ch.isOpen(), "connection closed");
        ch.finishAndReleaseAll();
    }

    /** A directory in a map, keyed by normal form; good enough for the handlers. */
    private static final class MemoryDirectory implements Directory, DirectoryWriter {
        final Map<String, DirectoryEntry> rows = new TreeMap<>();
        final PhoneNumbers numbers;

        MemoryDirectory(PhoneNumbers numbers) {
            this.numbers = numbers;
        }

        @Override
        public Optional<DirectoryEntry> lookup(String callerId) {
            return numbers.normalise(callerId).map(rows::get);
        }

        @Override
        public List<DirectoryEntry> household(String building, String room) {
            List<DirectoryEntry> out = new ArrayList<>();
            for (DirectoryEntry e : rows.values()) {
                if (building != null && building.equals(e.building()) && room != null && room.equals(e.room())) {
                    out.add(e);
                }
            }
            out.sort(Comparator.comparing(DirectoryEntry::name));
            return out;
        }

        @Override
        public Upserted upsert(List<DirectoryEntry> entries) {
            int inserted = 0;
            int updated = 0;
            for (DirectoryEntry e : entries) {
                DirectoryEntry before = rows.put(e.phone(), e);
                if (before == null) {
                    inserted++;
                } else if (!before.equals(e)) {
                    updated++;
                }
            }
            return new Upserted(inserted, updated, entries.size() - inserted - updated);
        }
    }
}

package com.example.hotline.store;

import com.example.hotline.directory.Directory;
import com.example.hotline.directory.DirectoryEntry;
import com.example.hotline.directory.DirectoryImport;
import com.example.hotline.directory.DirectoryWriter;
import com.example.hotline.directory.ImportResult;
import com.example.hotline.directory.PhoneNumbers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The directory in PostgreSQL (table {@code directory}, one row per phone in normal form). An upsert
 * is one transaction: rows go in chunks through {@code unnest} arrays with {@code ON CONFLICT (phone)
 * DO UPDATE}, which touches a row (and its {@code updated_at}) only when something changed, and tells
 * inserted from updated by {@code xmax}. Rows are written in phone order so concurrent imports lock
 * in the same order. Every statement is parameterised. Thread-safe; every method blocks.
 */
public final class JdbcDirectory implements Directory, DirectoryWriter {

    private static final int CHUNK = 1000;
    private static final String COLUMNS = "phone, phone_raw, name, building, room, extra";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> EXTRA = new TypeReference<>() {};

    private static final String UPSERT = "INSERT INTO directory AS d (" + COLUMNS + ") "
            + "SELECT u.phone, u.phone_raw, u.name, u.building, u.room, u.extra::jsonb "
            + "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
            + "AS u(phone, phone_raw, name, building, room, extra) "
            + "ON CONFLICT (phone) DO UPDATE SET phone_raw = EXCLUDED.phone_raw, name = EXCLUDED.name, "
            + "building = EXCLUDED.building, room = EXCLUDED.room, extra = EXCLUDED.extra, updated_at = now() "
            + "WHERE (d.phone_raw, d.name, d.building, d.room, d.extra) IS DISTINCT FROM "
            + "(EXCLUDED.phone_raw, EXCLUDED.name, EXCLUDED.building, EXCLUDED.room, EXCLUDED.extra) "
            + "RETURNING (d.xmax = 0) AS inserted";

    private final DataSource dataSource;
    private final PhoneNumbers numbers;
    private final DirectoryImport importer;

    public JdbcDirectory(DataSource dataSource, PhoneNumbers numbers) {
        this.dataSource = dataSource;
        this.numbers = numbers;
        this.importer = new DirectoryImport(numbers, this);
    }

    @Override
    public Optional<DirectoryEntry> lookup(String callerId) {
        Optional<String> phone = numbers.normalise(callerId);
        if (phone.isEmpty()) {
            return Optional.empty();
        }
        List<DirectoryEntry> found = query("look up " + phone.get(),
                "SELECT " + COLUMNS + " FROM directory WHERE phone = ?", phone.get());
        return found.stream().findFirst();
    }

    /** One query for all: {@code phone = ANY(…)} over the normal forms. */
    @Override
    public Map<String, DirectoryEntry> lookupAll(Collection<String> callerIds) {
        Map<String, List<String>> byPhone = new HashMap<>();
        for (String callerId : callerIds) {
            numbers.normalise(callerId)
                    .ifPresent(p -> byPhone.computeIfAbsent(p, k -> new ArrayList<>()).add(callerId));
        }
        Map<String, DirectoryEntry> out = new HashMap<>();
        if (byPhone.isEmpty()) {
            return out;
        }
        String what = "look up " + byPhone.size() + " numbers";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM directory WHERE phone = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", byPhone.keySet().toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DirectoryEntry e = entry(rs);
                    for (String callerId : byPhone.getOrDefault(e.phone(), List.of())) {
                        out.put(callerId, e);
                    }
                }
            }
        } catch (SQLException e) {
            throw Sql.failure(what, e);
        }
        return out;
    }

    @Override
    public List<DirectoryEntry> household(String building, String room) {
        String b = building == null || building.isBlank() ? null : building.strip();
        String r = room == null || room.isBlank() ? null : room.strip();
        if (b == null && r == null) {
            return List.of(); // no address: not a household
        }
        List<String> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM directory WHERE ");
        sql.append(b == null ? "building IS NULL" : "building = ?");
        sql.append(r == null ? " AND room IS NULL" : " AND room = ?");
        sql.append(" ORDER BY name, phone");
        if (b != null) {
            args.add(b);
        }
        if (r != null) {
            args.add(r);
        }
        return query("household " + b + "/" + r, sql.toString(), args.toArray(String[]::new));
    }

    /** Imports a CSV file: see {@link DirectoryImport#run}. */
    public ImportResult importCsv(byte[] file) {
        return importer.run(file);
    }

    @Override
    public Upserted upsert(List<DirectoryEntry> entries) {
        List<DirectoryEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(DirectoryEntry::phone));
        String what = "directory upsert of " + sorted.size() + " entries";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int inserted = 0;
                int updated = 0;
                for (int from = 0; from < sorted.size(); from += CHUNK) {
                    List<DirectoryEntry> chunk = sorted.subList(from, Math.min(sorted.size(), from + CHUNK));
                    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                        ps.setArray(1, c.createArrayOf("text", column(chunk, DirectoryEntry::phone)));
                        ps.setArray(2, c.createArrayOf("text", column(chunk, DirectoryEntry::phoneRaw)));
                        ps.setArray(3, c.createArrayOf("text", column(chunk, DirectoryEntry::name)));
                        ps.setArray(4, c.createArrayOf("text", column(chunk, DirectoryEntry::building)));
                        ps.setArray(5, c.createArrayOf("text", column(chunk, DirectoryEntry::room)));
                        ps.setArray(6, c.createArrayOf("text", column(chunk, e -> json(e.extra()))));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                if (rs.getBoolean(1)) {
                                    inserted++;
                                } else {
                                    updated++;
                                }
                            }
                        }
                    }
                }
                c.commit();
                return new Upserted(inserted, updated, sorted.size() - inserted - updated);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failure(what, e);
        }
    }

    private static String[] column(List<DirectoryEntry> chunk, java.util.function.Function<DirectoryEntry, String> f) {
        String[] out = new String[chunk.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.apply(chunk.get(i));
        }
        return out;
    }

    private static String json(Map<String, String> extra) {
        try {
            return JSON.writeValueAsString(extra);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write directory extra as JSON", e);
        }
    }

    private static DirectoryEntry entry(ResultSet rs) throws SQLException {
        return new DirectoryEntry(rs.getString("phone"), rs.getString("phone_raw"), rs.getString("name"),
                rs.getString("building"), rs.getString("room"), extra(rs.getString("extra")));
    }

    private List<DirectoryEntry> query(String what, String sql, String... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<DirectoryEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure(what, e);
        }
    }

    private static Map<String, String> extra(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, EXTRA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("directory extra is not a JSON object of strings: " + e.getMessage(), e);
        }
    }
}

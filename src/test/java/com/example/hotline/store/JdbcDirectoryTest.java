package com.example.hotline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.directory.DirectoryEntry;
import com.example.hotline.directory.ImportError;
import com.example.hotline.directory.ImportResult;
import com.example.hotline.directory.PhoneNumbers;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The directory's upsert, import and lookups against a real PostgreSQL with the real migrations. */
class JdbcDirectoryTest {

    private static TestDatabase db;
    private static JdbcDirectory directory;

    private static final String FILE = "phone,name,building,room,note\n"
            + "138 0013 8000,Wang Wei,3,1201,owner\n"    // 2
            + "+86 139-0013-9000,Li Na,3,1201,\n"        // 3
            + "not a phone,Nobody,3,1201,\n"             // 4 bad
            + "6552 9988,Zhao Lei,5,301,tenant\n"        // 5
            + "13700137000,,5,301,\n"                    // 6 bad
            + "010-6552-9988,Zhao Lei twice,5,301,\n";   // 7 bad: same as line 5

    @BeforeAll
    static void start() {
        db = TestDatabase.start();
        directory = new JdbcDirectory(db.dataSource(), new PhoneNumbers("010"));
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE directory");
        }
    }

    private static ImportResult importFile(String csv) {
        return directory.importCsv(csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void goodRowsAreKeptAndBadOnesReported() {
        ImportResult r = importFile(FILE);
        assertEquals(6, r.read(), "read");
        assertEquals(3, r.inserted(), "inserted");
        assertEquals(0, r.updated(), "updated");
        assertEquals(List.of(4, 6, 7), r.errors().stream().map(ImportError::line).toList(), "the three bad rows");
        assertEquals(3, count(), "three rows in the table");
    }

    @Test
    void everySpellingOfANumberFindsTheSameEntry() {
        importFile(FILE);
        for (String spelling : List.of("13800138000", "+8613800138000", "0086 138 0013 8000", "138-0013-8000",
                "8613800138000", "013800138000")) {
            Optional<DirectoryEntry> e = directory.lookup(spelling);
            assertTrue(e.isPresent(), spelling + " found");
            assertEquals("Wang Wei", e.get().name(), spelling + ": name");
        }
        for (String spelling : List.of("65529988", "010 6552 9988", "+86 10 6552 9988", "(010)65529988")) {
            assertEquals(Optional.of(new DirectoryEntry("01065529988", "6552 9988", "Zhao Lei", "5", "301",
                    Map.of("note", "tenant"))), directory.lookup(spelling), spelling + " finds the landline");
        }
        assertEquals(Optional.empty(), directory.lookup("13600136000"), "unknown number");
        assertEquals(Optional.empty(), directory.lookup("anonymous"), "not a number");
        assertEquals(Optional.empty(), directory.lookup("'; DROP TABLE directory; --"), "junk");
        assertEquals(3, count(), "still there");
    }

    @Test
    void manyCallersAreLookedUpAtOnceEachUnderItsOwnSpelling() {
        importFile(FILE);
        Map<String, DirectoryEntry> found = directory.lookupAll(List.of("+8613800138000", "138-0013-8000",
                "010 6552 9988", "13600136000", "anonymous", "'; DROP TABLE directory; --"));
        assertEquals(Set.of("+8613800138000", "138-0013-8000", "010 6552 9988"), found.keySet(),
                "the known numbers, under the spelling asked; unknown, withheld and junk absent");
        assertEquals("Wang Wei", found.get("138-0013-8000").name(), "two spellings of one number");
        assertEquals(directory.lookup("010 6552 9988").orElseThrow(), found.get("010 6552 9988"), "same as lookup");
        assertEquals(Map.of(), directory.lookupAll(List.of("anonymous")), "nothing to look up");
    }

    @Test
    void aHouseholdIsEveryNumberOfTheSameBuildingAndRoom() {
        importFile(FILE + "13500135000,Sun Li,3,1202,\n15000150000,Nomad,,,\n");
        assertEquals(List.of("Li Na", "Wang Wei"), names(directory.household("3", "1201")), "two numbers of 3-1201");
        assertEquals(List.of("Li Na", "Wang Wei"), names(directory.household(" 3 ", "1201")), "trimmed");
        assertEquals(List.of("Sun Li"), names(directory.household("3", "1202")), "the neighbour alone");
        assertEquals(List.of(), directory.household(null, null), "no address, no household");
        assertEquals(List.of(), directory.household("9", "999"), "nobody there");
    }

    @Test
    void importingAgainUpdatesInsteadOfDuplicating() throws SQLException {
        importFile(FILE);
        Instant before = updatedAt("13800138000");
        ImportResult same = importFile(FILE);
        assertEquals(0, same.inserted(), "nothing new");
        assertEquals(0, same.updated(), "nothing changed");
        assertEquals(3, same.unchanged(), "all unchanged");
        assertEquals(before, updatedAt("13800138000"), "an unchanged row is not touched");

        ImportResult moved = importFile("电话,姓名,楼栋,房号\n+86 138 0013 8000,Wang Wei,4,402\n13600136000,New,4,402\n"
                + "+86 139-0013-9000,Li Na,3,1201\n");
        assertEquals(1, moved.inserted(), "one new phone");
        assertEquals(1, moved.updated(), "Wang Wei moved (and the note column is gone)");
        assertEquals(1, moved.unchanged(), "Li Na's row is as it was");
        assertEquals(4, count(), "no duplicate rows");
        DirectoryEntry wang = directory.lookup("13800138000").orElseThrow();
        assertEquals("4", wang.building(), "building updated");
        assertEquals("+86 138 0013 8000", wang.phoneRaw(), "raw spelling updated");
        assertEquals(Map.of(), wang.extra(), "extra replaced by the new file's columns");
        assertTrue(updatedAt("13800138000").isAfter(before), "updated_at moved on");
    }

    @Test
    void aLargeImportIsWrittenInChunksInOneGo() {
        StringBuilder csv = new StringBuilder("phone,name,building,room\n");
        for (int i = 0; i < 2500; i++) {
            csv.append(13000000000L + i).append(",Resident ").append(i).append(',').append(i / 4).append(",1\n");
        }
        ImportResult r = importFile(csv.toString());
        assertEquals(2500, r.inserted(), "inserted across chunks");
        assertEquals(2500, count(), "rows");
        assertEquals(4, directory.household("10", "1").size(), "households");
        csv.append("13000000000,Changed,0,1\n"); // a duplicate of line 2: refused, the rest unchanged
        ImportResult again = importFile(csv.toString());
        assertEquals(List.of(new ImportError(2502, "same phone as line 2 (13000000000)", "13000000000")),
                again.errors(), "the duplicate");
        assertEquals(2500, again.unchanged(), "unchanged");
    }

    private static List<String> names(List<DirectoryEntry> entries) {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.name()));
        return out;
    }

    private static int count() {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM directory")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant updatedAt(String phone) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                var ps = c.prepareStatement("SELECT updated_at FROM directory WHERE phone = ?")) {
            ps.setString(1, phone);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }
}

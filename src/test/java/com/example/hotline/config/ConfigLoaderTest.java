package com.example.hotline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void noFileAndNoEnvironmentGivesTheContractDefaults() {
        HotlineConfig c = ConfigLoader.load(null, Map.of());
        assertEquals(8080, c.http().port(), "http.port default");
        assertEquals("127.0.0.1", c.http().host().getHostAddress(), "http.host default is loopback");
        assertEquals(4573, c.agi().port(), "agi.port default");
        assertEquals(5038, c.ami().port(), "ami.port default");
        assertTrue(c.db().embedded(), "no db.url means the embedded database");
        assertEquals(Path.of("data").toAbsolutePath(), c.paths().dataDir(), "data.dir default ./data");
        assertEquals(c.paths().dataDir().resolve("archive"), c.paths().archiveDir(), "archive under data.dir");
        assertEquals(List.of("8001", "8002", "8003", "8004"), c.hotline().frontDesk(), "front desk default");
        assertEquals(Duration.ofSeconds(1), c.ring().on(), "ring on default");
        assertEquals(Duration.ofSeconds(4), c.ring().off(), "ring off default");
        assertEquals(3, c.ring().limit(), "ring limit default");
    }

    @Test
    void environmentOverridesTheFileWhichOverridesDefaults() throws IOException {
        Path file = dir.resolve("h.properties");
        Files.writeString(file, "http.port = 9090\nagi.port=4600\ndata.dir=" + dir.resolve("d") + "\n");
        HotlineConfig c = ConfigLoader.load(file, Map.of("HOTLINE_HTTP_PORT", "9191",
                "HOTLINE_DB_URL", "jdbc:postgresql://127.0.0.1:5432/hl", "HOTLINE_DB_PASSWORD", "pw"));
        assertEquals(9191, c.http().port(), "env beats file");
        assertEquals(4600, c.agi().port(), "file beats default");
        assertEquals(dir.resolve("d"), c.paths().dataDir(), "data.dir from file");
        assertFalse(c.db().embedded(), "db.url from env selects the external database");
        assertEquals("pw", c.db().password().value(), "db.password from env");
    }

    @Test
    void aBadValueNamesItsKeyAndSource() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of("HOTLINE_HTTP_PORT", "eighty")));
        assertTrue(e.getMessage().contains("'http.port'"), "message names the key: " + e.getMessage());
        assertTrue(e.getMessage().contains("HOTLINE_HTTP_PORT"), "message names the source: " + e.getMessage());

        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("HOTLINE_AGI_PORT", "70000")));
        assertTrue(e.getMessage().contains("'agi.port'"), e.getMessage());

        e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of("HOTLINE_FRONTDESK_EXTENSIONS", "8001,abc")));
        assertTrue(e.getMessage().contains("'frontdesk.extensions'"), e.getMessage());

        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("HOTLINE_TIME_ZONE", "Mars/X")));
        assertTrue(e.getMessage().contains("'time.zone'"), e.getMessage());

        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("HOTLINE_DB_URL", "mysql://x")));
        assertTrue(e.getMessage().contains("'db.url'"), e.getMessage());

        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("HOTLINE_AGI_ALLOW", "pbx.example")));
        assertTrue(e.getMessage().contains("'agi.allow'"), e.getMessage());
    }

    @Test
    void aReadTimeoutShorterThanThePingIntervalIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
                Map.of("HOTLINE_AMI_PING_MS", "5000", "HOTLINE_AMI_READ_TIMEOUT_MS", "4000")));
        assertTrue(e.getMessage().contains("'ami.read.timeout.ms'"), e.getMessage());
    }

    @Test
    void anUnknownKeyInTheFileIsAnErrorNotATypoPassingSilently() throws IOException {
        Path file = dir.resolve("typo.properties");
        Files.writeString(file, "http.prot=9090\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertTrue(e.getMessage().contains("http.prot"), e.getMessage());
    }

    @Test
    void aMissingFileIsAClearError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(dir.resolve("nope.properties"), Map.of()));
        assertTrue(e.getMessage().contains("nope.properties"), e.getMessage());
    }

    @Test
    void secretsNeverAppearInMessagesOrToString() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
                Map.of("HOTLINE_AMI_SECRET", "s3cr3t-value", "HOTLINE_HTTP_PORT", "x")));
        assertFalse(e.getMessage().contains("s3cr3t-value"), e.getMessage());
        HotlineConfig c = ConfigLoader.load(null, Map.of("HOTLINE_AMI_SECRET", "s3cr3t-value",
                "HOTLINE_ADMIN_PASSWORD", "adm1n-pw", "HOTLINE_DB_PASSWORD", "db-pw"));
        String printed = c.toString();
        assertFalse(printed.contains("s3cr3t-value"), "AMI secret masked: " + printed);
        assertFalse(printed.contains("adm1n-pw"), "admin password masked");
        assertFalse(printed.contains("db-pw"), "db password masked");
    }

    @Test
    void everyKeyHasADistinctEnvironmentName() {
        long distinct = ConfigKey.all().stream().map(ConfigKey::envName).distinct().count();
        assertEquals(ConfigKey.all().size(), distinct, "env names must not collide");
        assertEquals("HOTLINE_HTTP_PORT", ConfigKey.HTTP_PORT.envName());
        assertEquals("HOTLINE_DATA_DIR", ConfigKey.DATA_DIR.envName());
        assertEquals("HOTLINE_ADMIN_PASSWORD", ConfigKey.ADMIN_PASSWORD.envName());
    }

    @Test
    void theDirectoryAreaCodeIsEmptyOrAnAreaCode() {
        assertEquals("", ConfigLoader.load(null, Map.of()).directoryAreaCode(), "none by default");
        for (String ok : List.of("010", "021", "0755")) {
            String code = ConfigLoader.load(null, Map.of("HOTLINE_DIRECTORY_AREA_CODE", ok)).directoryAreaCode();
            assertEquals(ok, code, "accepted");
            assertEquals(ok, new com.example.hotline.directory.PhoneNumbers(code).localAreaCode(),
                    "and accepted by the phone numbers too");
        }
        for (String bad : List.of("10", "0100", "beijing", "+8610")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigLoader.load(null, Map.of("HOTLINE_DIRECTORY_AREA_CODE", bad)), bad);
            assertTrue(e.getMessage().contains("'directory.area.code'"), "names the key: " + e.getMessage());
        }
    }

    @Test
    void deadlinesDefaultToTheDesksAndParseAsDurations() {
        HotlineConfig.Deadlines d = ConfigLoader.load(null, Map.of()).deadlines();
        assertEquals(Duration.ofDays(10), d.major(), "deadline.major");
        assertEquals(Duration.ofDays(3), d.important(), "deadline.important");
        assertEquals(Duration.ofDays(2), d.minor(), "deadline.minor");
        assertEquals(Duration.ofMinutes(5), d.arrive(), "deadline.arrive");
        assertEquals(Duration.ofMinutes(30), d.start(), "deadline.start");
        d = ConfigLoader.load(null, Map.of("HOTLINE_DEADLINE_MAJOR", "36h", "HOTLINE_DEADLINE_ARRIVE", "90s"))
                .deadlines();
        assertEquals(Duration.ofHours(36), d.major(), "hours");
        assertEquals(Duration.ofSeconds(90), d.arrive(), "seconds");
    }

    @Test
    void aBadDeadlineStopsTheStartNamingItsKey() {
        for (String bad : List.of("10", "ten days", "5 m", "-1d", "0m", "400d", "99999999999d")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigLoader.load(null, Map.of("HOTLINE_DEADLINE_START", bad)), bad);
            assertTrue(e.getMessage().contains("'deadline.start'"), "names the key: " + e.getMessage());
        }
    }
}

package com.example.hotline.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UniformNameTest {

    private static final Instant AT = Instant.parse("2026-11-23T00:45:12Z");
    private final UniformName names = new UniformName(ZoneId.of("Asia/Shanghai"));

    @Test
    void aPlainCallGetsDateTimeCallerExtensionTicketAndUniqueId() {
        assertEquals("20261123-084512_13800138000_8001_2611-0001_1795434013.0.opus",
                names.name(AT, "13800138000", "8001", "2611-0001", "1795434013.0", "opus"));
        assertEquals("20261123-084512_unknown_none_noticket_1795434013.0.wav",
                names.name(AT, null, null, "", "1795434013.0", "wav"), "missing fields are named, never empty");
        assertEquals("2026/11/23/x.opus", UniformName.path(LocalDate.of(2026, 11, 23), "x.opus"));
    }

    @Test
    void untrustedCallerIdsGiveSafeDistinctNames() {
        List<String> hostile = List.of("../../etc/passwd", "'; drop table x; --", "张三", "李四", "Zoë 🙂",
                "a/b", "a\\b", "..", ".", "-rf", "name_with_underscores", "x".repeat(500), "\u0000\n\r", "+86 138 0013");
        Set<String> seen = new HashSet<>();
        for (String caller : hostile) {
            String n = names.name(AT, caller, "8001", null, "1795434013.7", "opus");
            assertTrue(n.matches("[A-Za-z0-9+._-]+"), "only safe characters in " + n + " (caller " + caller + ")");
            assertTrue(n.startsWith("20261123-084512_"), "starts with the date: " + n);
            assertEquals(5, n.split("_", -1).length, "exactly five fields separated by _: " + n);
            assertTrue(!n.contains("/") && !n.contains("..") && n.length() < 200, "no path, bounded: " + n);
            assertTrue(seen.add(n), "distinct callers give distinct names: " + n);
        }
        assertNotEquals(UniformName.field("张三", "u"), UniformName.field("李四", "u"),
                "non-ASCII callers that clean to nothing still differ");
        assertEquals("etc-passwd-", UniformName.field("../../etc/passwd", "u").substring(0, 11));
        assertEquals("drop-table-x-", UniformName.field("'; drop table x; --", "u").substring(0, 13));
    }
}

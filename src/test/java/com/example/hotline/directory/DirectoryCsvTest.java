package com.example.hotline.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The header, the checks of every row, the line numbers of bad rows, and the import on a fake writer. */
class DirectoryCsvTest {

    private final DirectoryCsv csv = new DirectoryCsv(new PhoneNumbers("010"));

    private static List<Integer> lines(DirectoryCsv.Parsed p) {
        return p.errors().stream().map(ImportError::line).toList();
    }

    @Test
    void threeBadRowsAmongGoodOnesAreReportedWithTheirLines() {
        String file = "phone,name,building,room\n"          // 1
                + "13800138000,Wang Wei,3,1201\n"            // 2 good
                + "not-a-phone,Li Na,3,1202\n"               // 3 bad: phone
                + "+86 139 0013 9000,Li Na,3,1202\n"         // 4 good
                + "010-6552 9988,,5,301\n"                   // 5 bad: no name
                + "0086 138-0013-8000,Wang Wei again,3,1201\n" // 6 bad: same phone as line 2
                + "65529988,Zhao Lei,5,301\n";               // 7 good (the phone of line 5, which was not kept)
        DirectoryCsv.Parsed p = csv.parse(file.getBytes(StandardCharsets.UTF_8));
        assertEquals(6, p.read(), "data rows read");
        assertEquals(List.of("13800138000", "13900139000", "01065529988"),
                p.entries().stream().map(DirectoryEntry::phone).toList(), "the good rows, normalised, in order");
        assertEquals(List.of(3, 5, 6), lines(p), "the bad rows' lines (1 = header)");
        assertEquals(new ImportError(3, "phone is not a phone number", "not-a-phone"), p.errors().get(0), "bad phone");
        assertEquals(new ImportError(5, "name is empty", "010-6552 9988"), p.errors().get(1), "no name");
        assertEquals(new ImportError(6, "same phone as line 2 (13800138000)", "0086 138-0013-8000"),
                p.errors().get(2), "duplicate");
        DirectoryEntry first = p.entries().get(0);
        assertEquals(new DirectoryEntry("13800138000", "13800138000", "Wang Wei", "3", "1201", Map.of()), first,
                "entry");
        assertEquals("+86 139 0013 9000", p.entries().get(1).phoneRaw(), "the phone as written is kept");
    }

    @Test
    void quotedFieldsWithCommasAndLineBreaksKeepTheLineNumbersRight() {
        String file = "phone,name,building,room,note\r\n"                 // 1
                + "13800138000,\"Wang, Wei\",3,1201,\"gate code\r\n1234\"\r\n" // 2-3
                + "bad,\"Li\nNa\",3,1202,\r\n"                             // 4-5: bad phone, name with a break
                + "13900139000,\"Zhao \"\"Lei\"\"\",3,1203,\"a\nb\nc\"\r\n" // 6-8
                + "x,y\r\n";                                               // 9 bad
        DirectoryCsv.Parsed p = csv.parse(file.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(4, 9), lines(p), "lines of the bad rows");
        assertEquals("name contains a line break or control character; phone is not a phone number",
                p.errors().get(0).reason(), "every reason of a row");
        assertEquals("Wang, Wei", p.entries().get(0).name(), "comma inside quotes");
        assertEquals(Map.of("note", "gate code\r\n1234"), p.entries().get(0).extra(), "extra column, line break kept");
        assertEquals("Zhao \"Lei\"", p.entries().get(1).name(), "doubled quotes");
    }

    @Test
    void bomCrlfAndChineseHeaders() {
        String file = "\uFEFF电话, 姓名 ,楼栋,房号,车牌\r\n"
                + "138 0013 8000,王伟,3栋,1201,京A12345\r\n"
                + "6552-9988,李娜,,,\r\n";
        DirectoryCsv.Parsed p = csv.parse(file.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), p.errors(), "no errors");
        assertEquals(new DirectoryEntry("13800138000", "138 0013 8000", "王伟", "3栋", "1201", Map.of("车牌", "京A12345")),
                p.entries().get(0), "Chinese columns and an extra one");
        assertEquals(new DirectoryEntry("01065529988", "6552-9988", "李娜", null, null, Map.of()), p.entries().get(1),
                "local number gets the area code; empty building and room are null; empty extra left out");
        assertEquals("UTF-8", p.charset(), "charset");
    }

    @Test
    void aSpreadsheetSavedInGbkIsReadAsGb18030() {
        String file = "电话,姓名,楼栋,房号\r\n13800138000,王伟,3栋,1201\r\n";
        DirectoryCsv.Parsed p = csv.parse(file.getBytes(Charset.forName("GBK")));
        assertEquals("GB18030", p.charset(), "not UTF-8, so GB18030");
        assertEquals("王伟", p.entries().get(0).name(), "the name decoded");
    }

    @Test
    void headerNamesMatchIgnoringCaseSpacesAndOrder() {
        DirectoryCsv.Parsed p = csv.parse("Room, NAME ,Extra Info,Phone_Number,Building\n1201,Wang,vip,13800138000,3\n"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(new DirectoryEntry("13800138000", "13800138000", "Wang", "3", "1201", Map.of("Extra Info", "vip")),
                p.entries().get(0), "columns found by name");
        DirectoryCsv.Parsed minimal = csv.parse("name,phone\nWang,13800138000\n".getBytes(StandardCharsets.UTF_8));
        assertNull(minimal.entries().get(0).building(), "building and room are optional");
    }

    @Test
    void anUnusableHeaderStopsTheImport() {
        unusable("", "empty");
        unusable("\n\n", "empty");
        unusable("name,building\nWang,3\n", "no phone column");
        unusable("13800138000,Wang,3,1201\n13900139000,Li,3,1202\n", "no phone and name columns");
        unusable("phone,tel,name\n", "are both the phone column");
        unusable("phone,name,note,note\n", "'note' appears twice");
        unusable("\"phone,name\n", "never closed");
        unusable("phone,name" + ",x".repeat(60) + "\n", "at most 50");
    }

    private void unusable(String file, String expected) {
        DirectoryCsv.UnusableFileException e = assertThrows(DirectoryCsv.UnusableFileException.class,
                () -> csv.parse(file.getBytes(StandardCharsets.UTF_8)), "unusable: " + file);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' says " + expected);
    }

    @Test
    void everyCheckOfARow() {
        String longName = "n".repeat(201);
        String file = "phone,name,building,room,note\n"
                + "13800138000,Wang,3,1201,ok,surplus\n"             // 2: too many fields
                + "13800138001," + longName + ",3,1201\n"           // 3: name too long
                + "13800138002,Li,3,\"12\t01\"\n"                   // 4: control character in room
                + ",Zhao,3,1201\n"                                   // 5: no phone
                + "13800138003,\"   \",3,1201\n"                     // 6: blank name
                + "13800138004,Qian\n"                               // 7: fewer fields are fine
                + ",,,,\n"                                           // 8: blank row, skipped
                + "<script>alert(1)</script>,Sun,3,1201\n"           // 9: junk phone
                + "13800138005,Zhou,3,1201,\"x" + "y".repeat(200) + "\"\n" // 10: extra too long
                + "\"13800138006\"junk,Wu,3,1201\n";                // 11: malformed quoting
        DirectoryCsv.Parsed p = csv.parse(file.getBytes(StandardCharsets.UTF_8));
        Map<Integer, String> reasons = new HashMap<>();
        p.errors().forEach(e -> reasons.put(e.line(), e.reason()));
        assertEquals(List.of(2, 3, 4, 5, 6, 9, 10, 11), lines(p), "bad rows");
        assertTrue(reasons.get(2).startsWith("6 fields but the header has 5"), reasons.get(2));
        assertEquals("name is longer than 200 characters", reasons.get(3), "line 3");
        assertEquals("room contains a line break or control character", reasons.get(4), "line 4");
        assertEquals("phone is empty", reasons.get(5), "line 5");
        assertNull(p.errors().get(3).phone(), "no phone to echo");
        assertEquals("name is empty", reasons.get(6), "line 6");
        assertEquals("phone is not a phone number", reasons.get(9), "line 9");
        assertEquals("note is longer than 200 characters", reasons.get(10), "line 10");
        assertEquals("text after the closing quote of field 1", reasons.get(11), "line 11");
        assertEquals(List.of("13800138004"), p.entries().stream().map(DirectoryEntry::phone).toList(), "good row");
        assertEquals(9, p.read(), "the blank row is not counted");
    }

    @Test
    void aVeryLongPhoneIsEchoedShortened() {
        DirectoryCsv.Parsed p = csv.parse(("phone,name\n" + "9".repeat(5000) + ",x\n").getBytes(StandardCharsets.UTF_8));
        ImportError e = p.errors().get(0);
        assertEquals("phone is longer than 200 characters", e.reason(), "reason");
        assertEquals("9".repeat(40) + "…", e.phone(), "echo capped");
    }

    @Test
    void theImportWritesOnlyTheGoodRowsAndReportsTheCounts() {
        List<List<DirectoryEntry>> written = new ArrayList<>();
        DirectoryImport imp = new DirectoryImport(new PhoneNumbers(""), entries -> {
            written.add(entries);
            return new DirectoryWriter.Upserted(1, 1, entries.size() - 2);
        });
        ImportResult r = imp.run("phone,name\n13800138000,a\nx,b\n13900139000,c\n13700137000,d\n"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(new ImportResult(4, 1, 1, 1, List.of(new ImportError(3, "phone is not a phone number", "x")),
                "UTF-8"), r, "result");
        assertEquals(3, written.get(0).size(), "the three good rows written at once");
        ImportResult none = imp.run("phone,name\nx,b\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, written.size(), "nothing to write, no write");
        assertEquals(1, none.errors().size(), "the bad row reported");
    }
}

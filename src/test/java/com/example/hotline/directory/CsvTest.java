package com.example.hotline.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 fields and the physical line each record starts on. */
class CsvTest {

    private static List<String> fields(Csv.Record r) {
        return r.fields();
    }

    @Test
    void plainFieldsAndEveryLineEnding() {
        for (String nl : new String[] {"\n", "\r\n", "\r"}) {
            List<Csv.Record> rs = Csv.parse("a,b,c" + nl + "1,2,3" + nl + "x,,z" + nl);
            String w = "line ending " + nl.replace("\r", "CR").replace("\n", "LF") + ": ";
            assertEquals(3, rs.size(), w + "records");
            assertEquals(List.of("a", "b", "c"), fields(rs.get(0)), w + "header");
            assertEquals(List.of("1", "2", "3"), fields(rs.get(1)), w + "row");
            assertEquals(List.of("x", "", "z"), fields(rs.get(2)), w + "empty middle field");
            assertEquals(List.of(1, 2, 3), rs.stream().map(Csv.Record::line).toList(), w + "lines");
        }
    }

    @Test
    void theLastLineNeedsNoLineBreakAndATrailingCommaIsAnEmptyField() {
        List<Csv.Record> rs = Csv.parse("a,b\n1,");
        assertEquals(List.of("1", ""), fields(rs.get(1)), "trailing empty field");
        assertEquals(List.of("x"), fields(Csv.parse("x").get(0)), "one field, no line break");
        assertEquals(List.of(), Csv.parse(""), "nothing");
        assertEquals(List.of(), Csv.parse("\uFEFF"), "only a BOM");
    }

    @Test
    void aByteOrderMarkIsSkipped() {
        List<Csv.Record> rs = Csv.parse("\uFEFFphone,name\r\n1,2\r\n");
        assertEquals("phone", fields(rs.get(0)).get(0), "no BOM in the first column name");
        assertEquals(1, rs.get(0).line(), "line 1");
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() {
        String text = "phone,name,note\n"
                + "\"138 0013 8000\",\"Wang, Wei\",\"said \"\"hello\"\"\"\n"
                + "1,\"two\nlines\",\"three\r\nlines\r\nhere\"\n"
                + "2,\"\",\"\"\"\"\n"
                + "3,x,y\n";
        List<Csv.Record> rs = Csv.parse(text);
        assertEquals(5, rs.size(), "records");
        assertEquals(List.of("138 0013 8000", "Wang, Wei", "said \"hello\""), fields(rs.get(1)), "comma and quotes");
        assertEquals(List.of("1", "two\nlines", "three\r\nlines\r\nhere"), fields(rs.get(2)), "line breaks kept");
        assertEquals(List.of("2", "", "\""), fields(rs.get(3)), "empty quoted field and a lone quote");
        assertEquals(List.of(1, 2, 3, 7, 8), rs.stream().map(Csv.Record::line).toList(),
                "each record starts on its physical line; CRLF inside quotes is one line break");
        rs.forEach(r -> assertNull(r.error(), "well-formed: " + r));
    }

    @Test
    void blankLinesAreSkippedButCounted() {
        List<Csv.Record> rs = Csv.parse("a,b\n\n1,2\n   \n\r\n3,4\n,\n");
        assertEquals(List.of(1, 3, 6, 7), rs.stream().map(Csv.Record::line).toList(), "lines");
        assertTrue(rs.get(3).blank(), "a row of empty fields is kept, and known blank");
    }

    @Test
    void malformedQuotingIsReportedOnItsRecord() {
        List<Csv.Record> rs = Csv.parse("a,b\n\"x\"y,2\n3,4\n5,\"never closed\n6,7\n");
        assertEquals("text after the closing quote of field 1", rs.get(1).error(), "junk after a quote");
        assertEquals(List.of("x", "2"), fields(rs.get(1)), "fields still split");
        assertNull(rs.get(2).error(), "the next record is fine");
        assertEquals(3, rs.get(2).line(), "and on its line");
        assertEquals(4, rs.get(3).line(), "the unterminated record starts on line 4");
        assertEquals("quoted field opened on line 4 is never closed", rs.get(3).error(), "unterminated quote");
        assertEquals(4, rs.size(), "it swallows the rest of the file");
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsACharacter() {
        Csv.Record r = Csv.parse("5\"6,x").get(0);
        assertEquals(List.of("5\"6", "x"), fields(r), "kept");
        assertNull(r.error(), "forgiven");
    }
}

package com.example.hotline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Untrusted text made safe for a spreadsheet: formula injection, RFC 4180 quoting, XML-illegal characters. */
class CellTextTest {

    @Test
    void aLeadingFormulaCharacterGetsAnApostrophe() {
        assertEquals("'=HYPERLINK(\"http://x\",\"y\")", CellText.neutralise("=HYPERLINK(\"http://x\",\"y\")"));
        assertEquals("'+1+1", CellText.neutralise("+1+1"));
        assertEquals("'-2+3+cmd|' /C calc'!A0", CellText.neutralise("-2+3+cmd|' /C calc'!A0"));
        assertEquals("'@SUM(A1)", CellText.neutralise("@SUM(A1)"));
        assertEquals("'\t=1", CellText.neutralise("\t=1"));
        assertEquals("'\r=1", CellText.neutralise("\r=1"));
        assertEquals("'+8613800138000", CellText.neutralise("+8613800138000"), "no guessing: numbers too");
    }

    @Test
    void otherTextIsLeftAlone() {
        assertEquals("13800138000", CellText.neutralise("13800138000"));
        assertEquals("a=b", CellText.neutralise("a=b"), "only the first character matters");
        assertEquals(" =1", CellText.neutralise(" =1"), "a space first is not a formula");
        assertEquals("厨房漏水", CellText.neutralise("厨房漏水"));
        assertEquals("", CellText.neutralise(null));
        assertEquals("", CellText.neutralise(""));
    }

    @Test
    void characterXmlCannotHoldBecomeReplacementCharacters() {
        assertEquals("a\uFFFDb\uFFFD", CellText.clean("a\u0001b\u0000"));
        assertEquals("tab\tlf\ncr\r", CellText.clean("tab\tlf\ncr\r"));
        assertEquals("😀", CellText.clean("😀"), "a surrogate pair stays");
        assertEquals("x\uFFFD", CellText.clean("x\uD83D"), "a lone high surrogate goes");
        assertEquals("\uFFFDy", CellText.clean("\uDE00y"), "a lone low surrogate goes");
        assertEquals("\uFFFD", CellText.clean("\uFFFE"));
        assertEquals("'\uFFFD", CellText.neutralise("=\u0007").substring(0, 1) + "\uFFFD", "cleaned, then marked");
    }

    @Test
    void csvFieldsAreQuotedOnlyWhenTheyMustBe() {
        assertEquals("plain", CellText.csvField("plain"));
        assertEquals("\"a,b\"", CellText.csvField("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CellText.csvField("say \"hi\""));
        assertEquals("\"two\r\nlines\"", CellText.csvField("two\r\nlines"));
        assertEquals("\"lf\nonly\"", CellText.csvField("lf\nonly"));
        assertEquals("", CellText.csvField(""));
    }
}

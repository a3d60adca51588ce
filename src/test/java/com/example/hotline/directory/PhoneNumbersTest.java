package com.example.hotline.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every spelling of one phone gives one normal form; anything that is not a phone gives none. */
class PhoneNumbersTest {

    private final PhoneNumbers none = new PhoneNumbers("");
    private final PhoneNumbers beijing = new PhoneNumbers("010");
    private final PhoneNumbers shenzhen = new PhoneNumbers("0755");

    private static void same(PhoneNumbers n, String expected, String... spellings) {
        for (String s : spellings) {
            assertEquals(Optional.of(expected), n.normalise(s), "'" + s + "' normalises to " + expected);
        }
    }

    private static void junk(PhoneNumbers n, String... inputs) {
        for (String s : inputs) {
            assertEquals(Optional.empty(), n.normalise(s), "'" + s + "' is not a phone number");
        }
    }

    @Test
    void aMobileIsItsElevenDigitsHoweverItIsWritten() {
        same(none, "13800138000", "13800138000", "138 0013 8000", "138-0013-8000", "138.0013.8000",
                "(138) 0013 8000", "+8613800138000", "+86 138 0013 8000", "+86-138-0013-8000", "+ 86 13800138000",
                "0086 13800138000", "0086-138-0013-8000", "008613800138000", "8613800138000", "86 138 0013 8000",
                "013800138000", "  13800138000\t", "+86 (0) 138 0013 8000");
        same(none, "19912345678", "199 1234 5678", "+86 199 1234 5678");
        same(beijing, "13800138000", "13800138000", "+86 138 0013 8000", "013800138000");
    }

    @Test
    void fullWidthDigitsAndSeparatorsFromChineseSpreadsheetsAreRead() {
        same(none, "13800138000", "１３８００１３８０００", "＋８６ １３８－００１３－８０００", "138\u30000013\u30008000",
                "138\u00a00013\u00a08000", "138–0013–8000");
        same(none, "01065529988", "（010）65529988");
    }

    @Test
    void aLandlineIsTrunkZeroAreaCodeAndNumber() {
        same(none, "01065529988", "01065529988", "010-65529988", "010 6552 9988", "(010) 6552-9988", "(010)65529988",
                "+86 10 6552 9988", "+861065529988", "0086 10 65529988", "+86 (0)10 6552 9988", "+86 010 6552 9988",
                "10 6552 9988", "1065529988");
        same(none, "02162345678", "021-62345678", "+86 21 6234 5678", "21 6234 5678", "2162345678");
        same(none, "075586001234", "0755-8600-1234", "+86 755 8600 1234", "0086 755 86001234");
        same(none, "05718888888", "0571-8888888", "+86 571 888 8888");
    }

    @Test
    void aLocalNumberGetsTheConfiguredAreaCode() {
        same(beijing, "01065529988", "65529988", "6552 9988", "6552-9988", "010-65529988", "(010) 6552 9988",
                "+86 10 6552 9988", "1065529988");
        same(shenzhen, "075586001234", "86001234", "8600 1234", "0755 8600 1234");
        same(shenzhen, "07558888888", "8888888");
        same(shenzhen, "01065529988", "010-65529988", "+86 10 6552 9988");
        same(none, "65529988", "65529988", "6552-9988");
        assertEquals("010", beijing.localAreaCode(), "area code");
        assertEquals("", new PhoneNumbers(null).localAreaCode(), "null = none");
        assertEquals("", new PhoneNumbers("  ").localAreaCode(), "blank = none");
    }

    @Test
    void serviceNumbersAndExtensionsAreTheirDigits() {
        same(beijing, "110", "110");
        same(beijing, "12345", "12345");
        same(beijing, "95555", "95-555");
        same(beijing, "8001", "8001");
        same(beijing, "4008208820", "400-820-8820", "400 820 8820", "+86 400 820 8820");
        same(beijing, "8008101818", "800-810-1818");
    }

    @Test
    void otherCountriesKeepTheirCountryCode() {
        same(none, "+12125551234", "+1 212 555 1234", "+1 (212) 555-1234", "001 212 555 1234", "0012125551234");
        same(none, "+85291234567", "+852 9123 4567", "00852 9123 4567");
        junk(none, "+0 212 555 1234", "+1 2", "+1234567890123456");
    }

    @Test
    void anythingElseIsNotAPhoneNumber() {
        junk(beijing, null, "", " ", "   \t ", "-", "()", "+", "+86", "0086", "12", "1", "anonymous", "unknown",
                "13800138000x", "138OO138OOO", "tel:13800138000", "13800138000 ext 12", "'13800138000'",
                "\"13800138000\"", "<b>13800138000</b>", "<script>alert(1)</script>", "13800138000; DROP TABLE directory",
                "1' OR '1'='1", "138\n00138000", "138\u000000138000", "+86+13800138000", "138+00138000",
                "1".repeat(21), "1".repeat(100_000), "1 ".repeat(40), "١٣٨٠٠١٣٨٠٠٠", "+86 123 4567 8901",
                "+86 21 1234 5678", "+86 12345");
    }

    @Test
    void aNormalFormIsItsOwnNormalForm() {
        for (PhoneNumbers n : new PhoneNumbers[] {none, beijing, shenzhen}) {
            for (String s : new String[] {"13800138000", "01065529988", "02162345678", "075586001234", "05718888888",
                    "07558888888", "+12125551234", "+85291234567", "4008208820", "110", "8001"}) {
                assertEquals(Optional.of(s), n.normalise(s), s + " stays as it is (area code "
                        + n.localAreaCode() + ")");
            }
        }
    }

    @Test
    void aBadAreaCodeIsRefused() {
        for (String bad : new String[] {"10", "0", "01", "011", "0100", "00755", "abc", "0755x", "07555"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PhoneNumbers(bad),
                    "area code " + bad);
            assertTrue(e.getMessage().contains("area code"), "message says what is wrong: " + e.getMessage());
        }
        for (String ok : new String[] {"010", "020", "021", "029", "0755", "0571", "0991"}) {
            assertEquals(ok, new PhoneNumbers(ok).localAreaCode(), "area code " + ok);
        }
    }
}

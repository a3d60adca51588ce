package com.example.hotline.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.call.PbxEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Lines of cdr_csv as deploy/asterisk/cdr.conf makes the local PBX write them. */
class CdrCsvTest {

    @Test
    void anAnsweredHotlineCallNamesThePhoneThatAnswered() {
        String line = "\"\",\"13800138000\",\"s\",\"hotline\",\"\"\"13800138000\"\" <13800138000>\","
                + "\"PJSIP/carrier-00000001\",\"PJSIP/8001-00000002\",\"Dial\",\"PJSIP/8001&PJSIP/8002,45,tb(hotline-phone^s^1)\","
                + "\"2026-11-23 16:58:30\",\"2026-11-23 16:58:34\",\"2026-11-23 16:58:40\",10,6,\"ANSWERED\","
                + "\"DOCUMENTATION\",\"1795453110.80\",\"\",\"\",\"1795453110.80\",12";
        PbxEvent.CdrReported e = CdrCsv.event(line).orElseThrow();
        assertEquals("1795453110.80", e.linkedId());
        assertEquals("13800138000", e.callerNum());
        assertEquals("8001", e.answeredBy());
        assertEquals(Instant.parse("2026-11-23T16:58:30Z"), e.startedAt());
        assertEquals(Instant.parse("2026-11-23T16:58:34Z"), e.answeredAt());
        assertEquals(Instant.parse("2026-11-23T16:58:40Z"), e.at());
    }

    @Test
    void theFallbackAndOtherContextsAreNotAPersonAnswering() {
        String fallback = "\"\",\"13800138000\",\"s\",\"hotline-fallback\",\"\",\"PJSIP/carrier-00000001\",\"\","
                + "\"Wait\",\"120\",\"2026-11-23 16:58:30\",\"2026-11-23 16:59:15\",\"2026-11-23 16:59:20\",50,5,"
                + "\"ANSWERED\",\"DOCUMENTATION\",\"1.1\",\"\",\"\",\"1.1\",3";
        assertEquals("", CdrCsv.event(fallback).orElseThrow().answeredBy(), "the PBX answered, not a person");
        String internal = fallback.replace("hotline-fallback", "from-internal");
        assertTrue(CdrCsv.event(internal).isEmpty(), "not a hotline call");
        assertTrue(CdrCsv.event(fallback.replace("PJSIP/carrier-00000001", "Local/s@hotline-escalate-1;2")).isEmpty(),
                "the escalation's Local channel is not the caller");
        assertTrue(CdrCsv.event("garbage,\"x").isEmpty(), "not a record");
    }
}

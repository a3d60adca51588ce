package com.example.hotline.ticket;

/**
 * A hotline call arriving, as FastAGI sees it before any phone rings: its linkedId, the caller ID
 * exactly as received, and the directory entry it matched (fields null when none).
 */
public record Arrival(String linkedId, java.time.Instant at, String callerId, String phoneNorm,
        CallerIdStatus callerIdStatus, String name, String building, String room) {}

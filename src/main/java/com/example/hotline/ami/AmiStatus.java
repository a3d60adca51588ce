package com.example.hotline.ami;

import java.time.Instant;

/**
 * What /health and /metrics say about the AMI link. {@code connected} is true only while logged in.
 * Immutable snapshot.
 */
public record AmiStatus(boolean connected, String state, Instant since, Instant lastEventAt, long events,
                        long reconnects, Instant lastResyncAt, String lastError) {}

package com.example.hotline.agi;

import java.time.Instant;

/** What /health says about FastAGI. Immutable snapshot. */
public record AgiStatus(boolean listening, String address, long requests, long failures, long refused,
                        Instant lastRequestAt, String lastError) {}

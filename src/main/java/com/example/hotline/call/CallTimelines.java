package com.example.hotline.call;

import java.util.Optional;

/** Reads one call's timeline. Implementations are thread-safe and block on I/O. */
public interface CallTimelines {
    Optional<CallTimeline> find(long callId);
}

package com.example.hotline.alert;

import java.time.Instant;
import java.util.List;

/** Stored alerts. Implementations are thread-safe and block on I/O. */
public interface AlertStore {

    void save(Alert alert);

    /** Alerts raised in [from, to) (nulls = open), newest first, optionally of one kind. */
    List<Alert> find(Instant from, Instant to, String kind, int limit);
}

package com.example.hotline.alert;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans an alert out to every sink (store, live pages) after logging it with its call. A failing
 * sink is logged and does not stop the others. Thread-safe.
 */
public final class AlertBus implements AlertSink {

    private static final Logger log = LoggerFactory.getLogger(AlertBus.class);

    private final List<AlertSink> sinks = new CopyOnWriteArrayList<>();

    public void add(AlertSink sink) {
        sinks.add(sink);
    }

    @Override
    public void raise(Alert alert) {
        log.warn("call {} (uniqueid {}): ALERT {}: {} {}", alert.linkedId(), alert.uniqueId(), alert.kind(),
                alert.message(), alert.details());
        for (AlertSink s : sinks) {
            try {
                s.raise(alert);
            } catch (RuntimeException e) {
                log.error("call {}: alert {} not delivered to {}: {}", alert.linkedId(), alert.kind(),
                        s.getClass().getSimpleName(), e.toString());
            }
        }
    }
}

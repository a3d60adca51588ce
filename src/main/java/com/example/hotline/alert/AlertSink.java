package com.example.hotline.alert;

/** Receives raised alerts. Implementations must be quick and thread-safe; they may be called from any thread. */
public interface AlertSink {
    void raise(Alert alert);
}

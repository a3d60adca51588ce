package com.example.hotline.config;

/**
 * A configuration value that must never appear in logs: {@link #toString()} masks it.
 * Immutable and thread-safe.
 */
public record Secret(String value) {

    public Secret {
        value = value == null ? "" : value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "(unset)" : "****";
    }
}

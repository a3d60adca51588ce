package com.example.hotline.routing;

/**
 * An extension's state as Asterisk's DEVICE_STATE() reports it, reduced to what routing needs:
 * free (registered, idle), busy (on a call or ringing), or unavailable (not registered).
 */
public enum DeviceState {
    FREE, BUSY, UNAVAILABLE;

    /** Maps Asterisk's names (NOT_INUSE, INUSE, RINGING, UNAVAILABLE, …). */
    public static DeviceState ofAsterisk(String s) {
        if (s == null) {
            return UNAVAILABLE;
        }
        switch (s.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "NOT_INUSE":
                return FREE;
            case "INUSE":
            case "BUSY":
            case "RINGING":
            case "RINGINUSE":
            case "ONHOLD":
                return BUSY;
            default:
                return UNAVAILABLE; // UNAVAILABLE, INVALID, UNKNOWN
        }
    }
}

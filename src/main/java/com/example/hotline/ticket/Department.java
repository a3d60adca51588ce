package com.example.hotline.ticket;

/** A department technicians belong to and tickets are dispatched to; {@code code} is its key. Immutable. */
public record Department(String code, String name, Long lastTechnicianId) {

    /** A department to create or rename, validated (IllegalArgumentException naming the field). */
    public static Department of(String code, String name) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("code: required");
        }
        return new Department(Texts.code(code, "code"), Texts.required(name, "name", Texts.MAX_NAME), null);
    }
}

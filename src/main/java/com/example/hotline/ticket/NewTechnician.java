package com.example.hotline.ticket;

import java.time.Instant;
import java.util.List;

/** A technician to add (POST) or the fields to change (PUT, null = unchanged). Validated on construction. */
public record NewTechnician(String name, String department, List<String> skills, Boolean out, Instant outUntil,
        Boolean active) {

    public NewTechnician {
        name = Texts.optional(name, "name", Texts.MAX_NAME);
        department = Texts.code(department, "department");
        skills = Texts.codes(skills, "skills");
    }

    /** Checks the fields a new technician needs. */
    public NewTechnician requireComplete() {
        if (name == null) {
            throw new IllegalArgumentException("name: required");
        }
        if (department == null) {
            throw new IllegalArgumentException("department: required");
        }
        return this;
    }
}

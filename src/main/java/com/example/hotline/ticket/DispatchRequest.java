package com.example.hotline.ticket;

import java.util.List;
import java.util.Locale;

/**
 * A dispatch of a ticket: to {@code department}, to the next technician in turn who has
 * {@code skill} (null: any) or to {@code technicianId} when given; what to do ({@code content},
 * default the ticket's matter), what the owner asks ({@code ownerRequest}), the warranty
 * ({@code in}, {@code out}, {@code unknown}) and whether the owner consented to charges (required,
 * and true, for out-of-warranty work). {@code replace} sends another technician in place of the
 * open order's. Validated on construction (IllegalArgumentException naming the field).
 */
public record DispatchRequest(String department, String skill, Long technicianId, String content,
        String ownerRequest, String warranty, Boolean chargeConsent, boolean replace) {

    public static final List<String> WARRANTIES = List.of("in", "out", "unknown");

    public DispatchRequest {
        if (department == null || department.isBlank()) {
            throw new IllegalArgumentException("department: required");
        }
        department = Texts.code(department, "department");
        skill = Texts.code(skill, "skill");
        if (technicianId != null && technicianId < 1) {
            throw new IllegalArgumentException("technicianId: not a technician id");
        }
        content = Texts.optional(content, "content", Texts.MAX_TEXT);
        ownerRequest = Texts.optional(ownerRequest, "ownerRequest", Texts.MAX_TEXT);
        warranty = warranty == null || warranty.isBlank() ? "unknown" : warranty.strip().toLowerCase(Locale.ROOT);
        if (!WARRANTIES.contains(warranty)) {
            throw new IllegalArgumentException("warranty: '" + warranty + "' is not one of " + WARRANTIES);
        }
        if ("out".equals(warranty) && !Boolean.TRUE.equals(chargeConsent)) {
            throw new IllegalArgumentException("chargeConsent: out-of-warranty work is charged and needs the owner's "
                    + "consent (chargeConsent: true) before dispatch");
        }
    }
}

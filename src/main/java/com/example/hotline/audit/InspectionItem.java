package com.example.hotline.audit;

import java.util.List;
import java.util.Map;

/**
 * One line of the inspection form: its number ({@code C1}), the checklist's own words, what it means,
 * its status ({@code pass}, {@code fail}, {@code unknown}: no data source yet, {@code no-data}: nothing
 * happened in the period), its figures, a note on how it was judged, and links to the evidence.
 * Immutable.
 */
public record InspectionItem(String id, String original, String meaning, String status, Map<String, Object> figures,
                             String note, List<Evidence> evidence) {

    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String UNKNOWN = "unknown";
    public static final String NO_DATA = "no-data";

    public InspectionItem {
        figures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(figures));
        evidence = List.copyOf(evidence);
    }

    /** A link to what proves the figures: an API answer or a page of the workbench. */
    public record Evidence(String label, String href) {}
}

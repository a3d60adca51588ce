package com.example.hotline.routing;

/**
 * One after-hours candidate as routing judged it: {@code rung} or skipped, and why. Immutable.
 */
public record Candidate(String ext, String kind, boolean rung, String reason) {}

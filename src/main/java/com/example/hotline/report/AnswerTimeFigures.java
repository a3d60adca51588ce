package com.example.hotline.report;

/**
 * The answer-time figures of one group of hotline calls (or of the whole range).
 *
 * <ul>
 *   <li>{@code key}: the group: a day {@code 2026-11-23}, an hour {@code 2026-11-23T08:00+08:00} (ISO,
 *       with the zone's offset at that hour), an agent's extension, or null for calls no known agent
 *       answered (and for the totals)</li>
 *   <li>{@code calls}, {@code answered}: hotline calls in the group and how many were answered</li>
 *   <li>{@code withinThreeRings} and its share of {@code calls} (unanswered calls count as failures;
 *       null when the group has no calls)</li>
 *   <li>{@code medianRingSeconds}, {@code p90RingSeconds}: over answered calls with a known ring time;
 *       null when there are none</li>
 *   <li>{@code missed}: calls that ended unanswered</li>
 *   <li>{@code ringNoAnswer}: phones that rang for a call and did not pick up (by agent: that agent's)</li>
 * </ul>
 * Immutable.
 */
public record AnswerTimeFigures(String key, long calls, long answered, long withinThreeRings,
                                Double withinThreeRingsShare, Double medianRingSeconds, Double p90RingSeconds,
                                long missed, long ringNoAnswer) {}

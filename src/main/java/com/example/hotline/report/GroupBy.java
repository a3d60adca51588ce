package com.example.hotline.report;

/**
 * How the answer-time report groups hotline calls: by the day or the hour they started (in the desk's
 * time zone) or by the agent who answered them.
 */
public enum GroupBy { DAY, HOUR, AGENT }

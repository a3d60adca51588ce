package com.example.hotline.web;

import java.util.Map;

/** One component of /health (AMI, AGI, database, archive): whether it is up and its details. */
public interface HealthCheck {

    String name();

    Result check();

    /** {@code up} plus details shown as they are. Immutable. */
    record Result(boolean up, Map<String, Object> details) {}
}

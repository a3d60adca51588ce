/**
 * Configuration: one properties file plus {@code HOTLINE_*} environment overrides, parsed once at
 * start into immutable records and validated so that a bad value stops the server with a message
 * naming the key. Secrets are wrapped in {@link com.example.hotline.config.Secret} and never printed.
 * Uses the JDK only.
 */
package com.example.hotline.config;

package com.example.hotline.auth;

import java.time.Instant;

/**
 * A browser's sign-in: the secret id carried by the session cookie, the CSRF token the page must
 * send back in {@code X-CSRF-Token} with every state-changing request, the user, and when it was
 * created. Immutable.
 */
public record Session(String id, String csrf, User user, Instant createdAt) {}

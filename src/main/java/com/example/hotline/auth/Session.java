package com.example.hotline.auth;

import java.time.Instant;

/**
 * A browser's sign-in: the secret id carried by the session cookie, the CSRF token the page must
 * send back in {@code X-CSRF-Token} with every state-changing request, the user, and when it was
 * created. Immutable.
 */
public record Session(String id, String csrf, User user, Instant createdAt) {

    /**
     * A name for this session that may be stored and shown (the access log): the first 16 hex digits of
     * the SHA-256 of its id, which tells sessions apart without revealing the cookie.
     */
    public String tag() {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}

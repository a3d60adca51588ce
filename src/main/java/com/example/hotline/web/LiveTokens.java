package com.example.hotline.web;

import com.example.hotline.auth.User;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Single-use tickets that let a browser open the live WebSocket: a page cannot set an Authorization
 * header on a WebSocket, so it asks for a ticket over the authenticated API and passes it in the
 * URL. Tickets expire after a minute. Thread-safe.
 */
public final class LiveTokens {

    private static final Duration TTL = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();

    public LiveTokens(Clock clock) {
        this.clock = clock;
    }

    private record Issued(User user, Instant expires) {}

    public String issue(User user) {
        Instant now = clock.instant();
        tokens.values().removeIf(i -> i.expires().isBefore(now));
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        tokens.put(token, new Issued(user, now.plus(TTL)));
        return token;
    }

    /** The user the ticket was issued to, once; empty if unknown, used or expired. */
    public Optional<User> redeem(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Issued i = tokens.remove(token);
        if (i == null || i.expires().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(i.user());
    }
}

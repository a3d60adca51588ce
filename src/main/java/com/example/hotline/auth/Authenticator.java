package com.example.hotline.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks HTTP Basic credentials against the user store. Successful checks are cached for a few
 * minutes under a SHA-256 of the credentials (never the password itself) so scripts polling the API
 * do not pay the slow hash on every request. Thread-safe.
 */
public final class Authenticator {

    private static final Duration CACHE_TTL = Duration.ofMinutes(5);
    private static final int CACHE_MAX = 1_000;

    private final UserStore users;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Authenticator(UserStore users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    private record Cached(User user, Instant until) {}

    /** The user for an {@code Authorization: Basic …} header value, if the credentials are right. */
    public Optional<User> basic(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return check(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    public Optional<User> check(String username, String password) {
        String key = digest(username + '\0' + password);
        Instant now = clock.instant();
        Cached hit = cache.get(key);
        if (hit != null && hit.until().isAfter(now)) {
            return Optional.of(hit.user());
        }
        Optional<UserStore.StoredUser> stored = users.find(username);
        if (stored.isEmpty() || !PasswordHasher.verify(password, stored.get().passwordHash())) {
            return Optional.empty();
        }
        if (cache.size() >= CACHE_MAX) {
            cache.clear();
        }
        cache.put(key, new Cached(stored.get().user(), now.plus(CACHE_TTL)));
        return Optional.of(stored.get().user());
    }

    private static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

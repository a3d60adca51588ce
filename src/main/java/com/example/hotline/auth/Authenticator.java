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
 * Checks a user name and password against the user store, for the sign-in form and for HTTP Basic.
 * Failed checks count towards the {@link LoginLimiter}; while a name or address is limited every
 * attempt is refused without looking at the password. Successful checks are cached for a few minutes
 * under a SHA-256 of the credentials (never the password itself) so scripts polling the API do not
 * pay the slow hash on every request; {@link #forget} drops a user's entries when an administrator
 * changes them. While the user store cannot be read (database down) an expired entry is still
 * accepted, so monitoring keeps seeing {@code /health}. Thread-safe.
 */
public final class Authenticator {

    private static final Duration CACHE_TTL = Duration.ofMinutes(5);
    private static final int CACHE_MAX = 1_000;

    private static final String UNKNOWN_USER_HASH = PasswordHasher.hash(PasswordHasher.randomPassword());

    private final UserStore users;
    private final Clock clock;
    private final LoginLimiter limiter;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Authenticator(UserStore users, Clock clock) {
        this(users, clock, LoginLimiter.standard(clock));
    }

    public Authenticator(UserStore users, Clock clock, LoginLimiter limiter) {
        this.users = users;
        this.clock = clock;
        this.limiter = limiter;
    }

    private record Cached(User user, Instant until) {}

    /** The outcome of a check: the user, or none and how long to wait when rate-limited. */
    public record Outcome(Optional<User> user, Duration retryAfter) {
        public boolean limited() {
            return !retryAfter.isZero();
        }
    }

    /** The user for an {@code Authorization: Basic …} header value, if the credentials are right. */
    public Optional<User> basic(String authorizationHeader) {
        return basic(authorizationHeader, null).user();
    }

    /** As {@link #basic(String)}, counting a failure against the client {@code address} too (may be null). */
    public Outcome basic(String authorizationHeader, String address) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Outcome(Optional.empty(), Duration.ZERO);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Outcome(Optional.empty(), Duration.ZERO);
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return new Outcome(Optional.empty(), Duration.ZERO);
        }
        return login(decoded.substring(0, colon), decoded.substring(colon + 1), address);
    }

    public Optional<User> check(String username, String password) {
        return login(username, password, null).user();
    }

    /** Checks a sign-in; refused at once while the name or the address is rate-limited. */
    public Outcome login(String username, String password, String address) {
        // the limit first: a name under attack is refused even for a cached, right password
        Duration wait = limiter.retryAfter(username, address);
        if (!wait.isZero()) {
            return new Outcome(Optional.empty(), wait);
        }
        String key = digest(username + '\0' + password);
        Instant now = clock.instant();
        Cached hit = cache.get(key);
        if (hit != null && hit.until().isAfter(now)) {
            return new Outcome(Optional.of(hit.user()), Duration.ZERO);
        }
        Optional<UserStore.StoredUser> stored;
        try {
            stored = users.find(username);
        } catch (RuntimeException e) {
            if (hit != null) {
                // the database is down: credentials checked before stay good, so /health still answers
                return new Outcome(Optional.of(hit.user()), Duration.ZERO);
            }
            throw e;
        }
        // an unknown name costs the same slow hash as a wrong password: the timing tells no names
        String hash = stored.map(UserStore.StoredUser::passwordHash).orElse(UNKNOWN_USER_HASH);
        if (!PasswordHasher.verify(password, hash) || stored.isEmpty()) {
            limiter.failed(username, address);
            return new Outcome(Optional.empty(), Duration.ZERO);
        }
        limiter.succeeded(username);
        if (cache.size() >= CACHE_MAX) {
            cache.clear();
        }
        cache.put(key, new Cached(stored.get().user(), now.plus(CACHE_TTL)));
        return new Outcome(Optional.of(stored.get().user()), Duration.ZERO);
    }

    /** Forgets cached sign-ins of a user whose password, role or limits just changed. */
    public void forget(String username) {
        cache.values().removeIf(c -> c.user().username().equals(username));
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

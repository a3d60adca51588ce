package com.example.hotline.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions, in memory: a restart signs everyone out, which is acceptable for a desk and
 * keeps session secrets out of the database. A session ends after {@code idle} without a request,
 * {@code maximum} after sign-in, at sign-out, or when its user is changed by an administrator.
 * Thread-safe.
 */
public final class Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_SESSIONS = 10_000;

    private final Duration idle;
    private final Duration maximum;
    private final Clock clock;
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

    private record Entry(Session session, Instant lastSeen) {}

    public Sessions(Duration idle, Duration maximum, Clock clock) {
        this.idle = idle;
        this.maximum = maximum;
        this.clock = clock;
    }

    /** Two hours idle, twelve hours at most (one working shift). */
    public static Sessions standard(Clock clock) {
        return new Sessions(Duration.ofHours(2), Duration.ofHours(12), clock);
    }

    public Session create(User user) {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(e -> !alive(e, now));
        }
        Session s = new Session(token(), token(), user, now);
        sessions.put(s.id(), new Entry(s, now));
        return s;
    }

    /** The live session with this id, touching it; empty when unknown or expired. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Entry e = sessions.get(id);
        if (e == null) {
            return Optional.empty();
        }
        if (!alive(e, now)) {
            sessions.remove(id, e);
            return Optional.empty();
        }
        sessions.replace(id, e, new Entry(e.session(), now));
        return Optional.of(e.session());
    }

    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session of a user (password changed, role changed, locked out). */
    public void endAll(String username) {
        sessions.values().removeIf(e -> e.session().user().username().equals(username));
    }

    /** Compares a presented CSRF token with the session's in constant time. */
    public static boolean csrfMatches(Session s, String presented) {
        return presented != null && MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    private boolean alive(Entry e, Instant now) {
        return e.lastSeen().plus(idle).isAfter(now) && e.session().createdAt().plus(maximum).isAfter(now);
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}

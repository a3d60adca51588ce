package com.example.hotline.web;

import com.example.hotline.auth.Authenticator;
import com.example.hotline.auth.Session;
import com.example.hotline.auth.Sessions;
import com.example.hotline.auth.User;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is asking, and may they: the session cookie of a signed-in browser or HTTP Basic of a script.
 *
 * <p>CSRF: a request with a session cookie that changes something (POST, PUT, PATCH, DELETE) must
 * carry the session's token in {@code X-CSRF-Token}, else 403. HTTP Basic needs no token — a script
 * sends its credentials itself, which a forged cross-site request cannot do — but a browser can
 * replay Basic credentials it remembers, so a Basic request that changes something and that the
 * browser marks as coming from another site ({@code Origin} not this host, {@code Sec-Fetch-Site:
 * cross-site}) is refused too. The session cookie itself is {@code SameSite=Strict} and
 * {@code HttpOnly}. Thread-safe.
 */
final class Gate {

    static final String COOKIE = "hotline_session";

    private final Authenticator authenticator;
    private final Sessions sessions;
    private final boolean secureCookie;

    Gate(Authenticator authenticator, Sessions sessions, boolean secureCookie) {
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.secureCookie = secureCookie;
    }

    Authenticator authenticator() {
        return authenticator;
    }

    Sessions sessions() {
        return sessions;
    }

    /** Who asks: a user (with the session when it came with one), or the answer that refuses them. */
    record Admission(User user, Session session, Response refusal) {
        static Admission refused(Response r) {
            return new Admission(null, null, r);
        }
    }

    /**
     * Authenticates {@code in}; {@code page} says a browser without a session should be sent to the
     * sign-in page instead of getting 401.
     */
    Admission admit(Incoming in, boolean page) {
        Optional<Session> session = sessions.find(in.cookie(COOKIE));
        if (session.isPresent()) {
            if (in.stateChanging() && !Sessions.csrfMatches(session.get(), in.header("x-csrf-token"))) {
                return Admission.refused(Response.error(403,
                        "CSRF token missing or wrong: send the session's token in X-CSRF-Token"));
            }
            return new Admission(session.get().user(), session.get(), null);
        }
        String authorization = in.header("authorization");
        if (authorization != null) {
            Authenticator.Outcome o = authenticator.basic(authorization, in.address());
            if (o.limited()) {
                return Admission.refused(tooManyAttempts(o.retryAfter()));
            }
            if (o.user().isPresent()) {
                if (in.stateChanging() && in.crossSite()) {
                    return Admission.refused(Response.error(403, "cross-site request refused"));
                }
                return new Admission(o.user().get(), null, null);
            }
        }
        if (page && in.method().equals("GET")) {
            return Admission.refused(new Response(302, "text/plain; charset=utf-8", new byte[0],
                    Map.of("Location", "/login")));
        }
        return Admission.refused(unauthorized(in));
    }

    /** 401; only a script (not our own pages) is offered Basic, so a browser never pops up its dialog. */
    static Response unauthorized(Incoming in) {
        Response r = Response.error(401, "login required");
        if (in.fromOurPage()) {
            return r;
        }
        return new Response(401, r.contentType(), r.body(),
                Map.of("WWW-Authenticate", "Basic realm=\"hotline\", charset=\"UTF-8\""));
    }

    static Response tooManyAttempts(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new Response(429, "application/json; charset=utf-8",
                Json.bytes(Map.of("error", "too many failed sign-ins; try again in " + seconds + " s",
                        "retryAfterSeconds", seconds)),
                Map.of("Retry-After", Long.toString(seconds)));
    }

    /**
     * The Set-Cookie value that carries a new session: no Max-Age, so the browser forgets it when it
     * closes (a shared desk computer); the server ends it after its idle and maximum times anyway.
     */
    String sessionCookie(Session s) {
        return COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict" + (secureCookie ? "; Secure" : "");
    }

    /** The Set-Cookie value that makes the browser forget its session. */
    String clearedCookie() {
        return COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + (secureCookie ? "; Secure" : "");
    }

    /** A query value that tries to climb directories or carries a NUL: refused before any handler. */
    static String badParameter(Map<String, List<String>> query) {
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            for (String v : e.getValue()) {
                if (v.contains("../") || v.contains("..\\") || v.equals("..") || v.indexOf('\0') >= 0) {
                    return e.getKey();
                }
            }
        }
        return null;
    }
}

package com.example.hotline.web;

import com.example.hotline.auth.Authenticator;
import com.example.hotline.auth.Session;
import com.example.hotline.auth.User;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/login} (JSON {@code {username, password}}; sets the session cookie and answers
 * the CSRF token), {@code POST /api/logout} and {@code GET /api/session} (who is signed in, and the
 * CSRF token a page sends back). Runs on http-worker threads; thread-safe.
 */
final class SessionEndpoints {

    private static final Logger log = LoggerFactory.getLogger(SessionEndpoints.class);

    static final String LOGIN = "/api/login";
    static final String LOGOUT = "/api/logout";
    static final String SESSION = "/api/session";

    private final Gate gate;

    SessionEndpoints(Gate gate) {
        this.gate = gate;
    }

    /** The answer when {@code in} is one of these endpoints, else null. */
    Response handle(Incoming in) {
        return switch (in.path()) {
            case LOGIN -> in.method().equals("POST") ? login(in) : Response.error(405, "use POST");
            case LOGOUT -> in.method().equals("POST") ? logout(in) : Response.error(405, "use POST");
            case SESSION -> in.method().equals("GET") ? session(in) : Response.error(405, "use GET");
            default -> null;
        };
    }

    private Response login(Incoming in) {
        // JSON only: a cross-site form cannot send it without a CORS preflight this server never grants
        String type = in.header("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return Response.error(415, "send {\"username\": ..., \"password\": ...} as application/json");
        }
        if (in.crossSite()) {
            return Response.error(403, "cross-site request refused");
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(in.body());
        } catch (Exception e) {
            return Response.error(400, "body: not JSON");
        }
        String username = text(body, "username");
        String password = text(body, "password");
        if (username == null || password == null || username.length() > 64 || password.length() > 1024) {
            return Response.error(400, "username and password are required");
        }
        Authenticator.Outcome o = gate.authenticator().login(username, password, in.address());
        if (o.limited()) {
            log.warn("sign-in {}: refused, rate-limited (from {})", username, in.address());
            return Gate.tooManyAttempts(o.retryAfter());
        }
        if (o.user().isEmpty()) {
            log.info("sign-in {}: wrong name or password (from {})", username, in.address());
            return Response.error(401, "wrong user name or password");
        }
        gate.sessions().end(in.cookie(Gate.COOKIE)); // a new id at every sign-in: no session fixation
        Session s = gate.sessions().create(o.user().get());
        log.info("sign-in {}: session started (from {})", username, in.address());
        Response r = Response.json(view(s.user(), s));
        return new Response(200, r.contentType(), r.body(), Map.of("Set-Cookie", gate.sessionCookie(s)));
    }

    private Response logout(Incoming in) {
        Gate.Admission a = gate.admit(in, false);
        if (a.refusal() != null) {
            return a.refusal();
        }
        if (a.session() != null) {
            gate.sessions().end(a.session().id());
        }
        return new Response(200, "application/json; charset=utf-8", Json.bytes(Map.of("signedOut", true)),
                Map.of("Set-Cookie", gate.clearedCookie()));
    }

    private Response session(Incoming in) {
        Gate.Admission a = gate.admit(in, false);
        return a.refusal() != null ? a.refusal() : Response.jsonWithNulls(view(a.user(), a.session()));
    }

    static Map<String, Object> view(User u, Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", u.username());
        m.put("role", u.role());
        m.put("extension", u.extension());
        m.put("departments", u.departments());
        m.put("buildings", u.buildings());
        m.put("auth", s == null ? "basic" : "session");
        m.put("csrf", s == null ? null : s.csrf());
        return m;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body == null ? null : body.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}

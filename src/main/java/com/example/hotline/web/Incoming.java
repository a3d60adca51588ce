package com.example.hotline.web;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the HTTP layer knows of a request before it is authenticated: method, decoded path, query,
 * the headers that matter to authentication, body and the client's address. Copied off the Netty
 * message so that it can travel to a worker thread. Immutable.
 */
record Incoming(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                byte[] body, String address) {

    private static final List<String> KEPT = List.of("authorization", "cookie", "origin", "host", "sec-fetch-site",
            "x-csrf-token", "x-requested-with", "content-type", "range");

    Incoming {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        headers = h;
    }

    static Map<String, String> keep(HttpHeaders all) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : KEPT) {
            String v = all.get(name);
            if (v != null) {
                h.put(name, v);
            }
        }
        return h;
    }

    String header(String name) {
        return headers.get(name);
    }

    /** The value of a cookie, or null. */
    String cookie(String name) {
        String raw = header("cookie");
        if (raw == null) {
            return null;
        }
        for (Cookie c : ServerCookieDecoder.STRICT.decode(raw)) {
            if (c.name().equals(name)) {
                return c.value();
            }
        }
        return null;
    }

    /** POST, PUT, PATCH, DELETE: requests that change something. */
    boolean stateChanging() {
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }

    /** A browser's own page asking (our pages set {@code X-Requested-With}), not a script. */
    boolean fromOurPage() {
        return header("x-requested-with") != null;
    }

    /**
     * True when a browser says the request comes from another site: an {@code Origin} whose host is
     * not this server's {@code Host}, or {@code Sec-Fetch-Site: cross-site}.
     */
    boolean crossSite() {
        String site = header("sec-fetch-site");
        if (site != null && site.equalsIgnoreCase("cross-site")) {
            return true;
        }
        String origin = header("origin");
        if (origin == null) {
            return false;
        }
        if (origin.equals("null")) {
            return true;
        }
        String host = header("host");
        int scheme = origin.indexOf("://");
        return host == null || scheme < 0 || !origin.substring(scheme + 3).equalsIgnoreCase(host);
    }

    /**
     * A path that tries to climb out of where it points or smuggles separators: a {@code .} or
     * {@code ..} segment, a backslash, an empty segment or a control character (after decoding).
     */
    boolean suspiciousPath() {
        if (path.indexOf('\\') >= 0 || path.contains("//")) {
            return true;
        }
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) < 0x20 || path.charAt(i) == 0x7f) {
                return true;
            }
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}

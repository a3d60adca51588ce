package com.example.hotline.web;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Method + path routes: exact paths, and templates whose {@code {name}} segments each match one
 * non-empty path segment ({@code /api/callbacks/{id}/done}). An exact path wins over a template;
 * templates are tried in the order they were added. Built once at start, then read-only and
 * thread-safe.
 */
public final class Router {

    /**
     * Who may reach a route: {@code USER} any signed-in user (401 otherwise), {@code PAGE} a web page
     * for signed-in users (a browser without a session is sent to the sign-in page), {@code PUBLIC}
     * everyone (the sign-in page and its assets).
     */
    public enum Access { USER, PAGE, PUBLIC }

    /** A handler found for a request, with the values of its template's path parameters. */
    record Match(Handler handler, Map<String, String> pathParams, Access access) {}

    private record Route(Handler handler, Access access) {}

    private record Template(String[] segments, Map<String, Route> byMethod) {}

    private final Map<String, Map<String, Route>> routes = new HashMap<>();
    private final Map<String, Template> templates = new LinkedHashMap<>();

    /** A route for signed-in users. */
    public Router add(String method, String path, Handler handler) {
        return add(method, path, handler, Access.USER);
    }

    public Router add(String method, String path, Handler handler, Access access) {
        Route route = new Route(handler, access);
        if (path.contains("{")) {
            templates.computeIfAbsent(path, p -> new Template(p.split("/", -1), new HashMap<>()))
                    .byMethod().put(method, route);
        } else {
            routes.computeIfAbsent(path, p -> new HashMap<>()).put(method, route);
        }
        return this;
    }

    /**
     * Wraps every handler already added for {@code path} (each method) with {@code wrapper}, keeping
     * its access; for checks that concern all of a resource's routes (who may touch a ticket).
     */
    public Router wrap(String path, java.util.function.UnaryOperator<Handler> wrapper) {
        Map<String, Route> byMethod = path.contains("{") ? templates.get(path) == null ? null
                : templates.get(path).byMethod() : routes.get(path);
        if (byMethod == null) {
            throw new IllegalArgumentException("no routes for " + path);
        }
        byMethod.replaceAll((method, r) -> new Route(wrapper.apply(r.handler()), r.access()));
        return this;
    }

    /** The handler, or null; {@link #allowed} tells 404 from 405. */
    Handler find(String method, String path) {
        Match m = match(method, path);
        return m == null ? null : m.handler();
    }

    /** The handler and path parameters, or null; {@link #allowed} tells 404 from 405. */
    Match match(String method, String path) {
        Map<String, Route> exact = routes.get(path);
        if (exact != null) {
            Route r = exact.get(method);
            return r == null ? null : new Match(r.handler(), Map.of(), r.access());
        }
        String[] segments = path.split("/", -1);
        for (Template t : templates.values()) {
            Map<String, String> params = bind(t, segments);
            if (params != null) {
                Route r = t.byMethod().get(method);
                return r == null ? null : new Match(r.handler(), params, r.access());
            }
        }
        return null;
    }

    Set<String> allowed(String path) {
        Map<String, Route> byMethod = routes.get(path);
        if (byMethod == null) {
            String[] segments = path.split("/", -1);
            for (Template t : templates.values()) {
                if (bind(t, segments) != null) {
                    byMethod = t.byMethod();
                    break;
                }
            }
        }
        return byMethod == null ? Set.of() : new TreeSet<>(byMethod.keySet());
    }

    private static Map<String, String> bind(Template t, String[] segments) {
        if (segments.length != t.segments().length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String want = t.segments()[i];
            if (want.startsWith("{") && want.endsWith("}")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                params.put(want.substring(1, want.length() - 1), segments[i]);
            } else if (!want.equals(segments[i])) {
                return null;
            }
        }
        return params;
    }
}

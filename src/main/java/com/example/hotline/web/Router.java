package com.example.hotline.web;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Exact method + path routes. Built once at start, then read-only and thread-safe. */
public final class Router {

    private final Map<String, Map<String, Handler>> routes = new HashMap<>();

    public Router add(String method, String path, Handler handler) {
        routes.computeIfAbsent(path, p -> new HashMap<>()).put(method, handler);
        return this;
    }

    /** The handler, or null; {@link #allowed} tells 404 from 405. */
    Handler find(String method, String path) {
        Map<String, Handler> byMethod = routes.get(path);
        return byMethod == null ? null : byMethod.get(method);
    }

    Set<String> allowed(String path) {
        Map<String, Handler> byMethod = routes.get(path);
        return byMethod == null ? Set.of() : new TreeSet<>(byMethod.keySet());
    }
}

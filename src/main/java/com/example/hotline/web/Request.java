package com.example.hotline.web;

import com.example.hotline.auth.User;
import java.util.List;
import java.util.Map;

/** An authenticated API request as handlers see it. Immutable. */
public record Request(String method, String path, Map<String, List<String>> query, byte[] body, User user) {

    /** The single value of a query parameter, or null. */
    public String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}

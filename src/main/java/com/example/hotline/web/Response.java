package com.example.hotline.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A handler's answer. Immutable. */
public record Response(int status, String contentType, byte[] body) {

    public static Response json(Object value) {
        return new Response(200, "application/json; charset=utf-8", Json.bytes(value));
    }

    public static Response text(int status, String contentType, String body) {
        return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** An error answer: {@code {"error": message}}. */
    public static Response error(int status, String message) {
        return new Response(status, "application/json; charset=utf-8", Json.bytes(Map.of("error", message)));
    }
}

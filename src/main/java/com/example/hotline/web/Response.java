package com.example.hotline.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A handler's answer, with any headers of its own (Content-Disposition of a download). A file answer
 * ({@code file} not null) is sent from the file, {@code length} bytes from {@code offset}, without
 * reading it into memory; its {@code body} is empty. Immutable.
 */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers, FilePart file) {

    /** A part of a file to send as the body. */
    public record FilePart(java.nio.file.Path path, long offset, long length) {}

    public Response {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, null);
    }

    public Response(int status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of());
    }

    /** {@code length} bytes of {@code path} from {@code offset}. */
    public static Response file(int status, String contentType, java.nio.file.Path path, long offset, long length,
                                Map<String, String> headers) {
        return new Response(status, contentType, new byte[0], headers, new FilePart(path, offset, length));
    }

    public static Response json(Object value) {
        return new Response(200, "application/json; charset=utf-8", Json.bytes(value));
    }

    /** A JSON answer that writes null values ({@code "signOff": null}) instead of leaving them out. */
    public static Response jsonWithNulls(Object value) {
        return new Response(200, "application/json; charset=utf-8", Json.bytesWithNulls(value));
    }

    public static Response text(int status, String contentType, String body) {
        return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same answer with another status (201 Created, 202 Accepted). */
    public Response withStatus(int newStatus) {
        return new Response(newStatus, contentType, body);
    }

    /** An error answer: {@code {"error": message}}. */
    public static Response error(int status, String message) {
        return new Response(status, "application/json; charset=utf-8", Json.bytes(Map.of("error", message)));
    }
}

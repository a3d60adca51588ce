package com.example.hotline.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's JSON body read field by field; a wrong type is a {@link BadRequestException} naming the
 * field. An empty body reads as an empty object. Immutable.
 */
final class JsonBody {

    private final JsonNode node;

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            return n == null || n.isMissingNode() || n.isNull() ? null : n;
        } catch (IOException e) {
            throw new BadRequestException("body: not JSON");
        }
    }

    /** The body as a JSON object (absent = empty). */
    static JsonBody object(byte[] body) {
        return object(parse(body), "body");
    }

    static JsonBody object(JsonNode n, String what) {
        if (n == null) {
            return new JsonBody(Json.MAPPER.createObjectNode());
        }
        if (!n.isObject()) {
            throw new BadRequestException(what + ": must be a JSON object");
        }
        return new JsonBody(n);
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    String text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadRequestException(field + ": must be a string");
        }
        return v.asText();
    }

    Boolean bool(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new BadRequestException(field + ": must be true or false");
        }
        return v.asBoolean();
    }

    Long id(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 1) {
            throw new BadRequestException(field + ": must be a positive whole number");
        }
        return v.asLong();
    }

    /** An ISO date-time with offset ({@code 2026-11-24T09:00:00+08:00}). */
    Instant instant(String field) {
        String v = text(field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.strip()).toInstant();
        } catch (DateTimeException e) {
            throw new BadRequestException(field + ": '" + v + "' is not an ISO date-time with offset "
                    + "(2026-11-24T09:00:00+08:00)");
        }
    }

    List<String> texts(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new BadRequestException(field + ": must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new BadRequestException(field + ": must be an array of strings");
            }
            out.add(e.asText());
        }
        return out;
    }
}

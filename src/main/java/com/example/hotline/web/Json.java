package com.example.hotline.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;

/** The JSON mappers of the API: ISO-8601 times, nulls omitted (or, on request, written). Thread-safe. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** The same, but writing nulls: for answers whose empty fields are the point (the ledger). */
    static final ObjectMapper WITH_NULLS = MAPPER.copy().setSerializationInclusion(JsonInclude.Include.ALWAYS);

    private Json() {}

    static byte[] bytes(Object value) {
        return bytes(MAPPER, value);
    }

    static byte[] bytesWithNulls(Object value) {
        return bytes(WITH_NULLS, value);
    }

    private static byte[] bytes(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}

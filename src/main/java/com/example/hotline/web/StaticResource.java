package com.example.hotline.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A bundled asset (no CDN) served from the classpath, read once at start. Immutable. */
public final class StaticResource implements Handler {

    private final Response response;

    public StaticResource(String classpathName, String contentType) {
        try (InputStream in = StaticResource.class.getResourceAsStream(classpathName)) {
            if (in == null) {
                throw new IllegalStateException("bundled asset missing: " + classpathName);
            }
            this.response = new Response(200, contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled asset " + classpathName, e);
        }
    }

    @Override
    public Response handle(Request request) {
        return response;
    }
}

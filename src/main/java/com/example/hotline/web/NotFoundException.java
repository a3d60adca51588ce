package com.example.hotline.web;

/** What the request names does not exist (or no longer has what was asked for): answered 404 with the message. */
public final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}

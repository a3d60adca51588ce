package com.example.hotline.web;

/** The signed-in user may not do or see this: answered 403 with the message. */
public final class ForbiddenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super(message);
    }
}

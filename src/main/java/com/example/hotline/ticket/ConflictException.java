package com.example.hotline.ticket;

/**
 * The request does not fit the state things are in (a step not allowed from the ticket's status, no
 * technician free): HTTP 409, with a message saying what is allowed.
 */
public final class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}

package com.example.hotline.ticket;

/** Something named by the request (ticket, department, technician) does not exist: HTTP 404. */
public final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}

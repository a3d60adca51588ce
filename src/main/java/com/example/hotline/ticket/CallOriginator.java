package com.example.hotline.ticket;

/**
 * Places the follow-up call of a ticket: rings the agent's extension and, when the agent answers,
 * calls the owner's number, recorded like every hotline call. Implemented over AMI Originate by the
 * PBX integration. Thread-safe; may block briefly while the PBX accepts the request.
 */
public interface CallOriginator {

    /**
     * Originates a call from {@code extension} to {@code number} for ticket {@code ticketNo}; returns
     * the PBX's id of the attempt (for the ticket's step and to find the call later).
     *
     * @throws Failed when the PBX is unreachable or refuses the call
     */
    String originate(String extension, String number, String ticketNo);

    /** The call could not be placed; the message says why (shown to the agent). */
    final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

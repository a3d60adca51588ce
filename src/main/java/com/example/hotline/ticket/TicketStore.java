package com.example.hotline.ticket;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Where tickets are kept. Implemented over PostgreSQL by the store package. Thread-safe; every method
 * blocks and may throw {@link com.example.hotline.call.CallStore.StoreUnavailableException}.
 */
public interface TicketStore {

    /**
     * The ticket of an arriving call, in one transaction: the call's ticket if it already has one
     * (the same arrival retried), else the open ticket of the same number created within
     * {@code repeatWindow} (the call is attached to it), else a new ticket numbered in the month of
     * {@code arrival.at()} in {@code zone}. Withheld and non-normalising numbers never attach.
     */
    Opened openForCall(Arrival arrival, Duration repeatWindow, ZoneId zone);

    /**
     * {@link #openForCall} for several arrivals, in order, in one transaction: all are opened or none
     * (an arrival later in the list sees the tickets of those before it, so two calls of one number in
     * one batch still make one ticket).
     */
    List<Opened> openForCalls(List<Arrival> arrivals, Duration repeatWindow, ZoneId zone);

    /** The outcome of {@link #openForCall}: the ticket and how the call joined it. */
    record Opened(Ticket ticket, String how) {
        public boolean created() {
            return "created".equals(how);
        }
    }

    Optional<Ticket> byNumber(String ticketNo);

    Optional<Ticket> byCall(String linkedId);

    /** Tickets matching the filter, newest first. */
    List<Ticket> search(TicketFilter filter);

    /** Open tickets of a phone (normal form), newest first, for the agent's screen. */
    List<Ticket> openByPhone(String phoneNorm, int limit);

    /** Every ticket of a phone (normal form), newest first: the caller's history. */
    List<Ticket> historyByPhone(String phoneNorm, int limit);

    /**
     * Moves a call out of its ticket into a new one of its own (the agent says the repeat call is a
     * different matter); the new ticket copies the caller fields. Empty when the call has no ticket.
     */
    Optional<Ticket> split(String linkedId, String byUser, Instant at, ZoneId zone);

    /**
     * Makes {@code recorder} the recorder of the call's ticket when it has none yet (the agent who
     * answered); returns whether it changed.
     */
    boolean recordAnswer(String linkedId, String recorder, Instant at);

    /**
     * A call that ended unanswered: its ticket, when still without a kind, becomes a {@code callback}
     * ticket (the desk calls the owner back). Returns the ticket's number when it changed.
     */
    Optional<String> markMissed(String linkedId, Instant at);

    /** Sets the fields an agent fills during the call; null leaves a field as it is. */
    Optional<Ticket> fill(String ticketNo, TicketFields fields, String byUser, Instant at);
}

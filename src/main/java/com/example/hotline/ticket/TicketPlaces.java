package com.example.hotline.ticket;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The department and building of tickets by number, in one look-up: what narrows lists that name
 * tickets (overdue tickets, the audit's tickets and sampled orders) for a person limited to some
 * departments or buildings. Implementations are thread-safe and block on the database.
 */
public interface TicketPlaces {

    /** Where a ticket belongs; either may be null. */
    record Place(String department, String building) {}

    /** The place of each known ticket of {@code ticketNos}; unknown numbers are absent. */
    Map<String, Place> of(Collection<String> ticketNos);

    /** The place of the ticket of dispatch order {@code orderId}; empty for an unknown order. */
    Optional<Place> ofOrder(long orderId);
}

package com.example.hotline.ticket;

import java.util.List;

/** A ticket with its whole life: the steps in order and its dispatch orders, oldest first. Immutable. */
public record TicketFile(Ticket ticket, List<TicketStep> steps, List<DispatchOrder> orders) {

    public TicketFile {
        steps = List.copyOf(steps);
        orders = List.copyOf(orders);
    }

    /** The order a technician is working on (not confirmed, cancelled or replaced), or null. */
    public DispatchOrder openOrder() {
        return orders.stream().filter(o -> OPEN_ORDER.contains(o.status())).reduce((a, b) -> b).orElse(null);
    }

    /** Statuses of an order still being worked on. */
    public static final java.util.Set<String> OPEN_ORDER = java.util.Set.of("dispatched", "arrived", "started",
            "finished", "rescheduled");
}

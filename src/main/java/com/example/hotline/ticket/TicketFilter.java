package com.example.hotline.ticket;

import java.time.Instant;

/**
 * A search of the ledger: creation time in [from, to), phone (a part of the number as received or
 * its normal form), status ({@code open} for every open status, a status name, or null for all),
 * and a page.
 */
public record TicketFilter(Instant from, Instant to, String phone, String status, int limit, int offset) {}

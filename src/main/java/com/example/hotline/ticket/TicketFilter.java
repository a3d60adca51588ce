package com.example.hotline.ticket;

import com.example.hotline.call.CallScope;
import java.time.Instant;

/**
 * A search of the ledger: creation time in [from, to), phone (a part of the number as received or
 * its normal form), status ({@code open} for every open status, a status name, or null for all),
 * and a page. {@code scope}: the departments and buildings a limited quality user may see (an
 * extension scope does not narrow tickets). Immutable.
 */
public record TicketFilter(Instant from, Instant to, String phone, String status, int limit, int offset,
                           CallScope scope) {

    public TicketFilter {
        scope = scope == null ? CallScope.ALL : scope;
    }

    /** A search over the whole ledger. */
    public TicketFilter(Instant from, Instant to, String phone, String status, int limit, int offset) {
        this(from, to, phone, status, limit, offset, CallScope.ALL);
    }
}

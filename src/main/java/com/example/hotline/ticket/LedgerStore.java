package com.example.hotline.ticket;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The ledger's reads and the daily sign-offs. Implemented over PostgreSQL by the store package.
 * Thread-safe; every method blocks and may throw
 * {@link com.example.hotline.call.CallStore.StoreUnavailableException}.
 */
public interface LedgerStore {

    /** Every ticket created in [from, to), oldest first (number order within the same moment). */
    List<Ticket> createdBetween(Instant from, Instant to);

    Optional<SignOff> signOff(LocalDate day);

    /** Stores the sign-off of its day; false (and nothing stored) when the day is already signed. */
    boolean sign(SignOff signOff);
}

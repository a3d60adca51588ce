package com.example.hotline.bench;

import com.example.hotline.ticket.Arrival;
import com.example.hotline.ticket.Ticket;
import com.example.hotline.ticket.TicketFields;
import com.example.hotline.ticket.TicketFilter;
import com.example.hotline.ticket.TicketStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** A {@link TicketStore} that hands every call to another; subclasses time the ones they care about. */
abstract class ForwardingTicketStore implements TicketStore {

    private final TicketStore delegate;

    ForwardingTicketStore(TicketStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Opened openForCall(Arrival arrival, Duration repeatWindow, ZoneId zone) {
        return delegate.openForCall(arrival, repeatWindow, zone);
    }

    @Override
    public List<Opened> openForCalls(List<Arrival> arrivals, Duration repeatWindow, ZoneId zone) {
        return delegate.openForCalls(arrivals, repeatWindow, zone);
    }

    @Override
    public Optional<Ticket> byNumber(String ticketNo) {
        return delegate.byNumber(ticketNo);
    }

    @Override
    public Optional<Ticket> byCall(String linkedId) {
        return delegate.byCall(linkedId);
    }

    @Override
    public List<Ticket> search(TicketFilter filter) {
        return delegate.search(filter);
    }

    @Override
    public List<Ticket> openByPhone(String phoneNorm, int limit) {
        return delegate.openByPhone(phoneNorm, limit);
    }

    @Override
    public List<Ticket> historyByPhone(String phoneNorm, int limit) {
        return delegate.historyByPhone(phoneNorm, limit);
    }

    @Override
    public Optional<Ticket> split(String linkedId, String byUser, Instant at, ZoneId zone) {
        return delegate.split(linkedId, byUser, at, zone);
    }

    @Override
    public boolean recordAnswer(String linkedId, String recorder, Instant at) {
        return delegate.recordAnswer(linkedId, recorder, at);
    }

    @Override
    public Optional<String> markMissed(String linkedId, Instant at) {
        return delegate.markMissed(linkedId, at);
    }

    @Override
    public Optional<Ticket> fill(String ticketNo, TicketFields fields, String byUser, Instant at) {
        return delegate.fill(ticketNo, fields, byUser, at);
    }
}

package com.example.hotline.ami;

import com.example.hotline.call.ChannelState;
import com.example.hotline.call.PbxEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.DialStateEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.MixMonitorStartEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.ShutdownEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns asterisk-java manager events into {@link PbxEvent}s, or null for events the tracker does not
 * use. Times come from the event's {@code Timestamp} header (PBX clock); only when the PBX does not
 * send one ({@code timestampevents = no}) is the receive time used, with one warning. Thread-safe.
 */
public final class AmiEventTranslator {

    private static final Logger log = LoggerFactory.getLogger(AmiEventTranslator.class);

    private final Clock clock;
    private final AtomicBoolean warnedNoTimestamp = new AtomicBoolean();
    private final AtomicBoolean warnedBadTimestamp = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong incomplete = new java.util.concurrent.atomic.AtomicLong();

    public AmiEventTranslator(Clock clock) {
        this.clock = clock;
    }

    /**
     * The tracker's event for {@code event}, or null when it is not one the tracker follows or when it
     * lacks the ids the tracker needs (a damaged event is counted and dropped, never half-applied).
     */
    public PbxEvent translate(ManagerEvent event) {
        PbxEvent e = build(event);
        if (e == null || complete(e)) {
            return e;
        }
        long n = incomplete.incrementAndGet();
        if (n == 1 || n % 1000 == 0) {
            log.warn("AMI {} without the ids a call needs (linkedid {}), dropped; {} such events so far",
                    event.getClass().getSimpleName(), e.linkedId(), n);
        }
        return null;
    }

    /** Events dropped because an id was missing. */
    public long incompleteEvents() {
        return incomplete.get();
    }

    private static boolean complete(PbxEvent e) {
        if (e instanceof PbxEvent.PbxShutdown) {
            return true;
        }
        if (blank(e.linkedId())) {
            return false;
        }
        if (e instanceof PbxEvent.DialBegan d) {
            return !blank(d.uniqueId()) && !blank(d.destUniqueId());
        }
        if (e instanceof PbxEvent.DialProgress d) {
            return !blank(d.destUniqueId());
        }
        String uniqueId = e instanceof PbxEvent.ChannelCreated c ? c.uniqueId()
                : e instanceof PbxEvent.ChannelStateChanged c ? c.uniqueId()
                : e instanceof PbxEvent.ChannelBridged c ? c.uniqueId()
                : e instanceof PbxEvent.ChannelHungUp c ? c.uniqueId()
                : e instanceof PbxEvent.RecordingStarted c ? c.uniqueId()
                : "(not a channel event)";
        return !blank(uniqueId);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private PbxEvent build(ManagerEvent event) {
        Class<?> type = event.getClass();
        if (type == NewChannelEvent.class) {
            NewChannelEvent e = (NewChannelEvent) event;
            return new PbxEvent.ChannelCreated(at(e), e.getLinkedid(), e.getUniqueId(), e.getChannel(),
                    e.getCallerIdNum(), e.getCallerIdName(), e.getContext(), e.getExten(),
                    ChannelState.of(e.getChannelState()));
        }
        if (type == NewStateEvent.class) {
            NewStateEvent e = (NewStateEvent) event;
            return new PbxEvent.ChannelStateChanged(at(e), e.getLinkedId(), e.getUniqueId(), e.getChannel(),
                    ChannelState.of(e.getChannelState()));
        }
        // DialBegin arrives twice from asterisk-java: as the legacy DialEvent and as DialBeginEvent.
        // Only the concrete class counts, so the dial is seen once.
        if (type == DialBeginEvent.class) {
            DialBeginEvent e = (DialBeginEvent) event;
            return new PbxEvent.DialBegan(at(e), e.getLinkedId(), e.getUniqueId(), e.getDestUniqueId(),
                    e.getDestChannel());
        }
        if (type == DialStateEvent.class) {
            DialStateEvent e = (DialStateEvent) event;
            return new PbxEvent.DialProgress(at(e), linked(e.getLinkedId(), e.getDestLinkedId()), e.getUniqueId(),
                    e.getDestUniqueId(), e.getDestChannel(), e.getDialStatus(), false);
        }
        if (type == DialEndEvent.class) {
            DialEndEvent e = (DialEndEvent) event;
            return new PbxEvent.DialProgress(at(e), linked(e.getLinkedId(), e.getDestLinkedId()), e.getUniqueId(),
                    e.getDestUniqueId(), e.getDestChannel(), e.getDialStatus(), true);
        }
        if (type == BridgeEnterEvent.class) {
            BridgeEnterEvent e = (BridgeEnterEvent) event;
            return new PbxEvent.ChannelBridged(at(e), e.getLinkedId(), e.getUniqueId(), e.getBridgeUniqueId());
        }
        if (type == HangupEvent.class) {
            HangupEvent e = (HangupEvent) event;
            return new PbxEvent.ChannelHungUp(at(e), e.getLinkedId(), e.getUniqueId(), e.getChannel(),
                    e.getCause() == null ? 0 : e.getCause(), e.getCauseTxt());
        }
        if (type == ShutdownEvent.class) {
            ShutdownEvent e = (ShutdownEvent) event;
            return new PbxEvent.PbxShutdown(at(e), Boolean.TRUE.equals(e.getRestart()));
        }
        if (type == MixMonitorStartEvent.class) {
            MixMonitorStartEvent e = (MixMonitorStartEvent) event;
            return new PbxEvent.RecordingStarted(at(e), e.getLinkedId(), e.getUniqueId());
        }
        return null;
    }

    /** One line of a CoreShowChannels listing. */
    public PbxEvent.ChannelSnapshot snapshot(CoreShowChannelEvent e) {
        return new PbxEvent.ChannelSnapshot(e.getLinkedid(), e.getUniqueid(), e.getChannel(), e.getCallerIdNum(),
                e.getCallerIdName(), ChannelState.of(e.getChannelState()), e.getContext(), e.getExtension(),
                parseDuration(e.getDuration()), e.getBridgeid());
    }

    Instant at(ManagerEvent e) {
        Double ts = e.getTimestamp();
        if (ts == null) {
            if (warnedNoTimestamp.compareAndSet(false, true)) {
                log.warn("AMI events carry no Timestamp (manager.conf timestampevents = no): ring times fall "
                        + "back to receive times and lose precision");
            }
            return clock.instant();
        }
        // a damaged Timestamp (NaN, infinite, before 2000 or past 2200) is as good as none
        if (ts.isNaN() || ts < 946_684_800d || ts > 7_258_118_400d) {
            if (warnedBadTimestamp.compareAndSet(false, true)) {
                log.warn("AMI {} with an impossible Timestamp {}: receive time used instead (logged once)",
                        e.getClass().getSimpleName(), ts);
            }
            return clock.instant();
        }
        long micros = Math.round(ts * 1_000_000d);
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
    }

    private static String linked(String linkedId, String destLinkedId) {
        return linkedId != null && !linkedId.isEmpty() ? linkedId : destLinkedId;
    }

    /** CoreShowChannel's Duration is HH:MM:SS. */
    static long parseDuration(String d) {
        if (d == null || d.isBlank()) {
            return 0;
        }
        long total = 0;
        for (String part : d.trim().split(":")) {
            try {
                total = total * 60 + Long.parseLong(part);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return total;
    }
}

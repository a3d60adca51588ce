package com.example.hotline.call;

import com.example.hotline.call.PbxEvent.ChannelBridged;
import com.example.hotline.call.PbxEvent.ChannelCreated;
import com.example.hotline.call.PbxEvent.ChannelHungUp;
import com.example.hotline.call.PbxEvent.ChannelSnapshot;
import com.example.hotline.call.PbxEvent.ChannelStateChanged;
import com.example.hotline.call.PbxEvent.DialBegan;
import com.example.hotline.call.PbxEvent.DialProgress;
import com.example.hotline.call.PbxEvent.HotlineEntered;
import com.example.hotline.call.PbxEvent.RecordingStarted;
import java.time.Instant;

/**
 * How each PBX event changes a call in memory: who is the caller, when the first phone rang, who
 * answered first, when legs and the call ended, and what a channel listing adds after a gap. Pure
 * state changes on {@link Call}, no I/O; used by {@link CallTracker} on its thread only.
 */
final class CallEvents {

    private final String hotlineContext;
    private final String hotlineExten;

    CallEvents(String hotlineContext, String hotlineExten) {
        this.hotlineContext = hotlineContext;
        this.hotlineExten = hotlineExten;
    }

    void apply(Call call, PbxEvent event) {
        if (event instanceof ChannelCreated e) {
            Call.Leg leg = call.leg(e.uniqueId(), e.channel());
            leg.createdAt = Call.earliest(leg.createdAt, e.at());
            if (leg.role == LegRecord.Role.CALLER) {
                call.uniqueId = e.uniqueId();
                call.caller = e.callerNum();
                call.callerName = e.callerName();
                call.startedAt = Call.earliest(call.startedAt, e.at());
                if (hotlineContext.equals(e.context()) && hotlineExten.equals(e.exten())) {
                    call.hotline = true;
                }
            }
            onState(call, leg, e.state(), e.at());
        } else if (event instanceof ChannelStateChanged e) {
            onState(call, call.leg(e.uniqueId(), e.channel()), e.state(), e.at());
        } else if (event instanceof DialBegan e) {
            Call.Leg dest = call.leg(e.destUniqueId(), e.destChannel());
            if (dest.role != LegRecord.Role.CALLER) {
                dest.role = LegRecord.Role.DIALED;
            }
        } else if (event instanceof DialProgress e) {
            Call.Leg dest = call.leg(e.destUniqueId(), e.destChannel());
            if (dest.role != LegRecord.Role.CALLER) {
                dest.role = LegRecord.Role.DIALED;
            }
            if ("RINGING".equals(e.status())) {
                ringing(call, dest, e.at());
            } else if (e.end()) {
                dest.dialStatus = e.status();
                if ("ANSWER".equals(e.status())) {
                    answered(call, dest, e.at());
                }
            }
        } else if (event instanceof ChannelBridged e) {
            call.leg(e.uniqueId(), null);
        } else if (event instanceof ChannelHungUp e) {
            Call.Leg leg = call.leg(e.uniqueId(), e.channel());
            leg.endedAt = e.at();
            leg.hangupCause = e.cause();
            if (leg.role == LegRecord.Role.CALLER) {
                call.hangupCause = e.cause();
                call.hangupCauseText = e.causeText();
            }
            if (call.allLegsEnded()) {
                call.endedAt = e.at();
                if (call.hangupCause == null) {
                    call.hangupCause = e.cause();
                    call.hangupCauseText = e.causeText();
                }
            }
        } else if (event instanceof RecordingStarted e) {
            call.leg(e.uniqueId(), null);
        } else if (event instanceof HotlineEntered e) {
            call.hotline = true;
            call.route = "agi";
            call.routedTo = e.routedTo();
            if (e.recordingFile() != null && !e.recordingFile().isEmpty()) {
                call.recordingFile = e.recordingFile();
            }
            if (call.caller == null) {
                call.caller = e.callerNum();
                call.callerName = e.callerName();
                call.uniqueId = e.uniqueId();
            }
            call.leg(e.uniqueId(), null);
        } else if (event instanceof PbxEvent.CdrReported e) {
            reconcile(call, e);
        }
    }

    private void onState(Call call, Call.Leg leg, ChannelState state, Instant at) {
        if (state == ChannelState.RINGING) {
            ringing(call, leg, at);
        } else if (state == ChannelState.UP) {
            if (leg.answeredAt == null) {
                leg.answeredAt = at;
            }
            if (leg.role != LegRecord.Role.CALLER) {
                answered(call, leg, at);
            }
        }
    }

    private void ringing(Call call, Call.Leg leg, Instant at) {
        leg.ringingAt = Call.earliest(leg.ringingAt, at);
        call.firstRingAt = Call.earliest(call.firstRingAt, at);
    }

    /** A phone the call was offered to picked up: the first one is who answered. */
    private void answered(Call call, Call.Leg leg, Instant at) {
        leg.answeredAt = Call.earliest(leg.answeredAt, at);
        if (leg.endpoint == null) {
            return; // a Local channel goes Up when what it dialled answers: plumbing, never the person
        }
        if (!call.answered || (call.answeredAt != null && at.isBefore(call.answeredAt))) {
            call.answered = true;
            call.answeredAt = at;
            call.answeredBy = leg.endpoint;
        }
    }

    /**
     * What the PBX's CDR says of a call whose events may have been missed: fills in what is unknown
     * (caller, start, who answered and when) and ends it at the latest end of its records (one per phone
     * dialled) instead of the moment a resync noticed it had gone. Never invents a ring time.
     */
    void reconcile(Call call, PbxEvent.CdrReported c) {
        call.resynced = true;
        call.hotline = true;
        if (call.caller == null) {
            call.caller = c.callerNum();
            call.uniqueId = c.uniqueId();
        }
        if (call.startedAt == null) {
            call.startedAt = c.startedAt();
        }
        Call.Leg caller = call.leg(c.uniqueId(), null);
        if (caller.createdAt == null) {
            caller.createdAt = c.startedAt();
        }
        if (!c.answeredBy().isEmpty() && !call.answered) {
            call.answered = true;
            call.answeredBy = c.answeredBy();
            if (call.answeredAt == null) {
                call.answeredAt = c.answeredAt();
            }
        }
        boolean closedByGap = call.hangupCauseText == null || call.hangupCauseText.startsWith("ended while the AMI");
        if (call.endedAt == null || closedByGap) {
            // a call has one record per phone dialled: it ended with the last of them
            call.cdrEnd = call.cdrEnd == null || c.at().isAfter(call.cdrEnd) ? c.at() : call.cdrEnd;
            call.endedAt = call.cdrEnd;
            for (Call.Leg leg : call.legs.values()) {
                if (leg.endedAt == null || leg.endedAt.isAfter(call.cdrEnd)) {
                    leg.endedAt = call.cdrEnd;
                }
            }
        }
        if (closedByGap) {
            call.hangupCauseText = "ended while the AMI connection was down (PBX CDR: " + c.disposition() + ")";
        }
    }

    /**
     * Adds what the channel list knows and the call lacks. Events that arrived right after the list
     * may already have been applied (they race it through the queue), so known legs still get their
     * missing facts filled in; nothing already known is overwritten.
     */
    void rejoin(Call call, ChannelSnapshot ch, Instant at) {
        boolean known = call.legs.containsKey(ch.uniqueId());
        Call.Leg leg = call.leg(ch.uniqueId(), ch.channel());
        if (!known) {
            call.resynced = true;
        }
        if (leg.createdAt == null) {
            leg.createdAt = at.minusSeconds(Math.max(0, ch.ageSeconds()));
        }
        if (leg.role == LegRecord.Role.CALLER) {
            if (call.caller == null) {
                call.resynced = true;
                call.uniqueId = ch.uniqueId();
                call.caller = ch.callerNum();
                call.callerName = ch.callerName();
            }
            if (call.startedAt == null) {
                call.startedAt = leg.createdAt;
            }
            if (hotlineContext.equals(ch.context()) && hotlineExten.equals(ch.exten())) {
                call.hotline = true;
            }
            return;
        }
        leg.role = LegRecord.Role.DIALED;
        if (ch.state() == ChannelState.RINGING && leg.ringingAt == null) {
            call.resynced = true; // it started ringing while we were not listening: ring start unknown
        }
        if (ch.state() == ChannelState.UP && !call.answered && leg.endpoint != null) {
            // answered while we were not listening: who is known, when is not
            call.resynced = true;
            call.answered = true;
            call.answeredBy = leg.endpoint;
        }
    }
}

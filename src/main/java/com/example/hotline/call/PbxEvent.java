package com.example.hotline.call;

import java.time.Instant;
import java.util.List;

/**
 * What the call tracker learns from the PBX, independent of the AMI library. {@code at} is the
 * PBX's own timestamp of the event (AMI {@code Timestamp}), never the time the server read it.
 * All records are immutable.
 */
public sealed interface PbxEvent {

    Instant at();

    /** The call this event belongs to (Asterisk's Linkedid). */
    String linkedId();

    /** A channel was created (Newchannel). */
    record ChannelCreated(Instant at, String linkedId, String uniqueId, String channel, String callerNum,
                          String callerName, String context, String exten, ChannelState state)
            implements PbxEvent {}

    /** A channel changed state (Newstate): Ringing and Up matter for ring time. */
    record ChannelStateChanged(Instant at, String linkedId, String uniqueId, String channel, ChannelState state)
            implements PbxEvent {}

    /** The dialplan started dialling {@code destUniqueId} on behalf of {@code uniqueId} (DialBegin). */
    record DialBegan(Instant at, String linkedId, String uniqueId, String destUniqueId, String destChannel)
            implements PbxEvent {}

    /** Progress of a dial attempt (DialState, e.g. RINGING) or its end (DialEnd, e.g. ANSWER, BUSY). */
    record DialProgress(Instant at, String linkedId, String uniqueId, String destUniqueId, String destChannel,
                        String status, boolean end) implements PbxEvent {}

    /** A channel entered a bridge (BridgeEnter). */
    record ChannelBridged(Instant at, String linkedId, String uniqueId, String bridgeId) implements PbxEvent {}

    /** A channel hung up (Hangup) with its Q.850 cause. */
    record ChannelHungUp(Instant at, String linkedId, String uniqueId, String channel, int cause, String causeText)
            implements PbxEvent {}

    /** MixMonitor started recording a channel (MixMonitorStart). */
    record RecordingStarted(Instant at, String linkedId, String uniqueId) implements PbxEvent {}

    /**
     * The FastAGI hotline script saw the call enter the hotline and decided where it rings. {@code at}
     * is the server's clock here, as AGI carries no PBX timestamp.
     */
    record HotlineEntered(Instant at, String linkedId, String uniqueId, String callerNum, String callerName,
                          List<String> routedTo, String recordingFile) implements PbxEvent {}

    /**
     * The PBX is shutting down (AMI Shutdown, sent after it hung up every channel): the calls it cut
     * end here, whatever cause their hangups carried.
     */
    record PbxShutdown(Instant at, boolean restart) implements PbxEvent {
        @Override
        public String linkedId() {
            return "";
        }
    }

    /**
     * The PBX's call detail record of a hotline call (its cdr_csv file), read after an AMI gap: what the
     * PBX says happened to a call whose events may have been missed. {@code at} is the record's end;
     * {@code answeredBy} the phone that answered (empty when nobody or the PBX itself answered). Times
     * have whole seconds only.
     */
    record CdrReported(Instant at, String linkedId, String uniqueId, String callerNum, Instant startedAt,
                       Instant answeredAt, String disposition, String answeredBy) implements PbxEvent {}

    /**
     * The complete list of channels alive on the PBX (CoreShowChannels) after a (re)connect; calls the
     * tracker believes open but absent from it ended while events were not received.
     * {@code requestedAfterSequence} is the {@link CallEventQueue} sequence number of the last event
     * queued before the list was requested: a call with a later event is alive whatever the list says.
     */
    record Resync(Instant at, long requestedAfterSequence, List<ChannelSnapshot> channels) implements PbxEvent {
        @Override
        public String linkedId() {
            return "";
        }
    }

    /** One channel as listed by CoreShowChannels. */
    record ChannelSnapshot(String linkedId, String uniqueId, String channel, String callerNum, String callerName,
                           ChannelState state, String context, String exten, long ageSeconds, String bridgeId) {}
}

package com.example.hotline.audit;

import java.time.Instant;
import java.util.List;

/**
 * The recordings side of the audit, for one range: every phone ticket with the recordings of its
 * calls, and every recording without a ticket. Today it is read from what the PBX told the call
 * tracker it records ({@code calls.recording_file}); the recording index (issue 5) plugs in here with
 * its own implementation and {@link #indexed} true. Implementations are thread-safe and block on I/O.
 */
public interface RecordingCheck {

    /** Where the recordings side comes from, for the page and the report. */
    String source();

    /** True when recordings are read from the recording index (files checked, named, graded). */
    boolean indexed();

    /** Phone tickets created in [from, to), oldest first, with the recordings of their calls. */
    List<TicketRecordings> phoneTickets(Instant from, Instant to);

    /** Recordings of calls that started in [from, to) and belong to no ticket, oldest first. */
    List<UnticketedRecording> withoutTicket(Instant from, Instant to);

    /** Hotline calls that started in [from, to) and how many of them have a recording. */
    Coverage coverage(Instant from, Instant to);

    /** Hotline calls and those recorded. */
    record Coverage(long calls, long recorded) {}

    /** A phone ticket, its calls and their recordings (empty: none found — a finding). */
    record TicketRecordings(String ticketNo, Instant createdAt, List<Long> callIds, List<String> recordings) {
        public TicketRecordings {
            callIds = List.copyOf(callIds);
            recordings = List.copyOf(recordings);
        }
    }

    /** A recording with no ticket, and the reason that explains it (null: none — a finding). */
    record UnticketedRecording(long callId, String caller, Instant startedAt, String recording, String reason) {}
}

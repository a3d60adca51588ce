package com.example.hotline.ticket;

import java.time.Instant;

/**
 * A dispatch order as stored: the department and technician sent, how he was chosen
 * ({@code rotation} or {@code explicit}), what the technician is given (owner, phone, address as at
 * dispatch, content, the owner's request, warranty, charge consent), its status and each step's
 * time and user. {@code arriveDue}/{@code startDue} are its C10 deadlines. Immutable.
 */
public record DispatchOrder(long id, long ticketId, String department, long technicianId, String technicianName,
        String how, String skill, String ownerName, String ownerPhone, String building, String room, String content,
        String ownerRequest, String warranty, Boolean chargeConsent, String status,
        Instant dispatchedAt, String dispatchedBy, Instant arriveDue, Instant arrivedAt, String arrivedBy,
        Instant startDue, Instant startedAt, String startedBy, Instant finishedAt, String finishedBy,
        Instant rescheduledTo, String ownerConsent, Instant rescheduledAt, String rescheduledBy,
        Instant confirmedAt, String confirmedBy, Instant endedAt, String endedBy, String endReason) {}

package com.example.hotline.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where departments, technicians, dispatch orders and the steps of tickets are kept. Every step is
 * one transaction writing the ticket, its order and a ticket_steps row with who and when. Unknown
 * things are {@link NotFoundException}, steps not allowed now {@link ConflictException}, bad values
 * IllegalArgumentException. Thread-safe; every method blocks.
 */
public interface LifecycleStore {

    List<Department> departments();

    /** Creates the department or renames it. */
    Department putDepartment(String code, String name);

    /** Technicians of a department (null: all), by id. */
    List<Technician> technicians(String department);

    Technician addTechnician(NewTechnician t);

    /** Changes the non-null fields; empty when there is no such technician. */
    Optional<Technician> updateTechnician(long id, NewTechnician change);

    /**
     * Dispatches a ticket: locks it and the department, picks the technician (round robin or the one
     * named), creates the order, sets the ticket's receiver, department and receiving time if unset.
     */
    TicketFile dispatch(String ticketNo, DispatchRequest request, String by, Instant at);

    /** Any other step of the life of a ticket (see {@link Lifecycle}). */
    TicketFile advance(String ticketNo, Lifecycle.Action action, StepInput input, String by, Instant at);

    Optional<TicketFile> file(String ticketNo);

    /** Writes a step that does not change the ticket's status (a follow-up call placed, ...). */
    TicketFile note(String ticketNo, String step, java.util.Map<String, Object> detail, String by, Instant at);

    /**
     * A follow-up call was placed: links the call ({@code linkedId}) to the ticket as a follow-up and
     * writes the {@code callback} step with {@code detail}, in one transaction.
     */
    TicketFile followUpPlaced(String ticketNo, String linkedId, java.util.Map<String, Object> detail, String by,
            Instant at);

    /**
     * Deadlines missed at {@code now}: open tickets past their due time whose work is not done, orders
     * whose technician is not on site by arrive_due, or has not started by start_due; most late first.
     * {@code unescalatedOnly} leaves out those already escalated.
     */
    List<Overdue> overdue(Instant now, boolean unescalatedOnly, int limit);

    /** Writes the {@code escalated} step of a missed deadline once; returns whether it was new. */
    boolean escalate(Overdue o, Instant at);
}

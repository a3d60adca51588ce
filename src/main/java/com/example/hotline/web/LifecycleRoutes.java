package com.example.hotline.web;

import com.example.hotline.ticket.CallOriginator;
import com.example.hotline.ticket.ConflictException;
import com.example.hotline.ticket.Department;
import com.example.hotline.ticket.DispatchOrder;
import com.example.hotline.ticket.DispatchRequest;
import com.example.hotline.ticket.Lifecycle;
import com.example.hotline.ticket.LifecycleStore;
import com.example.hotline.ticket.NewTechnician;
import com.example.hotline.ticket.NotFoundException;
import com.example.hotline.ticket.Overdue;
import com.example.hotline.ticket.StepInput;
import com.example.hotline.ticket.Technician;
import com.example.hotline.ticket.Ticket;
import com.example.hotline.ticket.TicketFile;
import com.example.hotline.ticket.TicketStep;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API of the life of a ticket: departments and technicians to set up a desk, the ticket with
 * its steps and dispatch orders, every step (dispatch, arrived, started, finished, rescheduled,
 * confirmed, follow-up, cancel, close), the overdue list and the follow-up call. Each step is done
 * by the signed-in user at the server's clock. Bad input is 400, an unknown ticket, department or
 * technician 404, a step the ticket's status does not allow 409. Stateless; handlers run on
 * http-worker threads.
 */
public final class LifecycleRoutes {

    private static final Logger log = LoggerFactory.getLogger(LifecycleRoutes.class);
    private static final Pattern TICKET_NO = Pattern.compile("[0-9]{4}-[0-9]{4,9}");
    private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,10}");

    private final LifecycleStore store;
    private final ZoneId zone;
    private final Clock clock;

    private LifecycleRoutes(LifecycleStore store, ZoneId zone, Clock clock) {
        this.store = store;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * Adds the routes to {@code router}. {@code originator} places follow-up calls; when null (a server
     * without a PBX) {@code POST /api/tickets/{no}/callback} is not registered.
     */
    public static Router register(Router router, LifecycleStore store, CallOriginator originator, ZoneId zone,
            Clock clock) {
        LifecycleRoutes r = new LifecycleRoutes(store, zone, clock);
        router.add("GET", "/api/departments", guard(req -> Response.json(r.departments())))
                .add("PUT", "/api/departments", guard(r::putDepartments))
                .add("GET", "/api/technicians", guard(r::technicians))
                .add("POST", "/api/technicians", guard(r::addTechnician))
                .add("PUT", "/api/technicians/{id}", guard(r::updateTechnician))
                .add("GET", "/api/tickets/overdue", guard(r::overdue))
                .add("GET", "/api/tickets/{no}", guard(r::ticket))
                .add("POST", "/api/tickets/{no}/dispatch", guard(r::dispatch))
                .add("POST", "/api/tickets/{no}/arrived", guard(req -> r.step(req, Lifecycle.Action.ARRIVE)))
                .add("POST", "/api/tickets/{no}/started", guard(req -> r.step(req, Lifecycle.Action.START)))
                .add("POST", "/api/tickets/{no}/finished", guard(req -> r.step(req, Lifecycle.Action.FINISH)))
                .add("POST", "/api/tickets/{no}/rescheduled", guard(req -> r.step(req, Lifecycle.Action.RESCHEDULE)))
                .add("POST", "/api/tickets/{no}/confirmed", guard(req -> r.step(req, Lifecycle.Action.CONFIRM)))
                .add("POST", "/api/tickets/{no}/followup", guard(r::followUp))
                .add("POST", "/api/tickets/{no}/cancel", guard(req -> r.step(req, Lifecycle.Action.CANCEL)))
                .add("POST", "/api/tickets/{no}/close", guard(req -> r.step(req, Lifecycle.Action.CLOSE)));
        if (originator != null) {
            router.add("POST", "/api/tickets/{no}/callback", guard(req -> r.callback(req, originator)));
        }
        return router;
    }

    /** Maps the ticket package's failures to HTTP: 404, 409, and 400 for bad values. */
    static Handler guard(Handler h) {
        return req -> {
            try {
                return h.handle(req);
            } catch (NotFoundException e) {
                return Response.error(404, e.getMessage());
            } catch (ConflictException e) {
                return Response.error(409, e.getMessage());
            } catch (IllegalArgumentException e) {
                return Response.error(400, e.getMessage());
            }
        };
    }

    // ---- departments and technicians

    private List<Map<String, Object>> departments() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Department d : store.departments()) {
            out.add(view(d));
        }
        return out;
    }

    /** {@code PUT /api/departments}: one {code, name} or an array of them, created or renamed; never deleted. */
    private Response putDepartments(Request r) {
        JsonNode body = JsonBody.parse(r.body());
        if (body == null) {
            throw new BadRequestException("body: required, {\"code\": ..., \"name\": ...} or an array of them");
        }
        List<Department> wanted = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(items::add);
        } else {
            items.add(body);
        }
        for (JsonNode item : items) {
            JsonBody b = JsonBody.object(item, "department");
            wanted.add(Department.of(b.text("code"), b.text("name")));
        }
        for (Department d : wanted) {
            store.putDepartment(d.code(), d.name());
            log.info("department {} ({}) saved by {}", d.code(), d.name(), r.user().username());
        }
        return Response.json(departments());
    }

    private Response technicians(Request r) {
        String department = r.param("department");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Technician t : store.technicians(department == null || department.isBlank() ? null : department.strip())) {
            out.add(view(t, clock.instant()));
        }
        return Response.json(out);
    }

    private Response addTechnician(Request r) {
        Technician t = store.addTechnician(technician(JsonBody.object(r.body())).requireComplete());
        log.info("technician {} ({}, {}) added by {}", t.id(), t.name(), t.department(), r.user().username());
        return new Response(201, "application/json; charset=utf-8", Json.bytes(view(t, clock.instant())));
    }

    private Response updateTechnician(Request r) {
        long id = id(r.pathParam("id"));
        NewTechnician change = technician(JsonBody.object(r.body()));
        return store.updateTechnician(id, change)
                .map(t -> {
                    log.info("technician {} ({}) changed by {}: out {}, until {}, skills {}, active {}", t.id(),
                            t.name(), r.user().username(), t.out(), t.outUntil(), t.skills(), t.active());
                    return Response.json(view(t, clock.instant()));
                })
                .orElseGet(() -> Response.error(404, "no technician " + id));
    }

    private static NewTechnician technician(JsonBody b) {
        return new NewTechnician(b.text("name"), b.text("department"), b.texts("skills"), b.bool("out"),
                b.instant("outUntil"), b.bool("active"));
    }

    private static long id(String v) {
        try {
            long id = Long.parseLong(v == null ? "" : v);
            if (id < 1) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new BadRequestException("id: '" + v + "' is not a technician id");
        }
    }

    // ---- tickets

    private static String ticketNo(Request r) {
        String no = r.pathParam("no");
        if (no == null || !TICKET_NO.matcher(no).matches()) {
            throw new BadRequestException("no: '" + no + "' is not a ticket number (YYMM-NNNN)");
        }
        return no;
    }

    private Response ticket(Request r) {
        String no = ticketNo(r);
        return store.file(no).map(f -> Response.json(view(f)))
                .orElseGet(() -> Response.error(404, "no ticket " + no));
    }

    private Response dispatch(Request r) {
        String no = ticketNo(r);
        JsonBody b = JsonBody.object(r.body());
        DispatchRequest d = new DispatchRequest(b.text("department"), b.text("skill"), b.id("technicianId"),
                b.text("content"), b.text("ownerRequest"), b.text("warranty"), b.bool("chargeConsent"),
                Boolean.TRUE.equals(b.bool("replace")));
        TicketFile f = store.dispatch(no, d, r.user().username(), clock.instant());
        DispatchOrder o = f.openOrder();
        log.info("ticket {}: dispatched by {} to {} technician {} ({}), order {}", no, r.user().username(),
                o.department(), o.technicianId(), o.technicianName(), o.id());
        return Response.json(view(f));
    }

    private Response step(Request r, Lifecycle.Action action) {
        String no = ticketNo(r);
        JsonBody b = JsonBody.object(r.body());
        StepInput in = new StepInput(b.instant("to"), b.text("ownerConsent"), b.text("note"), b.text("reason"));
        TicketFile f = store.advance(no, action, in, r.user().username(), clock.instant());
        log.info("ticket {}: {} by {}, now {}", no, action.step(), r.user().username(), f.ticket().status());
        return Response.json(view(f));
    }

    private Response followUp(Request r) {
        JsonBody b = JsonBody.object(r.body());
        Boolean satisfied = b.bool("satisfied");
        if (satisfied == null) {
            throw new BadRequestException("satisfied: required, true (closes the ticket) or false (reopens it)");
        }
        return step(r, satisfied ? Lifecycle.Action.SATISFIED : Lifecycle.Action.UNSATISFIED);
    }

    private Response overdue(Request r) {
        Instant now = clock.instant();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Overdue o : store.overdue(now, false, Params.integer(r, "limit", 500, 1, 1000))) {
            out.add(view(o, now));
        }
        return Response.json(out);
    }

    private Response callback(Request r, CallOriginator originator) {
        String no = ticketNo(r);
        String extension = JsonBody.object(r.body()).text("extension");
        if (extension == null || !EXTENSION.matcher(extension.strip()).matches()) {
            throw new BadRequestException("extension: required, the agent's extension (2-10 digits)");
        }
        extension = extension.strip();
        Ticket t = store.file(no).orElseThrow(() -> new NotFoundException("no ticket " + no)).ticket();
        if (t.phoneNorm() == null) {
            throw new ConflictException("ticket " + no + " has no number to call back (caller ID "
                    + t.callerIdStatus().dbName() + ")");
        }
        String id;
        try {
            id = originator.originate(extension, t.phoneNorm(), no);
        } catch (CallOriginator.Failed e) {
            log.warn("ticket {}: follow-up call from {} failed: {}", no, extension, e.getMessage());
            return Response.error(502, "the call could not be placed: " + e.getMessage());
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("extension", extension);
        detail.put("number", t.phoneNorm());
        detail.put("callId", id);
        TicketFile f = store.followUpPlaced(no, id, detail, r.user().username(), clock.instant());
        log.info("ticket {}: follow-up call {} from {} placed by {}", no, id, extension, r.user().username());
        return Response.json(Map.of("callId", id, "ticket", view(f)));
    }

    // ---- views

    private OffsetDateTime time(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, zone);
    }

    private static Map<String, Object> view(Department d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", d.code());
        m.put("name", d.name());
        m.put("lastTechnicianId", d.lastTechnicianId());
        return m;
    }

    private Map<String, Object> view(Technician t, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("department", t.department());
        m.put("skills", t.skills());
        m.put("out", t.outAt(now));
        m.put("outUntil", t.out() ? time(t.outUntil()) : null);
        m.put("active", t.active());
        return m;
    }

    /** The ticket with its ledger fields, its steps and its dispatch orders, oldest first. */
    Map<String, Object> view(TicketFile f) {
        Ticket t = f.ticket();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ticketNo", t.ticketNo());
        m.put("createdAt", time(t.createdAt()));
        m.put("source", t.source());
        m.put("phone", t.phone());
        m.put("phoneNorm", t.phoneNorm());
        m.put("callerIdStatus", t.callerIdStatus().dbName());
        m.put("name", t.name());
        m.put("building", t.building());
        m.put("room", t.room());
        m.put("matter", t.matter());
        m.put("kind", t.kind());
        m.put("complaintValid", t.complaintValid());
        m.put("severity", t.severity());
        m.put("recorder", t.recorder());
        m.put("receiver", t.receiver());
        m.put("department", t.department());
        m.put("receivedAt", time(t.receivedAt()));
        m.put("status", t.status());
        m.put("dueAt", time(t.dueAt()));
        m.put("closedAt", time(t.closedAt()));
        m.put("callIds", t.callIds());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (TicketStep s : f.steps()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("step", s.step());
            v.put("at", time(s.at()));
            v.put("by", s.byUser());
            v.put("detail", s.detail().isEmpty() ? null : s.detail());
            steps.add(v);
        }
        m.put("steps", steps);
        List<Map<String, Object>> orders = new ArrayList<>();
        for (DispatchOrder o : f.orders()) {
            orders.add(view(o));
        }
        m.put("orders", orders);
        return m;
    }

    private Map<String, Object> view(DispatchOrder o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("status", o.status());
        m.put("department", o.department());
        m.put("technicianId", o.technicianId());
        m.put("technician", o.technicianName());
        m.put("how", o.how());
        m.put("skill", o.skill());
        m.put("ownerName", o.ownerName());
        m.put("ownerPhone", o.ownerPhone());
        m.put("building", o.building());
        m.put("room", o.room());
        m.put("content", o.content());
        m.put("ownerRequest", o.ownerRequest());
        m.put("warranty", o.warranty());
        m.put("chargeConsent", o.chargeConsent());
        m.put("dispatchedAt", time(o.dispatchedAt()));
        m.put("dispatchedBy", o.dispatchedBy());
        m.put("arriveDue", time(o.arriveDue()));
        m.put("arrivedAt", time(o.arrivedAt()));
        m.put("arrivedBy", o.arrivedBy());
        m.put("startDue", time(o.startDue()));
        m.put("startedAt", time(o.startedAt()));
        m.put("startedBy", o.startedBy());
        m.put("finishedAt", time(o.finishedAt()));
        m.put("finishedBy", o.finishedBy());
        m.put("rescheduledTo", time(o.rescheduledTo()));
        m.put("ownerConsent", o.ownerConsent());
        m.put("rescheduledAt", time(o.rescheduledAt()));
        m.put("rescheduledBy", o.rescheduledBy());
        m.put("confirmedAt", time(o.confirmedAt()));
        m.put("confirmedBy", o.confirmedBy());
        m.put("endedAt", time(o.endedAt()));
        m.put("endedBy", o.endedBy());
        m.put("endReason", o.endReason());
        return m;
    }

    private Map<String, Object> view(Overdue o, Instant now) {
        Duration late = o.late(now);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ticketNo", o.ticketNo());
        m.put("deadline", o.deadline());
        m.put("dueAt", time(o.dueAt()));
        m.put("lateSeconds", late.toSeconds());
        m.put("lateMinutes", late.toMinutes());
        m.put("status", o.status());
        m.put("severity", o.severity());
        m.put("department", o.department());
        m.put("orderId", o.orderId());
        m.put("technicianId", o.technicianId());
        m.put("technician", o.technicianName());
        m.put("message", o.what());
        return m;
    }
}

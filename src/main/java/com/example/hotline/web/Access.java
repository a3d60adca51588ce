package com.example.hotline.web;

import com.example.hotline.auth.User;
import com.example.hotline.call.CallRecord;
import com.example.hotline.call.CallScope;
import com.example.hotline.ticket.Ticket;
import com.example.hotline.ticket.TicketPlaces;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Who may do what, in one place: routes limited to some roles, and which calls a user may see
 * (an agent their own extension's, limited quality staff their departments' and buildings').
 * Stateless.
 */
public final class Access {

    private Access() {}

    /** {@code handler} for users of the given roles only; 403 for the others. */
    public static Handler roles(Handler handler, String... roles) {
        Set<String> allowed = Set.of(roles);
        return request -> {
            if (request.user() == null || !allowed.contains(request.user().role())) {
                throw new ForbiddenException("role " + (request.user() == null ? "(none)" : request.user().role())
                        + " may not do this; needs " + String.join(" or ", allowed.stream().sorted().toList()));
            }
            return handler.handle(request);
        };
    }

    /** Admin and quality staff only. */
    public static Handler supervisors(Handler handler) {
        return roles(handler, User.ADMIN, User.QUALITY);
    }

    /**
     * {@code handler} of a ticket route ({@code {no}}) for users who may reach that ticket: quality
     * staff limited to some departments or buildings get 403 for the others' tickets (an unknown ticket
     * is left to the handler's 404).
     */
    public static Handler ticketReach(Handler handler, Function<String, Optional<Ticket>> tickets) {
        return request -> {
            User u = request.user();
            if (u != null && u.limited()) {
                Optional<Ticket> t = tickets.apply(request.pathParam("no"));
                if (t.isPresent() && !u.mayView(t.get().department(), t.get().building())) {
                    throw new ForbiddenException("ticket " + t.get().ticketNo()
                            + " is outside your departments and buildings");
                }
            }
            return handler.handle(request);
        };
    }

    /**
     * The tickets {@code u} may see in lists: limited quality staff their departments' and buildings';
     * everyone else the whole ledger (the front desk works every ticket).
     */
    public static CallScope ticketScope(User u) {
        return u.limited() ? CallScope.places(u.departments(), u.buildings()) : CallScope.ALL;
    }

    /** 403 for quality staff limited to some departments or buildings: {@code what} concerns the whole desk. */
    public static void requireWholeDesk(User u, String what) {
        if (u.limited()) {
            throw new ForbiddenException(what + " concerns the whole desk; you are limited to some departments "
                    + "or buildings");
        }
    }

    /**
     * Keeps of {@code items} those whose ticket ({@code ticketNo}) {@code u} may see: all for users
     * without limits, else only tickets of their departments and buildings (one look-up for all; an
     * item without a ticket is dropped).
     */
    public static <T> List<T> withinReach(User u, List<T> items, Function<T, String> ticketNo, TicketPlaces places) {
        if (!u.limited() || items.isEmpty()) {
            return items;
        }
        Set<String> numbers = new HashSet<>();
        items.forEach(i -> {
            if (ticketNo.apply(i) != null) {
                numbers.add(ticketNo.apply(i));
            }
        });
        Map<String, TicketPlaces.Place> where = places.of(numbers);
        List<T> out = new ArrayList<>();
        for (T i : items) {
            TicketPlaces.Place p = ticketNo.apply(i) == null ? null : where.get(ticketNo.apply(i));
            if (p != null && u.mayView(p.department(), p.building())) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * {@code handler} of a list of tickets (a JSON array of objects with {@code ticketNo}, such as the
     * overdue tickets) narrowed for limited quality staff to the tickets within their reach; the page
     * size ({@code limit}, default 500) is filled from up to 1,000 rows before narrowing.
     */
    public static Handler ticketRows(Handler handler, TicketPlaces places) {
        return request -> {
            User u = request.user();
            if (u == null || !u.limited()) {
                return handler.handle(request);
            }
            int limit = Params.integer(request, "limit", 500, 1, 1000);
            Map<String, List<String>> query = new java.util.HashMap<>(request.query());
            query.put("limit", List.of("1000"));
            Response all = handler.handle(new Request(request.method(), request.path(), query, request.body(), u,
                    request.pathParams(), request.contentType(), request.headers(), request.client(),
                    request.sessionTag()));
            if (all.status() != 200 || all.file() != null) {
                return all;
            }
            JsonNode rows;
            try {
                rows = Json.MAPPER.readTree(all.body());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("a ticket list that is not JSON", e);
            }
            if (!rows.isArray()) {
                return all;
            }
            List<JsonNode> items = new ArrayList<>();
            rows.forEach(items::add);
            List<JsonNode> kept = withinReach(u, items, n -> n.hasNonNull("ticketNo") ? n.get("ticketNo").asText()
                    : null, places);
            return Response.json(kept.subList(0, Math.min(limit, kept.size())));
        };
    }

    /** The calls {@code u} may see. */
    public static CallScope callScope(User u) {
        if (u.is(User.AGENT)) {
            return u.extension() == null ? CallScope.NONE : CallScope.extension(u.extension());
        }
        return u.limited() ? CallScope.places(u.departments(), u.buildings()) : CallScope.ALL;
    }

    /** Throws 403 unless {@code u} may see this call, whose ticket is of {@code department}/{@code building}. */
    public static void requireCall(User u, CallRecord call, String department, String building) {
        boolean ok = u.is(User.AGENT) ? u.ownsCall(call.answeredBy(), call.legs().stream()
                .filter(l -> l.answeredAt() != null && l.endpoint() != null).map(l -> l.endpoint()).toList())
                : u.mayView(department, building);
        if (!ok) {
            throw new ForbiddenException(u.is(User.AGENT) ? "an agent sees only the calls of extension "
                    + (u.extension() == null ? "(none linked)" : u.extension())
                    : "this call is outside your departments and buildings");
        }
    }
}

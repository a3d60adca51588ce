package com.example.hotline.web;

import com.example.hotline.auth.User;
import com.example.hotline.call.CallRecord;
import com.example.hotline.call.CallScope;
import com.example.hotline.ticket.Ticket;
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

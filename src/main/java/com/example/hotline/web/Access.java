package com.example.hotline.web;

import com.example.hotline.auth.User;
import com.example.hotline.call.CallRecord;
import com.example.hotline.call.CallScope;
import java.util.Set;

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

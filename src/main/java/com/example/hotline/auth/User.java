package com.example.hotline.auth;

import java.util.List;
import java.util.Set;

/**
 * A signed-in person: name, role ({@code admin}, {@code quality}, {@code agent}), an agent's own
 * extension, and the departments and buildings a quality user is limited to (both empty: the whole
 * desk). Immutable.
 */
public record User(long id, String username, String role, String extension, List<String> departments,
                   List<String> buildings) {

    public static final String ADMIN = "admin";
    public static final String QUALITY = "quality";
    public static final String AGENT = "agent";
    public static final Set<String> ROLES = Set.of(ADMIN, QUALITY, AGENT);

    public User {
        departments = departments == null ? List.of() : List.copyOf(departments);
        buildings = buildings == null ? List.of() : List.copyOf(buildings);
    }

    /** A user with no extension and no limits. */
    public User(long id, String username, String role) {
        this(id, username, role, null, List.of(), List.of());
    }

    public boolean is(String r) {
        return role.equals(r);
    }

    /** Admin and quality staff: the desk's supervisors. */
    public boolean supervisor() {
        return is(ADMIN) || is(QUALITY);
    }

    /** True when this user's view is limited to some departments or buildings (quality staff only). */
    public boolean limited() {
        return is(QUALITY) && !(departments.isEmpty() && buildings.isEmpty());
    }

    /**
     * Whether a ticket or call of {@code department} in {@code building} is within this user's reach:
     * admins see everything, quality staff everything unless limited, agents nothing by this rule (they
     * see their own calls, see {@link #ownsCall}).
     */
    public boolean mayView(String department, String building) {
        if (is(ADMIN) || (is(QUALITY) && !limited())) {
            return true;
        }
        if (!is(QUALITY)) {
            return false;
        }
        return (department != null && departments.contains(department))
                || (building != null && buildings.contains(building));
    }

    /**
     * An agent's own call: one the agent took part in — answered at their extension, or joined there
     * (a transfer). A call that only rang there is not theirs: they never heard it.
     */
    public boolean ownsCall(String answeredBy, List<String> answeredEndpoints) {
        return extension != null && (extension.equals(answeredBy) || answeredEndpoints.contains(extension));
    }
}

package com.example.hotline.call;

import java.util.List;

/**
 * Which calls a person may see: everything, the calls one extension took part in (answered there or
 * joined there by a transfer: an agent), or the calls whose ticket belongs to some departments or
 * buildings (limited quality staff). Immutable.
 */
public record CallScope(String extension, List<String> departments, List<String> buildings, boolean nothing) {

    public static final CallScope ALL = new CallScope(null, List.of(), List.of(), false);
    public static final CallScope NONE = new CallScope(null, List.of(), List.of(), true);

    public CallScope {
        departments = departments == null ? List.of() : List.copyOf(departments);
        buildings = buildings == null ? List.of() : List.copyOf(buildings);
    }

    public static CallScope extension(String extension) {
        return new CallScope(extension, List.of(), List.of(), false);
    }

    public static CallScope places(List<String> departments, List<String> buildings) {
        return new CallScope(null, departments, buildings, false);
    }

    public boolean all() {
        return !nothing && extension == null && departments.isEmpty() && buildings.isEmpty();
    }
}

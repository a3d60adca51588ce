package com.example.hotline.routing;

import java.util.List;
import java.util.Optional;

/**
 * Where routing settings, the extension registry, routing decisions and transfer violations are kept
 * (PostgreSQL, implemented by the store package). Thread-safe; every method blocks and throws an
 * unchecked exception when the database fails.
 */
public interface RoutingStore {

    /** The stored settings, or empty before anyone saved them. */
    Optional<Settings> loadSettings();

    void saveSettings(Settings settings);

    List<Extension> extensions();

    void saveExtension(Extension extension);

    void saveDecision(CallRouting decision);

    void saveViolation(Violation violation);

    List<Violation> violations(int limit);

    /** Everything an administrator sets about routing, saved as one unit. */
    record Settings(OfficeHours hours, HoursMode mode, List<String> afterHoursTargets, int afterHoursRingSeconds) {
        public Settings {
            afterHoursTargets = List.copyOf(afterHoursTargets);
        }
    }
}

package com.example.hotline.directory;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resident/customer directory, looked up by caller ID. Implemented over PostgreSQL by the store
 * package. Thread-safe; every method blocks.
 */
public interface Directory {

    /**
     * The entry for a caller ID as the PBX gave it (any form: {@code +86 138-0013-8000},
     * {@code 0086…}, a landline with or without area code); empty when the number does not normalise
     * or is not in the directory.
     */
    Optional<DirectoryEntry> lookup(String callerId);

    /**
     * {@link #lookup} for several caller IDs at once: the entry of each caller ID that has one, keyed
     * by the caller ID as given (absent when it does not normalise or is not in the directory).
     */
    default Map<String, DirectoryEntry> lookupAll(Collection<String> callerIds) {
        Map<String, DirectoryEntry> found = new HashMap<>();
        for (String callerId : callerIds) {
            lookup(callerId).ifPresent(e -> found.put(callerId, e));
        }
        return found;
    }

    /** Every entry of the same household (same building and room), the given one included. */
    List<DirectoryEntry> household(String building, String room);
}

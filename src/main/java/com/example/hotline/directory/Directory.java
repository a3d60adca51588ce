package com.example.hotline.directory;

import java.util.List;
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

    /** Every entry of the same household (same building and room), the given one included. */
    List<DirectoryEntry> household(String building, String room);
}

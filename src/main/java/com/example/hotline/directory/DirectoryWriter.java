package com.example.hotline.directory;

import java.util.List;

/** Writes directory entries. Implemented over PostgreSQL by the store package. Thread-safe; blocks. */
public interface DirectoryWriter {

    /** How many entries an upsert inserted, changed, and found already as given. */
    record Upserted(int inserted, int updated, int unchanged) {}

    /**
     * Inserts each entry, or replaces the entry of the same phone (normal form) when there is one, all
     * or nothing. The entries' phones must be distinct and normalised.
     */
    Upserted upsert(List<DirectoryEntry> entries);
}

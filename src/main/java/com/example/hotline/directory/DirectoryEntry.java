package com.example.hotline.directory;

import java.util.Map;

/**
 * One phone number of the directory and who answers it: {@code phone} in normal form
 * ({@link PhoneNumbers#normalise}), {@code phoneRaw} as it was imported, the household's building and
 * room (either may be null), and any further columns of the import.
 */
public record DirectoryEntry(String phone, String phoneRaw, String name, String building, String room,
        Map<String, String> extra) {

    public DirectoryEntry {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}

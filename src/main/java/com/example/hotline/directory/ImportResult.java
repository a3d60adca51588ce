package com.example.hotline.directory;

import java.util.List;

/**
 * What an import did: {@code read} data rows (the header and blank lines not counted), of which
 * {@code inserted} were new phones, {@code updated} changed an entry, {@code unchanged} matched their
 * entry already, and {@code errors} were not kept (in line order). {@code charset} is the encoding the
 * file was read in (UTF-8, or GB18030 for a spreadsheet saved in the Chinese ANSI code page).
 */
public record ImportResult(int read, int inserted, int updated, int unchanged, List<ImportError> errors,
        String charset) {

    public ImportResult {
        errors = List.copyOf(errors);
    }

    /** Whether every row was good. */
    public boolean clean() {
        return errors.isEmpty();
    }
}

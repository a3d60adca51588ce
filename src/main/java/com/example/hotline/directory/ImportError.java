package com.example.hotline.directory;

/**
 * A row of an import that was not kept: the physical line of the file it starts on (1 = the header),
 * why, and its phone as written (null when the row had none).
 */
public record ImportError(int line, String reason, String phone) {}

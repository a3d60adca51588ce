package com.example.hotline.recording;

/** Another archive or retention run holds the lock (in this server or another instance). */
public final class JobBusyException extends RuntimeException {
    public JobBusyException(String message) {
        super(message);
    }
}

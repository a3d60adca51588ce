package com.example.hotline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.hotline.recording.AudioStats;
import com.example.hotline.recording.Grade;
import com.example.hotline.recording.Recording;
import com.example.hotline.recording.RecordingIndex;
import com.example.hotline.routing.RecordingFeed;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GradeReportingIndexTest {

    private static final Instant AT = Instant.parse("2026-11-23T16:30:00Z");

    private static Recording recording(long id, String extension) {
        return new Recording(id, "hotline/x.wav", "1795434013.0", "1795434013.0", 7L, "13800138000", extension,
                "2611-0001", AT, AT.plusSeconds(30), 30_000L, LocalDate.of(2026, 11, 23), Recording.State.ARCHIVING,
                null, null, null, null, null, null, null, null, null, null, null, false, null, 0, null);
    }

    @Test
    void anArchivedCopysGradeReachesTheExtensionCheckAndNothingElseChanges() {
        List<String> calls = new ArrayList<>();
        RecordingIndex fake = (RecordingIndex) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RecordingIndex.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    if (method.getName().equals("find")) {
                        long id = (Long) args[0];
                        return Optional.of(recording(id, id == 1 ? "8102" : null));
                    }
                    return null;
                });
        List<String> seen = new ArrayList<>();
        RecordingFeed feed = (ext, linkedId, at, grade) -> seen.add(ext + " " + linkedId + " " + grade);
        GradeReportingIndex index = new GradeReportingIndex(fake, () -> feed);
        RecordingIndex.ArchivedCopy silent = new RecordingIndex.ArchivedCopy(10, "ab", 30_000,
                new AudioStats(-91, -91, 0, null, null), Grade.SILENT, false);
        index.markArchived(1, silent, AT);
        index.markArchived(2, silent, AT); // no extension: nobody to verify
        assertEquals(List.of("8102 1795434013.0 SILENT"), seen, "one grade, for 8102's call");
        assertEquals(List.of("markArchived", "find", "markArchived", "find"), calls, "the index did the work");
        new GradeReportingIndex(fake, () -> null).markArchived(1, silent, AT); // no feed yet: nothing breaks
    }
}

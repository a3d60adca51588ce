package com.example.hotline.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.example.hotline.alert.Alert;
import com.example.hotline.call.CallRecord;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index on the fly: a running call's recording is registered once, completed when the call ends;
 * without the AGI's file name the uniqueid in the dialplan's name finds it; a hotline call with no
 * recording at all raises one recording-missing alert; other calls are not hotline business.
 */
class RecordingRegistrarTest {

    static final Instant START = Instant.parse("2026-11-23T00:45:12Z");
    static final String FILE = "/var/spool/asterisk/monitor/hotline/20261123T004512Z-1795434013.0.wav";

    @TempDir
    Path dir;
    final List<RecordingIndex.NewRecording> registered = new ArrayList<>();
    final List<Alert> alerts = new ArrayList<>();

    private RecordingRegistrar registrar() {
        RecordingIndex index = (RecordingIndex) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RecordingIndex.class}, (proxy, method, args) -> {
                    if (method.getName().equals("register")) {
                        registered.add((RecordingIndex.NewRecording) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new RecordingRegistrar(index, new RawFiles(dir), alerts::add, ZoneId.of("Asia/Shanghai"),
                Clock.fixed(START.plusSeconds(60), ZoneOffset.UTC));
    }

    private static CallRecord call(String file, boolean ended, boolean hotline) {
        return new CallRecord("1795434013.0", "1795434013.0", "13800138000", null, hotline, START, null,
                START.plusSeconds(3), ended ? START.plusSeconds(20) : null, true, "8001", 3000L, 1, true, null, null,
                "agi", List.of("8001"), file, false, List.of());
    }

    @Test
    void aRunningRecordingIsRegisteredOnceAndCompletedAtTheEnd() {
        RecordingRegistrar r = registrar();
        r.handle(call(FILE, false, true));
        r.handle(call(FILE, false, true));
        r.handle(call(FILE, true, true));
        r.handle(call(FILE, true, true));
        assertEquals(2, registered.size(), "once running, once ended: " + registered);
        assertEquals("hotline/20261123T004512Z-1795434013.0.wav", registered.get(0).rawFile());
        assertNull(registered.get(0).endedAt(), "running");
        RecordingIndex.NewRecording done = registered.get(1);
        assertEquals(START.plusSeconds(20), done.endedAt());
        assertEquals("8001", done.extension(), "who answered");
        assertEquals("13800138000", done.caller());
        assertEquals(LocalDate.of(2026, 11, 23), done.day(), "the desk's day (08:45 in Shanghai)");
        assertEquals(List.of(), alerts);
    }

    @Test
    void aRegistrationThatFailsWhileTheDatabaseIsDownIsKeptAndWrittenWhenItReturns() throws Exception {
        boolean[] down = {true};
        RecordingIndex index = (RecordingIndex) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RecordingIndex.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("register")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (down[0]) {
                        throw new IllegalStateException("database unavailable");
                    }
                    registered.add((RecordingIndex.NewRecording) args[0]);
                    return null;
                });
        RecordingRegistrar r = new RecordingRegistrar(index, new RawFiles(dir), alerts::add,
                ZoneId.of("Asia/Shanghai"), Clock.fixed(START.plusSeconds(60), ZoneOffset.UTC));
        try {
            r.handle(call(FILE, false, true));
            r.handle(call(FILE, true, true));
            assertEquals(1, r.failedPending(), "the newest snapshot of the call is kept, once");
            r.retryFailed();
            awaitIdle(r);
            assertEquals(1, r.failedPending(), "still down: still kept");
            assertEquals(List.of(), registered);
            down[0] = false;
            r.retryFailed();
            awaitIdle(r);
            assertEquals(0, r.failedPending(), "written when the database is back");
            assertEquals(1, registered.size(), "registered once, as ended: " + registered);
            assertEquals(START.plusSeconds(20), registered.get(0).endedAt());
            assertEquals("8001", registered.get(0).extension());
            r.retryFailed();
            awaitIdle(r);
            assertEquals(1, registered.size(), "nothing left to retry");
            assertEquals(List.of(), alerts, "a database outage is not a missing recording");
        } finally {
            r.close();
        }
    }

    /** The retry runs on the registrar's own thread: a no-op task queued behind it marks its end. */
    private static void awaitIdle(RecordingRegistrar r) throws Exception {
        java.util.concurrent.CountDownLatch idle = new java.util.concurrent.CountDownLatch(1);
        r.afterQueued(idle::countDown);
        if (!idle.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("recording-index thread did not get through its queue");
        }
    }

    @Test
    void withoutTheScriptTheUniqueIdInTheFileNameFindsIt() throws Exception {
        Files.createDirectories(dir.resolve("hotline"));
        Files.writeString(dir.resolve("hotline/20261123T004512Z-1795434013.0.wav"), "x");
        registrar().handle(call(null, true, true));
        assertEquals(1, registered.size());
        assertEquals("hotline/20261123T004512Z-1795434013.0.wav", registered.get(0).rawFile());
        assertEquals(List.of(), alerts);
    }

    @Test
    void aHotlineCallWithoutAnyRecordingRaisesOneAlarm() {
        RecordingRegistrar r = registrar();
        r.handle(call(null, true, true));
        r.handle(call(null, true, true));
        assertEquals(1, alerts.size(), "one alert: " + alerts);
        assertEquals("recording-missing", alerts.get(0).kind());
        assertEquals("1795434013.0", alerts.get(0).linkedId());
        assertEquals(List.of(), registered);
    }

    @Test
    void otherCallsAreIgnored() {
        RecordingRegistrar r = registrar();
        r.accept(call(null, true, false));
        r.close();
        assertEquals(List.of(), alerts);
        assertEquals(List.of(), registered);
    }
}

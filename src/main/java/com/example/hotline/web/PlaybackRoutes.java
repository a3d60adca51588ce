package com.example.hotline.web;

import com.example.hotline.recording.AccessLog;
import com.example.hotline.recording.PlayWindow;
import com.example.hotline.recording.UniformName;
import com.example.hotline.recording.Waveforms;
import java.time.Clock;
import java.time.ZoneId;

/**
 * Listening to recordings in the workbench: {@code GET /api/recordings/{id}/audio} (played in the
 * page, HTTP Range), {@code GET /api/recordings/{id}/download} (the same bytes as an attachment with
 * the uniform file name), {@code GET /api/recordings/{id}/waveform} (PNG) — all behind the same
 * {@link RecordingGuard} — and {@code GET /api/recordings/access} (the access log; admins and quality
 * staff). Plays and downloads are written to the access log ({@link AccessRecorder}). Stateless.
 */
public final class PlaybackRoutes {

    private PlaybackRoutes() {}

    public static void register(Router routes, RecordingGuard guard, AccessLog log, PlayWindow plays,
                                Waveforms waveforms, ZoneId zone, Clock clock) {
        AccessRecorder recorder = new AccessRecorder(log, plays, clock);
        UniformName names = new UniformName(zone);
        routes.add("GET", "/api/recordings/{id}/audio",
                        new RecordingAudioHandler(guard, recorder, names, RecordingAudioHandler.Mode.PLAY))
                .add("GET", "/api/recordings/{id}/download",
                        new RecordingAudioHandler(guard, recorder, names, RecordingAudioHandler.Mode.DOWNLOAD))
                .add("GET", "/api/recordings/{id}/waveform", new WaveformHandler(guard, waveforms))
                .add("GET", "/api/recordings/access", Access.supervisors(new AccessLogHandler(log, zone)));
    }
}

package com.example.hotline.web;

import com.example.hotline.recording.Recording;
import com.example.hotline.recording.Waveforms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/recordings/{id}/waveform}: the recording's waveform as a PNG ({@link Waveforms}:
 * drawn on the server from the decoded audio, kept on disk). The same door as the audio
 * ({@link RecordingGuard}: 400, 403, 404 when the audio is gone — its pictures are deleted then); 503
 * with {@code Retry-After} while too many pictures are being drawn; 500 naming the reason when the
 * audio cannot be decoded. Not an access to the recording's content, so not in the access log.
 * Runs on an http-worker and may wait for the drawing.
 */
final class WaveformHandler implements Handler {

    private static final Logger log = LoggerFactory.getLogger(WaveformHandler.class);

    private final RecordingGuard guard;
    private final Waveforms waveforms;

    WaveformHandler(RecordingGuard guard, Waveforms waveforms) {
        this.guard = guard;
        this.waveforms = waveforms;
    }

    @Override
    public Response handle(Request r) {
        Recording rec = guard.require(r);
        Path audio;
        try {
            audio = guard.audio(rec);
        } catch (NotFoundException e) {
            waveforms.forget(rec.id());
            throw e;
        }
        try {
            // the archived copy never changes; a raw file grows while its call runs
            String version = rec.state() == Recording.State.ARCHIVED ? "a"
                    : "r" + Files.size(audio) + "-" + Files.getLastModifiedTime(audio).toMillis();
            Path png = waveforms.picture(rec.id(), audio, version);
            return Response.file(200, "image/png", png, 0, Files.size(png), Map.of());
        } catch (Waveforms.BusyException e) {
            return new Response(503, "application/json; charset=utf-8", Json.bytes(Map.of("error", e.getMessage())),
                    Map.of("Retry-After", "5"));
        } catch (IOException e) {
            log.warn("recording {}: waveform failed: {}", rec.id(), e.toString());
            return Response.error(500, "recording " + rec.id() + ": the waveform cannot be drawn: " + e.getMessage());
        }
    }
}

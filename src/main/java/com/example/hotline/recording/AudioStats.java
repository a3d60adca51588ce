package com.example.hotline.recording;

/**
 * What ffmpeg measured on a recording: mean and peak volume (dBFS, -91 for digital silence), the
 * share of its duration that is not silence, and the per-direction speech shares when the PBX wrote
 * side files (null otherwise). Immutable.
 */
public record AudioStats(double meanDb, double maxDb, double speechShare, Double callerSpeechShare,
                         Double deskSpeechShare) {

    public AudioStats withSides(Double caller, Double desk) {
        return new AudioStats(meanDb, maxDb, speechShare, caller, desk);
    }
}

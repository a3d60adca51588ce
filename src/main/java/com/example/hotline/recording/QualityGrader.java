package com.example.hotline.recording;

import com.example.hotline.config.HotlineConfig;

/**
 * Grades a recording from what ffmpeg measured (C13): {@code silent} when the peak stays under the
 * silence level or speech (non-silence) is under {@code grade.silent.percent} of the recording;
 * {@code clear} with at least {@code grade.clear.percent} speech and a mean volume of at least
 * {@code grade.clear.mean.db}; {@code fair} with at least {@code grade.fair.percent} and
 * {@code grade.fair.mean.db}; {@code unclear} otherwise. One-sided: with both direction files, one side
 * has under {@code grade.one.sided.percent} speech while the other has at least
 * {@code grade.fair.percent}. Pure; thread-safe.
 */
public final class QualityGrader {

    private final HotlineConfig.Grading t;

    public QualityGrader(HotlineConfig.Grading thresholds) {
        this.t = thresholds;
    }

    public double silenceDb() {
        return t.silenceDb();
    }

    public Grade grade(AudioStats s) {
        double speech = s.speechShare() * 100;
        if (s.maxDb() < t.silenceDb() || speech < t.silentPercent()) {
            return Grade.SILENT;
        }
        if (speech >= t.clearPercent() && s.meanDb() >= t.clearMeanDb()) {
            return Grade.CLEAR;
        }
        if (speech >= t.fairPercent() && s.meanDb() >= t.fairMeanDb()) {
            return Grade.FAIR;
        }
        return Grade.UNCLEAR;
    }

    /** Null when the directions are unknown (no side files). */
    public Boolean oneSided(AudioStats s) {
        if (s.callerSpeechShare() == null || s.deskSpeechShare() == null) {
            return null;
        }
        double caller = s.callerSpeechShare() * 100;
        double desk = s.deskSpeechShare() * 100;
        return (caller < t.oneSidedPercent() && desk >= t.fairPercent())
                || (desk < t.oneSidedPercent() && caller >= t.fairPercent());
    }
}

/**
 * Recordings (checks C3, C4, C6, C7, C13): the index of every raw MixMonitor file registered while
 * its call runs ({@link com.example.hotline.recording.RecordingRegistrar}), the daily archive job
 * that transcodes, verifies, hashes, names and files each one exactly once
 * ({@link com.example.hotline.recording.ArchiveJob}), the quality grade
 * ({@link com.example.hotline.recording.QualityGrader}), retention
 * ({@link com.example.hotline.recording.RetentionJob}) and the continuity report; for the workbench,
 * waveform pictures ({@link com.example.hotline.recording.Waveforms}), the access log of plays and
 * downloads ({@link com.example.hotline.recording.AccessLog}) and its play rule
 * ({@link com.example.hotline.recording.PlayWindow}). ffmpeg stays behind
 * {@link com.example.hotline.recording.AudioTool} and {@link com.example.hotline.recording.PcmDecoder};
 * the database behind {@link com.example.hotline.recording.RecordingIndex},
 * {@link com.example.hotline.recording.RecordingReach} and {@link com.example.hotline.recording.AccessLog}.
 */
package com.example.hotline.recording;

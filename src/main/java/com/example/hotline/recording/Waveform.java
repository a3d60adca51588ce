package com.example.hotline.recording;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The waveform picture of a recording: the lowest and highest sample of every 10 ms block of mono
 * 16-bit PCM ({@link #read}), drawn as a PNG ({@link #png}) one vertical line per pixel column from
 * the lowest to the highest sample of the blocks that column covers. The picture is scaled to the
 * recording's own peak, amplified at most {@value #MAX_GAIN} times (18 dB): telephone speech fills the
 * height, while a silent or nearly silent recording stays a flat line. Memory: four
 * bytes per 10 ms of audio (about 1.4 MB for an hour). Not thread-safe; one per picture.
 */
public final class Waveform {

    /** Samples per block: 10 ms at 8 kHz. */
    public static final int SAMPLE_RATE = 8000;
    static final int BLOCK = SAMPLE_RATE / 100;
    private static final int BACKGROUND = 0xf4f6fa;
    private static final int WAVE = 0x3a5a99;
    private static final int AXIS = 0xc9ced6;
    static final int MAX_GAIN = 8;

    private short[] mins = new short[1024];
    private short[] maxs = new short[1024];
    private int blocks;
    private int inBlock;
    private short lo;
    private short hi;
    private long samples;

    /** Reads little-endian 16-bit samples until the end of {@code pcm}. */
    public Waveform read(InputStream pcm) throws IOException {
        byte[] buf = new byte[16384];
        int carry = -1;
        int n;
        while ((n = pcm.read(buf)) > 0) {
            int i = 0;
            if (carry >= 0) {
                add((short) ((buf[0] << 8) | carry));
                carry = -1;
                i = 1;
            }
            for (; i + 1 < n; i += 2) {
                add((short) ((buf[i + 1] << 8) | (buf[i] & 0xff)));
            }
            if (i < n) {
                carry = buf[i] & 0xff;
            }
        }
        return this;
    }

    void add(short s) {
        if (inBlock == 0) {
            lo = s;
            hi = s;
        } else {
            lo = (short) Math.min(lo, s);
            hi = (short) Math.max(hi, s);
        }
        samples++;
        if (++inBlock == BLOCK) {
            flush();
        }
    }

    private void flush() {
        if (inBlock == 0) {
            return;
        }
        if (blocks == mins.length) {
            mins = Arrays.copyOf(mins, blocks * 2);
            maxs = Arrays.copyOf(maxs, blocks * 2);
        }
        mins[blocks] = lo;
        maxs[blocks] = hi;
        blocks++;
        inBlock = 0;
    }

    /** How much audio was read, in milliseconds. */
    public long millis() {
        return samples * 1000 / SAMPLE_RATE;
    }

    /** The picture, {@code width} × {@code height} pixels, as PNG bytes. */
    public byte[] png(int width, int height) {
        flush();
        if (width < 1 || height < 3) {
            throw new IllegalArgumentException("waveform picture too small: " + width + "x" + height);
        }
        byte[] pixels = new byte[width * height]; // palette index 0: background
        int mid = height / 2;
        int peak = 1;
        for (int b = 0; b < blocks; b++) {
            peak = Math.max(peak, Math.max(-mins[b], maxs[b]));
        }
        double fullScale = Math.max(peak, 32768.0 / MAX_GAIN);
        double half = (height - 1) / 2.0;
        for (int x = 0; x < width; x++) {
            pixels[mid * width + x] = 2;
            if (blocks == 0) {
                continue;
            }
            int from = (int) ((long) x * blocks / width);
            int to = Math.max(from + 1, (int) ((long) (x + 1) * blocks / width));
            int min = Short.MAX_VALUE;
            int max = Short.MIN_VALUE;
            for (int b = from; b < to && b < blocks; b++) {
                min = Math.min(min, mins[b]);
                max = Math.max(max, maxs[b]);
            }
            int top = (int) Math.round(mid - Math.max(0, max) / fullScale * half);
            int bottom = (int) Math.round(mid - Math.min(0, min) / fullScale * half);
            top = Math.max(0, Math.min(top, mid));
            bottom = Math.min(height - 1, Math.max(bottom, mid));
            for (int y = top; y <= bottom; y++) {
                pixels[y * width + x] = 1;
            }
        }
        return indexedPng(width, height, pixels, new int[] {BACKGROUND, WAVE, AXIS});
    }

    /** An 8-bit palette PNG (colour type 3), each row filtered with "none". */
    static byte[] indexedPng(int width, int height, byte[] pixels, int[] palette) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(height * (width + 1));
        for (int y = 0; y < height; y++) {
            raw.write(0);
            raw.write(pixels, y * width, width);
        }
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(raw.toByteArray());
        deflater.finish();
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (!deflater.finished()) {
            idat.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        ByteArrayOutputStream png = new ByteArrayOutputStream(idat.size() + 128);
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 3; // palette
        chunk(png, "IHDR", ihdr);
        byte[] plte = new byte[palette.length * 3];
        for (int i = 0; i < palette.length; i++) {
            plte[3 * i] = (byte) (palette[i] >> 16);
            plte[3 * i + 1] = (byte) (palette[i] >> 8);
            plte[3 * i + 2] = (byte) palette[i];
        }
        chunk(png, "PLTE", plte);
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] len = new byte[4];
        putInt(len, 0, data.length);
        out.writeBytes(len);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.writeBytes(c);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}

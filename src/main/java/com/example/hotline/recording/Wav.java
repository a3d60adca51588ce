package com.example.hotline.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads the duration of a RIFF/WAVE file from its header, without a process. Stateless. */
final class Wav {

    private Wav() {}

    /**
     * Data bytes / byte rate in ms; the data size is taken from the file's length when the header's is
     * unset or larger than the file (a writer that stopped before updating it). Null when not a WAV.
     */
    static Long durationMillis(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = ch.size();
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(length, 4096)).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b, 0);
            b.flip();
            if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) { // RIFF, WAVE
                return null;
            }
            int pos = 12;
            long byteRate = 0;
            while (pos + 8 <= b.limit()) {
                int id = b.getInt(pos);
                long size = Integer.toUnsignedLong(b.getInt(pos + 4));
                if (id == 0x20746d66 && pos + 20 <= b.limit()) { // "fmt "
                    byteRate = Integer.toUnsignedLong(b.getInt(pos + 16));
                } else if (id == 0x61746164) { // "data"
                    long available = length - (pos + 8);
                    long data = size == 0 || size > available ? available : size;
                    return byteRate == 0 ? null : data * 1000 / byteRate;
                }
                pos += 8 + (int) (size + (size & 1));
            }
            return null;
        }
    }
}

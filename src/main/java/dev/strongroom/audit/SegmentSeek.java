package dev.strongroom.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Where in a segment to start reading for the events from a number on, found by bisecting the file's
 * bytes on the numbers its lines start with. A segment holds up to an hour of events, so reading it from
 * its start for an event near its end costs what the hour wrote; the bisection costs a few small reads.
 * <p>
 * The offset it returns is always the start of a line whose number is readable and below the one asked
 * for (or the file's start), so reading on from it meets every later event in order however the lines
 * between the probes look: a damaged line only makes the search settle earlier.
 */
final class SegmentSeek {

    /** Below this many bytes, reading on is cheaper than another probe. */
    private static final long READ_ON = 64 * 1024;
    /** Enough bytes for {@code {"seq":<19 digits>,}}. */
    private static final int NUMBER_PREFIX = 32;
    /** Bytes read per step while looking for a line end: more than most journal lines hold. */
    private static final int PROBE = 8 * 1024;

    private SegmentSeek() {
    }

    /** The offset of a line start at or before the first line numbered {@code seq} or above. */
    static long lineStartBefore(FileChannel channel, long seq) throws IOException {
        long low = 0;
        long high = channel.size();
        while (high - low > READ_ON) {
            long middle = low + (high - low) / 2;
            long start = lineStartFrom(channel, middle, high);
            long number = start < 0 ? -1 : numberAt(channel, start);
            if (number > 0 && number < seq) {
                low = start;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The first line start at or after {@code from} and before {@code limit}, or -1 when there is none. */
    private static long lineStartFrom(FileChannel channel, long from, long limit) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(PROBE);
        long at = from - 1;
        while (at < limit) {
            buffer.clear();
            int read = channel.read(buffer, at);
            if (read <= 0) {
                return -1;
            }
            for (int i = 0; i < read && at + i < limit; i++) {
                if (buffer.get(i) == '\n') {
                    long start = at + i + 1;
                    return start < limit ? start : -1;
                }
            }
            at += read;
        }
        return -1;
    }

    private static long numberAt(FileChannel channel, long start) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(NUMBER_PREFIX);
        int read = channel.read(buffer, start);
        if (read <= 0) {
            return -1;
        }
        return JournalSegments.seqOf(new String(buffer.array(), 0, read, StandardCharsets.ISO_8859_1));
    }
}

package dev.strongroom.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Reads the journal's lines in order, remembering the file and byte position it stopped at, so that
 * each call reads only what was appended since (the CloudWatch shipper, the metrics tally). It hands out only complete lines whose event is
 * durable ({@code durableSeq}): a line past that may still be lost and rewritten differently.
 * <p>
 * A newer segment exists only after the journal closed the previous one (it forces and closes a
 * segment before creating the next), so the tail drains a segment once more before moving on.
 */
public final class JournalTail implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JournalTail.class);

    private final JournalSegments segments;
    private final LongSupplier durableSeq;
    private final byte[] chunk = new byte[64 * 1024];
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private int chunkPos;
    private int chunkLen;
    private Path current;
    private FileChannel channel;
    private long position;
    private JournalEntry peeked;

    public JournalTail(JournalSegments segments, LongSupplier durableSeq) {
        this.segments = segments;
        this.durableSeq = durableSeq;
    }

    /**
     * Positions the tail so that the next entry is the first with a sequence number above {@code seq},
     * entering the segment that holds it near that entry rather than at its start.
     */
    public void seekAfter(long seq) {
        closeChannel();
        peeked = null;
        current = null;
        for (Path segment : segments.list()) {
            if (current == null || JournalSegments.firstSeqOf(segment) <= seq + 1) {
                current = segment;
            }
        }
        if (current != null && JournalSegments.firstSeqOf(current) <= seq) {
            try {
                channel = FileChannel.open(current, StandardOpenOption.READ);
                position = SegmentSeek.lineStartBefore(channel, seq + 1);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read audit segment " + current, e);
            }
        }
        while (true) {
            JournalEntry entry = readEntry();
            if (entry == null || entry.seq() > seq) {
                peeked = entry;
                return;
            }
        }
    }

    /** The next durable entry without consuming it, or null when there is none (yet). */
    public JournalEntry peek() {
        if (peeked == null) {
            peeked = readEntry();
        }
        return peeked == null || peeked.seq() > durableSeq.getAsLong() ? null : peeked;
    }

    /** Consumes and returns the next durable entry, or null when there is none (yet). */
    public JournalEntry next() {
        JournalEntry entry = peek();
        if (entry != null) {
            peeked = null;
        }
        return entry;
    }

    private JournalEntry readEntry() {
        try {
            while (true) {
                byte[] line = completeLine();
                if (line != null) {
                    if (line.length > 0) {
                        return JournalEntry.of(line);
                    }
                    continue;
                }
                Path following = segmentAfter(current);
                if (following == null) {
                    return null;
                }
                line = completeLine();
                if (line != null) {
                    if (line.length > 0) {
                        return JournalEntry.of(line);
                    }
                    continue;
                }
                if (partial.size() > 0) {
                    LOG.warnf("Audit segment %s ends in %d bytes without a line end; they were never an event",
                            current, partial.size());
                }
                closeChannel();
                current = following;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit segment " + current, e);
        }
    }

    /** The next line of the current segment without its line end, or null when no complete line follows yet. */
    private byte[] completeLine() throws IOException {
        while (true) {
            for (int i = chunkPos; i < chunkLen; i++) {
                if (chunk[i] == '\n') {
                    partial.write(chunk, chunkPos, i - chunkPos);
                    chunkPos = i + 1;
                    byte[] line = partial.toByteArray();
                    partial.reset();
                    return line;
                }
            }
            partial.write(chunk, chunkPos, chunkLen - chunkPos);
            chunkPos = 0;
            chunkLen = 0;
            if (current == null) {
                return null;
            }
            if (channel == null) {
                channel = FileChannel.open(current, StandardOpenOption.READ);
            }
            int read = channel.read(ByteBuffer.wrap(chunk), position);
            if (read <= 0) {
                return null;
            }
            position += read;
            chunkLen = read;
        }
    }

    private Path segmentAfter(Path segment) {
        List<Path> all = segments.list();
        if (segment == null) {
            return all.isEmpty() ? null : all.get(0);
        }
        String name = segment.getFileName().toString();
        return all.stream().filter(p -> p.getFileName().toString().compareTo(name) > 0).findFirst().orElse(null);
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debugf("closing %s: %s", current, e.getMessage());
            }
        }
        channel = null;
        position = 0;
        chunkPos = 0;
        chunkLen = 0;
        partial.reset();
    }

    @Override
    public void close() {
        closeChannel();
    }
}

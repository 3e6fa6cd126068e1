package dev.strongroom.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Events recorded while the journal is read-only ({@code audit/held/held.jsonl}): the downloads, audit
 * reads and refusals that go on meanwhile. They cannot join the chain then (a new event could re-use a
 * sequence number an anchor holds), so each is kept here, fsynced before the action is answered, and
 * joins the chain once the journal is recovered, in order, each with {@code heldId} and {@code heldAt}
 * in its detail. A release first renames the file to {@code releasing-after-<seq>.jsonl}, so a crash
 * halfway through releases only the events the chain does not show yet.
 */
final class HeldEvents {

    private static final Logger LOG = Logger.getLogger(HeldEvents.class);
    private static final String FILE = "held.jsonl";
    private static final String RELEASING = "releasing-after-";

    private final Path dir;
    private FileChannel channel;
    private int count = -1;

    HeldEvents(Path dir) {
        this.dir = dir;
    }

    /** One held event: its id and time as first recorded, and what it records. */
    @JsonPropertyOrder({ "id", "time", "record" })
    record Held(String id, String time, AuditRecord record) {
    }

    /** A file of held events being released into the chain after {@code afterSeq}. */
    record Release(Path file, long afterSeq, List<Held> events) {
    }

    synchronized void hold(Held held) {
        int before = count();
        try {
            if (channel == null) {
                Files.createDirectories(dir);
                Path file = dir.resolve(FILE);
                cutTornLine(file);
                boolean created = !Files.exists(file);
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                if (created) {
                    AuditJournal.fsyncDirectory(dir);
                }
            }
            ByteBuffer bytes = ByteBuffer.wrap((EventLine.JSON.writeValueAsString(held) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
            count = before + 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hold an audit event in " + dir, e);
        }
    }

    /** Events waiting to join the chain. */
    synchronized int count() {
        if (count < 0) {
            count = read(dir.resolve(FILE)).size();
        }
        return count;
    }

    /**
     * Starts releasing: the held events, and any of an earlier release a crash interrupted, move to a
     * release file named after the chain head they follow. Null when nothing waits.
     */
    synchronized List<Release> beginRelease(long headSeq) throws IOException {
        closeChannel();
        List<Release> releases = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith(RELEASING)).sorted().toList()) {
                    String name = file.getFileName().toString();
                    long after = Long.parseLong(name.substring(RELEASING.length(), name.indexOf('.')));
                    releases.add(new Release(file, after, read(file)));
                }
            }
        }
        Path held = dir.resolve(FILE);
        if (Files.isRegularFile(held)) {
            cutTornLine(held);
            Path moved = dir.resolve(RELEASING + headSeq + "." + System.currentTimeMillis() + ".jsonl");
            Files.move(held, moved, StandardCopyOption.ATOMIC_MOVE);
            AuditJournal.fsyncDirectory(dir);
            releases.add(new Release(moved, headSeq, read(moved)));
        }
        count = 0;
        return releases;
    }

    /** A release is complete: its file is kept as evidence, renamed. */
    synchronized void finish(Release release) throws IOException {
        Path done = release.file().resolveSibling("released-" + release.file().getFileName().toString()
                .substring(RELEASING.length()));
        Files.move(release.file(), done, StandardCopyOption.ATOMIC_MOVE);
        AuditJournal.fsyncDirectory(dir);
    }

    synchronized void close() {
        closeChannel();
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debugf("closing the held audit events: %s", e.getMessage());
            }
            channel = null;
        }
    }

    private static List<Held> read(Path file) {
        List<Held> events = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return events;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isEmpty()) {
                    continue;
                }
                try {
                    events.add(EventLine.JSON.readValue(line, Held.class));
                } catch (IOException e) {
                    // Only the last line can be torn (a crash before its fsync returned; never acknowledged).
                    LOG.warnf("A held audit event in %s is unreadable and skipped: %s", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read held audit events in " + file, e);
        }
        return events;
    }

    private static void cutTornLine(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long end = JournalSegments.lastLineFeed(raf, raf.length()) + 1;
            if (end < raf.length()) {
                LOG.warnf("A held audit event in %s was cut off by a crash (never acknowledged); %d bytes removed",
                        file, raf.length() - end);
                raf.setLength(end);
                raf.getFD().sync();
            }
        }
    }
}

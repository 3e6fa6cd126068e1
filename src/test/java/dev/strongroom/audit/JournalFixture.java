package dev.strongroom.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes real journal events (sealed and chained by the journal's own hash rule) straight into a
 * journal directory, so tests can have tens of thousands of events in a second. Each call continues
 * the chain from the newest line on disk, in the segment of the events' UTC hour.
 */
public final class JournalFixture {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private JournalFixture() {
    }

    /** Appends {@code count} events stamped {@code time}; returns their lines. */
    public static List<String> append(Path journalDir, int count, Instant time) {
        return append(journalDir, count, time, Map.of());
    }

    /** Appends {@code count} events carrying {@code detail}; returns their lines. */
    public static List<String> append(Path journalDir, int count, Instant time, Map<String, String> detail) {
        try {
            Files.createDirectories(journalDir);
            JournalSegments segments = new JournalSegments(journalDir);
            long seq = 0;
            String prev = AuditEvent.GENESIS_HASH;
            List<Path> existing = segments.list();
            if (!existing.isEmpty()) {
                List<String> lines = Files.readAllLines(existing.get(existing.size() - 1), StandardCharsets.UTF_8);
                AuditEvent head = EventLine.parse(lines.get(lines.size() - 1));
                seq = head.seq();
                prev = head.hash();
            }
            String hour = HOUR.format(time);
            Path segment = existing.stream().filter(p -> p.getFileName().toString().endsWith("_" + hour + ".jsonl"))
                    .findFirst().orElse(segments.pathFor(seq + 1, hour));
            List<String> written = new ArrayList<>(count);
            try (Writer out = Files.newBufferedWriter(segment, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                for (int i = 0; i < count; i++) {
                    seq++;
                    AuditEvent draft = new AuditEvent(seq, UUID.randomUUID().toString(),
                            time.truncatedTo(ChronoUnit.MILLIS).toString(), "fixture", "system", "fixture.event",
                            "fixture/" + seq, "success", null, null, detail.isEmpty() ? null : new TreeMap<>(detail),
                            prev, null);
                    String line = EventLine.seal(draft);
                    out.write(line);
                    out.write('\n');
                    prev = EventLine.claimedHash(line);
                    written.add(line);
                }
            }
            try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line of every segment, in order. */
    public static List<String> lines(Path journalDir) {
        List<String> lines = new ArrayList<>();
        new JournalSegments(journalDir).forEachLine(0, lines::add);
        return lines;
    }
}

package dev.strongroom.audit;

import dev.strongroom.VaultConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Appends events to the hash-chained journal on the data volume.
 * <p>
 * Contract: {@link #append} returns only after the event's line is on stable storage (fsync), so a
 * response sent after it can never describe an event a crash could lose. Appends are serialised to
 * keep the chain a single line of sequence numbers; the fsync is shared by every append waiting at
 * the same moment (group commit), which is what keeps concurrent uploads fast.
 */
@ApplicationScoped
public class AuditJournal {

    private static final Logger LOG = Logger.getLogger(AuditJournal.class);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private final JournalSegments segments;
    private final Clock clock;
    private final Counter appended;
    private final Object appendLock = new Object();
    private final Object syncLock = new Object();

    private volatile FileChannel channel;
    private String channelHour;
    private long lastSeq;
    private String lastHash = AuditEvent.GENESIS_HASH;
    private volatile long writtenSeq;
    private volatile long syncedSeq;

    private final Instance<JournalPreparation> preparations;

    public AuditJournal(VaultConfig config, MeterRegistry registry, Instance<JournalPreparation> preparations) {
        this.preparations = preparations;
        this.segments = new JournalSegments(config.dataDir().resolve("audit").resolve("journal"));
        this.clock = Clock.systemUTC();
        this.appended = Counter.builder("strongroom.audit.events").description("Audit events appended to the journal")
                .register(registry);
    }

    @PostConstruct
    void open() {
        try {
            Files.createDirectories(segments.dir());
            preparations.forEach(p -> p.prepare(segments));
            List<Path> existing = segments.list();
            if (!existing.isEmpty()) {
                recoverTail(existing.get(existing.size() - 1));
            }
            writtenSeq = lastSeq;
            syncedSeq = lastSeq;
            LOG.infof("Audit journal open at %s, chain head seq %d", segments.dir(), lastSeq);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit journal in " + segments.dir(), e);
        }
    }

    /**
     * A crash can leave the last line half-written. Such a line was never acknowledged (its fsync
     * had not returned), so it is cut off; every complete line before it stays as it is.
     */
    private void recoverTail(Path last) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(last.toFile(), "rw")) {
            long length = file.length();
            long end = length;
            while (end > 0) {
                file.seek(end - 1);
                if (file.read() == '\n') {
                    break;
                }
                end--;
            }
            if (end < length) {
                LOG.warnf("Audit journal %s ended in a torn line of %d bytes; cut off (never acknowledged)", last,
                        length - end);
                file.setLength(end);
                file.getFD().sync();
            }
        }
        String lastLine = lastLineOf(last);
        if (lastLine == null) {
            Path previous = segments.list().stream().filter(p -> p.compareTo(last) < 0).reduce((a, b) -> b).orElse(null);
            Files.delete(last);
            if (previous != null) {
                recoverTail(previous);
            }
            return;
        }
        AuditEvent head = EventLine.parse(lastLine);
        lastSeq = head.seq();
        lastHash = head.hash();
    }

    private static String lastLineOf(Path segment) throws IOException {
        String last = null;
        for (String line : Files.readAllLines(segment, StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) {
                last = line;
            }
        }
        return last;
    }

    /** Numbers, chains, writes and fsyncs one event; returns it, with its seq and hash, and its line. */
    public JournalLine append(AuditRecord record) {
        AuditEvent sealed;
        String line;
        synchronized (appendLock) {
            Instant now = clock.instant();
            AuditEvent draft = new AuditEvent(lastSeq + 1, UUID.randomUUID().toString(),
                    now.truncatedTo(ChronoUnit.MILLIS).toString(), record.actor(), record.role(), record.action(),
                    record.resource(), record.outcome(), record.client(), record.requestId(),
                    record.detail().isEmpty() ? null : record.detail(), lastHash, null);
            line = EventLine.seal(draft);
            sealed = draft.withHash(EventLine.claimedHash(line));
            write(now, sealed.seq(), line);
            lastSeq = sealed.seq();
            lastHash = sealed.hash();
            writtenSeq = lastSeq;
        }
        awaitDurable(sealed.seq());
        appended.increment();
        return new JournalLine(sealed, line);
    }

    private void write(Instant now, long seq, String line) {
        try {
            String hour = HOUR.format(now);
            if (channel == null || !hour.equals(channelHour)) {
                roll(seq, hour);
            }
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit journal", e);
        }
    }

    private void roll(long firstSeq, String hour) throws IOException {
        if (channel != null) {
            synchronized (syncLock) {
                channel.force(false);
                syncedSeq = writtenSeq;
                channel.close();
            }
        }
        Path segment = segments.list().stream().filter(p -> p.getFileName().toString().endsWith("_" + hour + ".jsonl"))
                .reduce((a, b) -> b).orElse(segments.pathFor(firstSeq, hour));
        boolean created = !Files.exists(segment);
        channel = FileChannel.open(segment, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        channelHour = hour;
        if (created) {
            fsyncDirectory(segments.dir());
        }
    }

    /** Group commit: whoever gets the lock forces everything written so far, covering the others. */
    private void awaitDurable(long seq) {
        if (syncedSeq >= seq) {
            return;
        }
        synchronized (syncLock) {
            if (syncedSeq >= seq) {
                return;
            }
            long target = writtenSeq;
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot fsync the audit journal", e);
            }
            syncedSeq = target;
        }
    }

    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    public JournalSegments segments() {
        return segments;
    }

    /**
     * The newest sequence number known to be on stable storage. Readers that pass events on (the
     * CloudWatch shipper, digests) stop here: a line past it may still vanish in a power cut and be
     * written again, differently, under the same number.
     */
    public long durableSeq() {
        return syncedSeq;
    }

    /** The newest event's sequence number and hash. */
    public ChainHead head() {
        synchronized (appendLock) {
            return new ChainHead(lastSeq, lastHash);
        }
    }

    void close(@Observes ShutdownEvent event) {
        synchronized (appendLock) {
            if (channel != null) {
                try {
                    channel.force(false);
                    channel.close();
                } catch (IOException e) {
                    LOG.warn("closing the audit journal failed", e);
                }
                channel = null;
            }
        }
    }
}

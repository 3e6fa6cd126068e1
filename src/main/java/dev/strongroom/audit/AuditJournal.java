package dev.strongroom.audit;

import dev.strongroom.DirectorySync;
import dev.strongroom.VaultConfig;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Appends events to the hash-chained journal on the data volume.
 * <p>
 * Contract: {@link #append} returns only after the event's line is on stable storage (fsync) in the
 * segment file the journal directory names, so a response sent after it can never describe an event
 * a crash, or someone deleting the file, could lose unnoticed. Appends are serialised to keep the
 * chain a single line of sequence numbers; the fsync is shared by every append waiting at the same
 * moment (group commit), which is what keeps concurrent uploads fast.
 * <p>
 * Before each line the journal checks that its segment is still the file it opened and as long as it
 * wrote it (deleted, replaced or cut segments are found at the next write, not at the next start);
 * a line that cannot be written whole is taken back, never left for the next one to be appended onto.
 * As it opens, the journal cuts a torn tail (recording what it cut), verifies itself from the signed
 * checkpoint and compares its head with every outside anchor. A journal that is shorter than an
 * anchor, or would re-use a number, does not append: the vault turns read-only ({@link JournalIntegrity})
 * and events of reads are held ({@link HeldEvents}) until the journal is recovered.
 */
@ApplicationScoped
public class AuditJournal {

    private static final Logger LOG = Logger.getLogger(AuditJournal.class);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
    private static final int LISTED_FINDINGS = 20;
    /** Re-evaluated by every verification against the anchors; other kinds are cleared by their own checks. */
    static final Set<IntegrityFinding.Kind> CHECKED_AT_OPEN = EnumSet.of(IntegrityFinding.Kind.SHORTER_THAN_ANCHOR,
            IntegrityFinding.Kind.SEQUENCE_REUSED, IntegrityFinding.Kind.SEGMENT_CHANGED,
            IntegrityFinding.Kind.APPEND_FAILED, IntegrityFinding.Kind.CHAIN_BROKEN);

    private final JournalSegments segments;
    private final Path auditDir;
    private final Clock clock;
    private final Counter appended;
    private final Counter held;
    private final Object appendLock = new Object();
    private final Object syncLock = new Object();
    private final Instance<JournalPreparation> preparations;
    private final JournalIntegrity integrity;
    private final JournalVerifier verifier;
    private final AnchorCheck anchors;
    private final JournalReserve reserve;
    private final JournalConfig config;
    private final HeldEvents heldEvents;

    private volatile OpenSegment current;
    private long lastSeq;
    private String lastHash = AuditEvent.GENESIS_HASH;
    /** The head as readers see it, without waiting for an append in progress. */
    private volatile ChainHead published = new ChainHead(0, AuditEvent.GENESIS_HASH);
    private volatile long writtenSeq;
    private volatile long syncedSeq;
    private volatile Check lastCheck;
    private boolean freshSegment;
    private volatile CompletableFuture<List<AnchorReading>> remoteAnchors = CompletableFuture.completedFuture(List.of());
    private boolean remoteChecked = true;

    @Inject
    public AuditJournal(VaultConfig config, MeterRegistry registry, Instance<JournalPreparation> preparations,
            JournalIntegrity integrity, JournalVerifier verifier, AnchorCheck anchors, JournalReserve reserve,
            JournalConfig journalConfig) {
        this(config, registry, preparations, integrity, verifier, anchors, reserve, journalConfig, Clock.systemUTC());
    }

    /** {@code clock} stamps the events and picks their hour's segment; tests move it across hours. */
    AuditJournal(VaultConfig config, MeterRegistry registry, Instance<JournalPreparation> preparations,
            JournalIntegrity integrity, JournalVerifier verifier, AnchorCheck anchors, JournalReserve reserve,
            JournalConfig journalConfig, Clock clock) {
        this.preparations = preparations;
        this.auditDir = config.dataDir().resolve("audit");
        this.segments = new JournalSegments(auditDir.resolve("journal"));
        this.integrity = integrity;
        this.verifier = verifier;
        this.anchors = anchors;
        this.reserve = reserve;
        this.config = journalConfig;
        this.heldEvents = new HeldEvents(auditDir.resolve("held"));
        this.clock = clock;
        this.appended = Counter.builder("strongroom.audit.events").description("Audit events appended to the journal")
                .register(registry);
        this.held = Counter.builder("strongroom.audit.events.held")
                .description("Audit events held back while the journal was read-only").register(registry);
    }

    /**
     * The last verification against the anchors: when, what it read, what each anchor said.
     *
     * @param trigger {@code start} or who asked for a re-check
     */
    public record Check(String trigger, Instant at, JournalVerifier.Verification verification,
            List<AnchorReading> anchors, List<AnchorCheck.Finding> findings, ChainHead head) {
    }

    @PostConstruct
    void open() {
        try {
            Files.createDirectories(segments.dir());
            preparations.forEach(p -> p.prepare(segments));
            reserve.fill();
            synchronized (appendLock) {
                reopen("start");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit journal in " + segments.dir(), e);
        }
    }

    /**
     * Reads the journal's files again as at start: cuts a torn tail, verifies from the checkpoint,
     * compares with every anchor, and, when the journal passes, clears the read-only findings and
     * releases the events held meanwhile. For recovery and for operators who repaired the files.
     */
    public Check recheck(String trigger) {
        synchronized (appendLock) {
            synchronized (syncLock) {
                closeCurrent();
            }
            try {
                reopen(trigger);
                awaitRemoteAnchors();
                if (integrity.writable() && heldEvents.count() > 0) {
                    release();
                }
                return lastCheck;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot re-read the audit journal in " + segments.dir(), e);
            }
        }
    }

    private Check reopen(String trigger) throws IOException {
        List<TornTail.Cut> cuts = new TornTail(segments, auditDir.resolve("cut")).cut();
        ChainHead head = readHead();
        moveHead(head.seq(), head.hash());
        writtenSeq = lastSeq;
        syncedSeq = lastSeq;
        Check check = verifyLocally(trigger, head);
        // The remote anchors (AWS) are read in the background: the start goes on meanwhile, and the
        // first append waits for their verdict (awaitRemoteAnchors).
        remoteAnchors = anchors.readRemote(config.remoteAnchorTimeout());
        remoteChecked = false;
        lastCheck = check;
        for (TornTail.Cut cut : cuts) {
            AuditRecord record = systemRecord(TornTail.ACTION, "audit/journal/" + cut.segment(), cut.detail());
            awaitRemoteAnchors();
            if (integrity.writable()) {
                appendLocked(record, true);
            } else {
                holdOrRefuse(record, false);
            }
        }
        if (integrity.writable() && heldEvents.count() > 0) {
            awaitRemoteAnchors();
            if (integrity.writable()) {
                release();
            }
        }
        LOG.infof("Audit journal open at %s, chain head seq %d%s", segments.dir(), lastSeq,
                integrity.writable() ? "" : " (READ-ONLY: " + integrity.readOnlyFindings().get(0).describe() + ")");
        return check;
    }

    private ChainHead readHead() {
        List<Path> all = segments.list();
        for (int i = all.size() - 1; i >= 0; i--) {
            String last = JournalSegments.lastCompleteLine(all.get(i));
            if (last != null) {
                try {
                    AuditEvent event = EventLine.parse(last);
                    return new ChainHead(event.seq(), event.hash());
                } catch (Exception e) {
                    // TornTail leaves no unreadable last line; a changed file is the verification's finding.
                    throw new UncheckedIOException(new IOException("the last line of audit segment "
                            + all.get(i).getFileName() + " is no readable event"));
                }
            }
        }
        return new ChainHead(0, AuditEvent.GENESIS_HASH);
    }

    /**
     * Verifies from the checkpoint and against the local anchors (volume, catalog); records the outcome
     * in {@link JournalIntegrity}.
     */
    private Check verifyLocally(String trigger, ChainHead head) {
        JournalVerifier.Verification verification = verifier.verify(JournalVerifier.Scope.INCREMENTAL, head.seq(),
                line -> {
                });
        if (verification.note() != null) {
            LOG.infof("Audit journal verification at %s: %s", trigger, verification.note());
        }
        List<AnchorReading> readings = anchors.readLocal();
        List<AnchorCheck.Finding> found = new ArrayList<>();
        verification.chain().findings().stream().limit(LISTED_FINDINGS).forEach(f -> found.add(new AnchorCheck.Finding(
                IntegrityFinding.Kind.CHAIN_BROKEN, f.seq(), f.message())));
        found.addAll(anchors.compare(readings, segments, head));
        integrity.clear(f -> CHECKED_AT_OPEN.contains(f.kind()));
        found.forEach(f -> integrity.report(f.kind(), f.seq(), f.message()));
        if (verification.chain().ok()) {
            verifier.advance(verification);
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        integrity.checked(at, "events " + verification.fromSeq() + " to " + verification.toSeq() + " ("
                + verification.scope().name().toLowerCase() + ")");
        LOG.infof("Audit journal verified at %s: events %d to %d (%s), %d local anchor(s), %d finding(s)", trigger,
                verification.fromSeq(), verification.toSeq(), verification.scope().name().toLowerCase(),
                readings.size(), found.size());
        return new Check(trigger, at, verification, readings, List.copyOf(found), head);
    }

    /**
     * The check of the last open with the remote anchors' verdict in it: waits for them as the first
     * append would (at most remote-anchor-timeout from the open).
     */
    public Check checkedAgainstEveryAnchor() {
        synchronized (appendLock) {
            awaitRemoteAnchors();
            return lastCheck;
        }
    }

    /**
     * Before the first append after an open: waits for the remote anchors (at most
     * remote-anchor-timeout from the open) and compares them with the head, which no append has moved
     * yet. Under appendLock.
     */
    private void awaitRemoteAnchors() {
        if (remoteChecked) {
            return;
        }
        remoteChecked = true;
        List<AnchorReading> readings = remoteAnchors.join();
        ChainHead head = new ChainHead(lastSeq, lastHash);
        List<AnchorCheck.Finding> found = anchors.compare(readings, segments, head);
        found.forEach(f -> integrity.report(f.kind(), f.seq(), f.message()));
        for (AnchorReading reading : readings) {
            if (reading.status() == AnchorReading.Status.UNAVAILABLE) {
                LOG.warnf("Audit anchor %s could not be read: %s", reading.anchor(), Problems.clip(reading.note()));
            }
        }
        Check local = lastCheck;
        List<AnchorReading> all = new ArrayList<>(local.anchors());
        all.addAll(readings);
        List<AnchorCheck.Finding> findings = new ArrayList<>(local.findings());
        findings.addAll(found);
        lastCheck = new Check(local.trigger(), local.at(), local.verification(), List.copyOf(all),
                List.copyOf(findings), local.head());
        LOG.infof("Audit journal checked against %d remote anchor reading(s): %d finding(s)", readings.size(),
                found.size());
    }

    /** Appends the events held while read-only, in order; called once the journal passed its checks. */
    private void release() throws IOException {
        for (HeldEvents.Release release : heldEvents.beginRelease(lastSeq)) {
            Set<String> inChain = releasedIds(release.afterSeq());
            int count = 0;
            for (HeldEvents.Held event : release.events()) {
                if (inChain.contains(event.id())) {
                    continue;
                }
                TreeMap<String, String> detail = new TreeMap<>(event.record().detail());
                detail.put("heldId", event.id());
                detail.put("heldAt", event.time());
                AuditRecord r = event.record();
                appendLocked(new AuditRecord(r.actor(), r.role(), r.action(), r.resource(), r.outcome(), r.client(),
                        r.requestId(), detail), true);
                count++;
            }
            heldEvents.finish(release);
            if (count > 0) {
                LOG.warnf("Audit journal: %d event(s) held while it was read-only joined the chain", count);
            }
        }
    }

    private Set<String> releasedIds(long afterSeq) {
        Set<String> ids = new java.util.HashSet<>();
        segments.forEachLine(afterSeq + 1, line -> {
            if (JournalSegments.seqOf(line) > afterSeq && line.contains("\"heldId\":")) {
                try {
                    ids.add(EventLine.parse(line).detail().get("heldId"));
                } catch (Exception e) {
                    // an unreadable line holds no id; the verification reports it
                }
            }
        });
        return ids;
    }

    /** Numbers, chains, writes and fsyncs one event; returns it, with its seq and hash, and its line. */
    public JournalLine append(AuditRecord record) {
        return append(record, false);
    }

    /**
     * @param changeOfState true when the event records a change that must not happen unless its event is
     *        in the chain (an upload's catalog row): refused with 503 while read-only instead of held
     */
    public JournalLine append(AuditRecord record, boolean changeOfState) {
        JournalLine written;
        synchronized (appendLock) {
            awaitRemoteAnchors();
            if (!integrity.writable()) {
                return holdOrRefuse(record, changeOfState);
            }
            try {
                written = appendLocked(record, false);
            } catch (SegmentChanged e) {
                integrity.report(IntegrityFinding.Kind.SEGMENT_CHANGED, e.seq, e.getMessage());
                return holdOrRefuse(record, changeOfState);
            }
        }
        awaitDurable(written.event().seq());
        appended.increment();
        return written;
    }

    private JournalLine holdOrRefuse(AuditRecord record, boolean changeOfState) {
        if (changeOfState) {
            throw refusal();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        HeldEvents.Held event = new HeldEvents.Held(UUID.randomUUID().toString(), now.toString(), record);
        heldEvents.hold(event);
        held.increment();
        return new JournalLine(new AuditEvent(0, event.id(), event.time(), record.actor(), record.role(),
                record.action(), record.resource(), record.outcome(), record.client(), record.requestId(),
                record.detail().isEmpty() ? null : record.detail(), null, null), null);
    }

    /** The 503 a change gets while the journal cannot take its event. */
    ProblemException refusal() {
        List<IntegrityFinding> blocking = integrity.readOnlyFindings();
        return new ProblemException(503, ProblemType.AUDIT_JOURNAL_READ_ONLY, "Audit journal read-only",
                "The vault is read-only, so this change was not made: " + (blocking.isEmpty() ? "the audit journal "
                        + "cannot be written" : blocking.get(0).describe()) + ". Downloads and audit reads still "
                        + "work; an operator recovers the journal as docs/audit-recovery.md describes.",
                Map.of("findings", blocking.stream().map(IntegrityFinding::describe).toList()),
                Map.of("Retry-After", "300"));
    }

    /** Under appendLock. {@code sync}: fsync before returning (the open and release paths). */
    private JournalLine appendLocked(AuditRecord record, boolean sync) throws SegmentChanged {
        Instant now = clock.instant();
        AuditEvent draft = new AuditEvent(lastSeq + 1, UUID.randomUUID().toString(),
                now.truncatedTo(ChronoUnit.MILLIS).toString(), record.actor(), record.role(), record.action(),
                record.resource(), record.outcome(), record.client(), record.requestId(),
                record.detail().isEmpty() ? null : record.detail(), lastHash, null);
        String line = EventLine.seal(draft);
        AuditEvent sealed = draft.withHash(EventLine.claimedHash(line));
        write(now, sealed.seq(), line);
        moveHead(sealed.seq(), sealed.hash());
        writtenSeq = lastSeq;
        if (sync) {
            awaitDurable(lastSeq);
            appended.increment();
        }
        return new JournalLine(sealed, line);
    }

    /**
     * Appends lines restored from an outside copy (the index, S3, CloudWatch) verbatim, after checking
     * that they continue the chain from the head; for recovery only, and allowed while read-only.
     *
     * @return how many were appended
     */
    public int appendRestored(List<String> lines) {
        synchronized (appendLock) {
            awaitRemoteAnchors();
            ChainVerifier check = new ChainVerifier(lastSeq, lastHash);
            lines.forEach(check::accept);
            VerificationResult result = check.result();
            if (!result.ok()) {
                throw new IllegalArgumentException("the restored lines do not continue the chain from event " + lastSeq
                        + ": " + result.findings().get(0).message());
            }
            for (String line : lines) {
                AuditEvent event;
                try {
                    event = EventLine.parse(line);
                } catch (Exception e) {
                    throw new IllegalArgumentException("a restored line is no event", e);
                }
                try {
                    write(Instant.parse(event.time()), event.seq(), line);
                } catch (SegmentChanged e) {
                    integrity.report(IntegrityFinding.Kind.SEGMENT_CHANGED, e.seq, e.getMessage());
                    throw refusal();
                }
                moveHead(event.seq(), event.hash());
                writtenSeq = lastSeq;
            }
            awaitDurable(lastSeq);
            return lines.size();
        }
    }

    /**
     * Appends a confirmed gap event after the head, numbered past the last lost event, while read-only.
     * {@code record} carries the signed statement; {@code lostTo} is the last lost sequence number.
     */
    public JournalLine appendGap(AuditRecord record, long lostTo) {
        synchronized (appendLock) {
            awaitRemoteAnchors();
            if (lostTo < lastSeq) {
                throw new IllegalStateException("a gap must end at or after the head (" + lastSeq + ")");
            }
            lastSeq = lostTo;
            // The gap starts a segment of its own: the segment before keeps the bytes it has, so it stays
            // a prefix of whatever copy of it the backup and the digests hold.
            synchronized (syncLock) {
                closeCurrent();
            }
            freshSegment = true;
            try {
                return appendLocked(record, true);
            } catch (SegmentChanged e) {
                integrity.report(IntegrityFinding.Kind.SEGMENT_CHANGED, e.seq, e.getMessage());
                throw refusal();
            }
        }
    }

    private AuditRecord systemRecord(String action, String resource, Map<String, Object> detail) {
        return new AuditRecord("system", "system", action, resource, Outcome.SUCCESS.value(), null, null,
                AuditRecord.details(detail));
    }

    private void write(Instant now, long seq, String line) throws SegmentChanged {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            String hour = HOUR.format(now);
            if (current == null || !hour.equals(current.hour)) {
                roll(seq, hour);
            }
            current.checkUnchanged(seq);
            try {
                current.writeFully(bytes);
            } catch (IOException e) {
                current.takeBack(seq, e);
                if (!noSpace(e) || !reserve.release(bytes.length)) {
                    throw e;
                }
                try {
                    current.writeFully(bytes);
                } catch (IOException again) {
                    current.takeBack(seq, again);
                    throw again;
                }
            }
        } catch (SegmentChanged e) {
            throw e;
        } catch (IOException e) {
            if (noSpace(e)) {
                throw new ProblemException(507, ProblemType.VOLUME_FULL, "Data volume full",
                        "The data volume is full and the audit journal's reserve is used up, so the event of this "
                                + "request could not be recorded and the request was not made; free space on the "
                                + "volume.");
            }
            throw new ProblemException(503, ProblemType.AUDIT_JOURNAL_UNAVAILABLE, "Audit journal unavailable",
                    "The audit journal could not be written (" + e.getMessage() + "), so this request was not made. "
                            + "Try again shortly.", Map.of(), Map.of("Retry-After", "30"));
        }
    }

    private static boolean noSpace(IOException e) {
        return String.valueOf(e.getMessage()).contains("No space left");
    }

    private void roll(long firstSeq, String hour) throws IOException {
        synchronized (syncLock) {
            if (current != null) {
                current.force();
                current.checkUnchanged(firstSeq);
                syncedSeq = writtenSeq;
                closeCurrent();
            }
        }
        List<Path> all = segments.list();
        Path newest = all.isEmpty() ? null : all.get(all.size() - 1);
        boolean continueNewest = !freshSegment && newest != null
                && newest.getFileName().toString().endsWith("_" + hour + ".jsonl");
        freshSegment = false;
        Path segment = continueNewest ? newest : segments.pathFor(firstSeq, hour);
        current = OpenSegment.open(segment, hour, segments.dir());
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
            OpenSegment segment = current;
            try {
                segment.force();
                segment.checkUnchanged(target);
            } catch (SegmentChanged e) {
                integrity.report(IntegrityFinding.Kind.SEGMENT_CHANGED, seq, e.getMessage());
                throw refusal();
            } catch (IOException e) {
                integrity.report(IntegrityFinding.Kind.APPEND_FAILED, seq, "the journal could not be made durable ("
                        + e.getMessage() + "); its tail is verified again at the next re-check or start");
                throw refusal();
            }
            syncedSeq = target;
        }
    }

    static void fsyncDirectory(Path dir) throws IOException {
        UninterruptibleIo.run(() -> {
            DirectorySync.fsync(dir);
            return null;
        });
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

    /** The newest event's sequence number and hash (its line may still be on its way to stable storage). */
    public ChainHead head() {
        return published;
    }

    /** Under appendLock. */
    private void moveHead(long seq, String hash) {
        lastSeq = seq;
        lastHash = hash;
        published = new ChainHead(seq, hash);
    }

    /** The last verification against the anchors (at start or a re-check). */
    public Check lastCheck() {
        return lastCheck;
    }

    /** Events held back while read-only that have not joined the chain yet. */
    public int heldCount() {
        return heldEvents.count();
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.channel.close();
            } catch (IOException e) {
                LOG.debugf("closing %s: %s", current.path, e.getMessage());
            }
            current = null;
        }
    }

    void close(@Observes ShutdownEvent event) {
        synchronized (appendLock) {
            if (current != null) {
                try {
                    current.force();
                } catch (IOException e) {
                    LOG.warn("closing the audit journal failed", e);
                }
                closeCurrent();
            }
            heldEvents.close();
        }
    }

    /** The segment being appended to: which file it is, and how long the journal made it. */
    private static final class OpenSegment {
        final Path path;
        final String hour;
        final FileChannel channel;
        final Object fileKey;
        long end;

        private OpenSegment(Path path, String hour, FileChannel channel, Object fileKey, long end) {
            this.path = path;
            this.hour = hour;
            this.channel = channel;
            this.fileKey = fileKey;
            this.end = end;
        }

        static OpenSegment open(Path path, String hour, Path dir) throws IOException {
            boolean created = !Files.exists(path);
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            if (created) {
                fsyncDirectory(dir);
            }
            Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            long size = UninterruptibleIo.call(channel::size);
            if (size > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                UninterruptibleIo.run(() -> {
                    try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ)) {
                        reader.read(last, size - 1);
                    }
                    return null;
                });
                if (last.get(0) != '\n') {
                    channel.close();
                    throw new SegmentChanged(0, "segment " + path.getFileName() + " ends in a torn line; the journal "
                            + "never appends onto one");
                }
            }
            return new OpenSegment(path, hour, channel, key, size);
        }

        /**
         * Throws when the file was deleted, replaced, cut or written by someone else since it was opened.
         * Synchronized with {@link #writeFully}: the group commit checks after its fsync while the next
         * append may be between its write and counting its bytes.
         */
        synchronized void checkUnchanged(long seq) throws SegmentChanged {
            Object key;
            long size;
            try {
                key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
                size = UninterruptibleIo.call(channel::size);
            } catch (NoSuchFileException e) {
                throw new SegmentChanged(seq, "audit segment " + path.getFileName() + " was deleted while the vault "
                        + "ran; events from it on are not in the journal any more");
            } catch (IOException e) {
                throw new SegmentChanged(seq, "audit segment " + path.getFileName() + " cannot be checked: "
                        + e.getMessage());
            }
            if (key != null && !key.equals(fileKey)) {
                throw new SegmentChanged(seq, "audit segment " + path.getFileName() + " was replaced by another file "
                        + "while the vault ran");
            }
            if (size != end) {
                throw new SegmentChanged(seq, "audit segment " + path.getFileName() + " is " + size + " bytes long but "
                        + "the journal wrote " + end + ": it was " + (size < end ? "cut" : "written to by someone else")
                        + " while the vault ran");
            }
        }

        synchronized void writeFully(byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            UninterruptibleIo.run(() -> {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                return null;
            });
            end += bytes.length;
        }

        void force() throws IOException {
            UninterruptibleIo.run(() -> {
                channel.force(false);
                return null;
            });
        }

        /** Cuts off whatever part of a failed line reached the file; a line is never left half-written. */
        synchronized void takeBack(long seq, IOException cause) throws SegmentChanged {
            try {
                UninterruptibleIo.run(() -> {
                    channel.truncate(end);
                    channel.force(false);
                    return null;
                });
            } catch (IOException e) {
                throw new SegmentChanged(seq, "a line that could not be written (" + cause.getMessage() + ") could "
                        + "not be taken back either (" + e.getMessage() + "); the torn tail is cut at the next start");
            }
        }
    }

    /** The segment is not the file the journal wrote; thrown before anything is appended to it. */
    static final class SegmentChanged extends IOException {
        final long seq;

        SegmentChanged(long seq, String message) {
            super(message);
            this.seq = seq;
        }
    }
}

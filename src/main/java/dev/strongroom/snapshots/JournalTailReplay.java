package dev.strongroom.snapshots;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strongroom.DirectorySync;
import dev.strongroom.StartupOrder;
import dev.strongroom.VaultConfig;
import dev.strongroom.VaultIdentity;
import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.ChainVerifier;
import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.JournalPreparation;
import dev.strongroom.audit.JournalSegments;
import dev.strongroom.audit.Outcome;
import dev.strongroom.audit.VerificationResult;
import dev.strongroom.backup.BackupConfig;
import dev.strongroom.backup.BackupJson;
import dev.strongroom.backup.Manifest;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.storage.Sha256;
import dev.strongroom.storage.StorageFailure;
import dev.strongroom.restore.ManifestChain;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Continues the audit chain of a volume restored from a snapshot, at the vault's first start on it
 * and before anything is audited: the events the S3 backup holds past the snapshot's last event are
 * appended byte for byte, after checking that they link to it. It must run before the first new
 * event, because a new event at the snapshot's head would fork the chain for good; hence a
 * {@link JournalPreparation} that runs as the journal opens, not an ops call.
 * <p>
 * It runs only when deploy/mount-restored-volume.sh left {@code snapshot-restore/pending.json} on
 * the volume. When S3 cannot be read the vault refuses to start (a later start tries again); when
 * the backup's chain does not link to the snapshot's, nothing is appended, the vault starts, and the
 * reconcile report shows why.
 */
@ApplicationScoped
public class JournalTailReplay implements JournalPreparation {

    private static final Logger LOG = Logger.getLogger(JournalTailReplay.class);
    static final String DIR = "snapshot-restore";
    static final String PENDING = "pending.json";
    static final String RESTORED = "restored.json";
    static final String RESULT = "journal-replay.json";

    private final Path dir;
    private final Path journalDir;
    private final BackupTarget target;
    private final BackupConfig backup;
    private final Auditor auditor;
    private final VaultIdentity identity;
    private volatile ReplayResult thisStart;

    public JournalTailReplay(VaultConfig vault, BackupTarget target, BackupConfig backup, Auditor auditor,
            VaultIdentity identity) {
        this.dir = vault.dataDir().resolve(DIR);
        this.journalDir = vault.dataDir().resolve("audit").resolve("journal");
        this.target = target;
        this.backup = backup;
        this.auditor = auditor;
        this.identity = identity;
    }

    /**
     * Called by the journal as it opens, before it reads its head: whoever uses the journal first
     * (the audit index catching up at start, or a scheduled check racing it) waits for the replay.
     */
    @Override
    public void prepare(JournalSegments segments) {
        Path pending = dir.resolve(PENDING);
        if (!Files.isRegularFile(pending)) {
            return;
        }
        String bucket = backup.bucket().filter(b -> !b.isBlank()).orElseThrow(() -> new IllegalStateException(
                "This data directory was restored from a snapshot (" + pending + ") and its audit journal tail must "
                        + "come from the S3 backup before the vault appends anything, but strongroom.backup.bucket is "
                        + "not set. Set it, or remove " + pending + " to give the tail up (deploy/RUNBOOK.md)."));
        try {
            JsonNode marker = BackupJson.MAPPER.readTree(pending.toFile());
            ReplayResult result = replay(bucket, marker.path("snapshotId").asText(null),
                    marker.path("volumeId").asText(null));
            BackupJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(RESULT).toFile(), result);
            Files.move(pending, dir.resolve(RESTORED), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            thisStart = result;
            if (result.ok()) {
                LOG.warnf("Restored volume: replayed %d audit event(s) %d..%d from s3://%s (%s) after the snapshot's "
                        + "head %d; the chain continues", result.replayed(), result.firstSeq(), result.lastSeq(),
                        bucket, result.manifestKey(), result.localHeadSeq());
            } else {
                LOG.errorf("Restored volume: the audit journal tail was NOT replayed: %s",
                        String.join("; ", result.findings()));
            }
        } catch (StorageFailure e) {
            throw new IllegalStateException("This data directory was restored from a snapshot and its audit journal "
                    + "tail is in s3://" + bucket + ", which cannot be read now (" + e.getMessage() + "). The vault "
                    + "does not start before the tail is replayed, since a new event would fork the chain. Start "
                    + "again when S3 answers, or remove " + pending + " to give the tail up.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replay the audit journal tail into " + journalDir, e);
        }
    }

    /** After the index caught up and upload rows were recovered from the replayed events: say what happened. */
    void auditAtStart(@Observes @Priority(StartupOrder.JOURNAL_TAIL_REPORT) StartupEvent event) {
        ReplayResult result = thisStart;
        if (result == null) {
            return;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("volumeId", result.volumeId());
        detail.put("manifest", result.manifestKey());
        detail.put("snapshotHeadSeq", result.localHeadSeq());
        detail.put("backupHeadSeq", result.backupHeadSeq());
        detail.put("replayed", result.replayed());
        detail.put("findings", String.join("; ", result.findings()));
        auditor.record(SnapshotAction.RESTORE_JOURNAL_REPLAY, "snapshot/" + result.snapshotId(),
                result.ok() ? Outcome.SUCCESS : Outcome.FAILURE, detail);
    }

    /** The replay of the last start on a restored volume, if this volume was ever restored. */
    public Optional<ReplayResult> lastResult() {
        ReplayResult known = thisStart;
        if (known != null) {
            return Optional.of(known);
        }
        Path file = dir.resolve(RESULT);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(BackupJson.MAPPER.readValue(file.toFile(), ReplayResult.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private ReplayResult replay(String bucket, String snapshotId, String volumeId) throws IOException {
        Head local = localHead();
        ManifestChain chain = ManifestChain.newest(target, HostKeys.of(identity.hostId()));
        Manifest.Head backupHead = chain.head().journalHead();
        String manifestKey = chain.links().get(0).key();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long backupSeq = backupHead == null ? 0 : backupHead.seq();
        if (backupSeq <= local.seq()) {
            // The snapshot is as new as the backup or newer: nothing in S3 to add.
            return new ReplayResult(snapshotId, volumeId, now, manifestKey, local.seq(), local.hash(), backupSeq, 0, 0,
                    0, List.of(), true, List.of());
        }
        Path work = Files.createDirectories(dir.resolve("replay-work"));
        try {
            List<String> findings = new ArrayList<>();
            ChainVerifier verifier = new ChainVerifier(local.seq(), local.hash());
            Map<Manifest.SegmentEntry, List<String>> tail = new LinkedHashMap<>();
            for (Manifest.SegmentEntry segment : chain.journalSegments()) {
                if (segment.lastSeq() <= local.seq()) {
                    continue;
                }
                Path copy = work.resolve(HostKeys.segmentName(segment.key()));
                chain.fetchToFile(target, segment.key(), segment.versionId(), segment.sha256(), copy);
                List<String> lines = new ArrayList<>();
                for (String line : Files.readAllLines(copy, StandardCharsets.UTF_8)) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    AuditEvent parsed = EventLine.parse(line);
                    if (parsed.seq() < local.seq()) {
                        continue;
                    }
                    if (parsed.seq() == local.seq()) {
                        if (!local.hash().equals(EventLine.claimedHash(line))) {
                            findings.add("the backup's event " + parsed.seq() + " is not the snapshot's event "
                                    + parsed.seq() + ": the two journals diverged, so the backup's tail does not "
                                    + "continue this chain");
                        }
                        continue;
                    }
                    verifier.accept(line);
                    lines.add(line);
                }
                tail.put(segment, lines);
            }
            VerificationResult verified = verifier.result();
            verified.findings().forEach(f -> findings.add("backup journal: " + f.message()));
            if (verified.head() == null || verified.head().seq() != backupSeq) {
                findings.add("the backup's journal ends at " + (verified.head() == null ? "nothing" : "seq "
                        + verified.head().seq()) + ", not at the manifest's head " + backupSeq);
            }
            if (!findings.isEmpty()) {
                return new ReplayResult(snapshotId, volumeId, now, manifestKey, local.seq(), local.hash(), backupSeq, 0,
                        0, 0, List.of(), false, List.copyOf(findings));
            }
            boolean identical = true;
            List<String> written = new ArrayList<>();
            long count = 0;
            for (Map.Entry<Manifest.SegmentEntry, List<String>> entry : tail.entrySet()) {
                if (entry.getValue().isEmpty()) {
                    continue;
                }
                String name = HostKeys.segmentName(entry.getKey().key());
                Path target = Files.createDirectories(journalDir).resolve(name);
                StringBuilder bytes = new StringBuilder();
                entry.getValue().forEach(l -> bytes.append(l).append('\n'));
                try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    out.write(java.nio.ByteBuffer.wrap(bytes.toString().getBytes(StandardCharsets.UTF_8)));
                    out.force(true);
                }
                identical &= Sha256.hexOf(target).equals(entry.getKey().sha256());
                written.add(name);
                count += entry.getValue().size();
            }
            DirectorySync.fsync(journalDir);
            return new ReplayResult(snapshotId, volumeId, now, manifestKey, local.seq(), local.hash(), backupSeq, count,
                    local.seq() + 1, backupSeq, written, identical, List.of());
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private record Head(long seq, String hash) {
    }

    /**
     * The snapshot's last complete event. An EBS snapshot is crash-consistent, so the newest segment
     * may end in a torn line; that line was never acknowledged and is cut off, as the journal itself
     * does when it opens.
     */
    private Head localHead() throws IOException {
        List<Path> segments = new JournalSegments(journalDir).list();
        for (int i = segments.size() - 1; i >= 0; i--) {
            Path segment = segments.get(i);
            cutTornTail(segment);
            String last = null;
            for (String line : Files.readAllLines(segment, StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    last = line;
                }
            }
            if (last != null) {
                return new Head(EventLine.parse(last).seq(), EventLine.claimedHash(last));
            }
        }
        return new Head(0, AuditEvent.GENESIS_HASH);
    }

    private static void cutTornTail(Path segment) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            long end = file.length();
            while (end > 0) {
                file.seek(end - 1);
                if (file.read() == '\n') {
                    break;
                }
                end--;
            }
            if (end < file.length()) {
                LOG.warnf("Restored journal %s ended in a torn line of %d bytes; cut off (never acknowledged)",
                        segment, file.length() - end);
                file.setLength(end);
                file.getFD().sync();
            }
        }
    }
}

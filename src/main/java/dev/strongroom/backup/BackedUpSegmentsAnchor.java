package dev.strongroom.backup;

import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.ListedObject;
import dev.strongroom.storage.Sha256;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.storage.StorageFailure;
import dev.strongroom.VaultConfig;
import dev.strongroom.VaultIdentity;
import dev.strongroom.audit.AnchorReading;
import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.IntegrityFinding;
import dev.strongroom.audit.JournalAnchor;
import dev.strongroom.audit.JournalSegments;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal segments backed up to S3 as an anchor: the catalog's record of what each backup run
 * confirmed in the bucket ({@code backup_journal_segment}), and this host's {@code journal/} objects in the
 * bucket. A segment the backup holds that the journal lacks, or holds longer, means the journal
 * was shortened; one whose backed-up bytes differ from the journal's, that it was rewritten.
 */
@ApplicationScoped
public class BackedUpSegmentsAnchor implements JournalAnchor {

    static final String NAME = "journal segments backed up to S3";
    private static final long TAIL = 256 * 1024;

    private final JournalSegments segments;
    private final BackupConfig config;
    private final BackupTarget target;
    private final VaultIdentity identity;

    public BackedUpSegmentsAnchor(VaultConfig vault, BackupConfig config, BackupTarget target, VaultIdentity identity) {
        this.segments = new JournalSegments(vault.dataDir().resolve("audit").resolve("journal"));
        this.config = config;
        this.target = target;
        this.identity = identity;
    }

    @Override
    public List<AnchorReading> readLocal() {
        String name = NAME + " (the catalog's record)";
        List<JournalSegmentUpload> rows = QuarkusTransaction.requiringNew().call(
                () -> JournalSegmentUpload.of(identity.hostId()));
        if (rows.isEmpty()) {
            return List.of(AnchorReading.read(name, List.of(), "no segment backed up yet"));
        }
        List<AnchorReading.Direct> findings = new ArrayList<>();
        List<AnchorReading.Point> points = new ArrayList<>();
        for (JournalSegmentUpload row : rows) {
            Path local = segments.dir().resolve(row.name);
            long size = sizeOf(local);
            if (size < row.sizeBytes) {
                // The backup holds at least the event after the journal's copy ends: its number, not its hash,
                // is all the record tells (the bucket's own reading has the hash).
                String last = size > 0 ? JournalSegments.lastCompleteLine(local) : null;
                long next = (last == null ? JournalSegments.firstSeqOf(local) - 1 : JournalSegments.seqOf(last)) + 1;
                points.add(new AnchorReading.Point(next, null, "segment " + row.name + ": " + row.sizeBytes
                        + " bytes backed up to S3 at " + row.uploadedAt + ", " + Math.max(0, size)
                        + " in the journal"));
            } else if (row == rows.get(rows.size() - 1)) {
                String sha256 = Sha256.hexOfPrefix(local, row.sizeBytes);
                if (!row.sha256.equals(sha256)) {
                    findings.add(new AnchorReading.Direct(IntegrityFinding.Kind.SEQUENCE_REUSED,
                            JournalSegments.firstSeqOf(local), "the first " + row.sizeBytes + " bytes of segment "
                                    + row.name + " are not the bytes backed up to S3 at " + row.uploadedAt
                                    + ": the segment was rewritten since"));
                }
            }
        }
        return List.of(new AnchorReading(name, AnchorReading.Status.READ, points, findings, rows.size()
                + " segment(s) recorded, newest " + rows.get(rows.size() - 1).name));
    }

    @Override
    public List<AnchorReading> readRemote() {
        if (config.bucket().filter(b -> !b.isBlank()).isEmpty()) {
            return List.of(AnchorReading.notConfigured(NAME, "no backup bucket is configured"));
        }
        String bucket = config.bucket().get();
        try {
            List<AnchorReading.Point> points = new ArrayList<>();
            List<AnchorReading.Direct> findings = new ArrayList<>();
            String newestLocal = newestLocal();
            int objects = 0;
            HostKeys keys = HostKeys.of(identity.hostId());
            for (ListedObject object : target.list(keys.journal())) {
                objects++;
                String name = HostKeys.segmentName(object.key());
                long size = sizeOf(segments.dir().resolve(name));
                if (size >= object.size()) {
                    continue;
                }
                String last = lastLine(object);
                if (last != null) {
                    points.add(new AnchorReading.Point(JournalSegments.seqOf(last), EventLine.claimedHash(last),
                            "s3://" + bucket + "/" + object.key()));
                } else {
                    boolean newest = newestLocal == null || name.compareTo(newestLocal) >= 0;
                    findings.add(new AnchorReading.Direct(newest ? IntegrityFinding.Kind.SHORTER_THAN_ANCHOR
                            : IntegrityFinding.Kind.CHAIN_BROKEN, 0, "s3://" + bucket + "/" + object.key() + " holds "
                                    + object.size() + " bytes, the journal's copy " + Math.max(0, size)));
                }
            }
            return List.of(new AnchorReading(NAME + " (the bucket)", AnchorReading.Status.READ, points, findings,
                    objects + " object(s) under " + keys.journal()));
        } catch (StorageFailure | IOException e) {
            return List.of(AnchorReading.unavailable(NAME + " (the bucket)", e.getClass().getSimpleName() + ": "
                    + e.getMessage()));
        }
    }

    /** The last complete line of a segment object, read from its end. */
    private String lastLine(ListedObject object) throws IOException {
        String tail;
        try (InputStream end = target.openFrom(object.key(), null, Math.max(0, object.size() - TAIL))) {
            tail = new String(end.readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] lines = tail.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (JournalSegments.seqOf(lines[i]) >= 0 && EventLine.claimedHash(lines[i]) != null) {
                return lines[i];
            }
        }
        return null;
    }

    private String newestLocal() {
        List<Path> all = segments.list();
        return all.isEmpty() ? null : all.get(all.size() - 1).getFileName().toString();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}

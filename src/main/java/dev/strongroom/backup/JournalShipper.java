package dev.strongroom.backup;

import dev.strongroom.storage.Sha256;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.VaultIdentity;
import dev.strongroom.audit.AuditJournal;
import dev.strongroom.audit.ChainHead;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Ships the audit journal to {@code hosts/<host-id>/journal/<segment file name>}. Sealed segments (earlier hours) go
 * up once, byte for byte. The segment still being written goes up as its complete lines up to the
 * chain head of this run, so a restore gets the audit trail up to the run, not only up to the last
 * full hour; S3 versioning keeps each of those snapshots, and the manifest names the version.
 */
@ApplicationScoped
public class JournalShipper {

    private static final Logger LOG = Logger.getLogger(JournalShipper.class);

    private static final Pattern SEQ = Pattern.compile("^\\{\"seq\":(\\d+),");

    private final AuditJournal journal;
    private final BackupTarget target;
    private final VaultIdentity identity;

    public JournalShipper(AuditJournal journal, BackupTarget target, VaultIdentity identity) {
        this.journal = journal;
        this.target = target;
        this.identity = identity;
    }

    /** One segment version in S3. */
    public record ShippedSegment(String key, String versionId, String sha256, long size, long firstSeq, long lastSeq) {
    }

    /** Uploads every segment whose content up to {@code head} is not in S3 yet. */
    public List<ShippedSegment> ship(ChainHead head, Path workDir) {
        List<ShippedSegment> shipped = new ArrayList<>();
        String host = identity.hostId();
        HostKeys keys = HostKeys.of(host);
        adoptUnrecorded(host);
        // One read of what was shipped, not one per segment: a segment a hour, and a run walks them all.
        Map<String, JournalSegmentUpload> uploaded = QuarkusTransaction.requiringNew().call(() -> JournalSegmentUpload
                .of(host).stream().collect(Collectors.toMap(u -> u.name, u -> u)));
        for (Path segment : journal.segments().list()) {
            String name = segment.getFileName().toString();
            JournalSegmentUpload last = uploaded.get(name);
            try {
                if (last != null && Files.size(segment) == last.sizeBytes) {
                    continue;
                }
                Path cut = workDir.resolve(name);
                long[] seqs = cutAtHead(segment, head.seq(), cut);
                long size = Files.size(cut);
                if (size == 0 || (last != null && size == last.sizeBytes)) {
                    continue;
                }
                if (last != null && size < last.sizeBytes) {
                    // The copy in S3 may be what recovers the journal; after a sealed gap it is the evidence
                    // of what was lost. Either way it is never overwritten by fewer bytes.
                    LOG.warnf("Audit segment %s holds %d bytes, fewer than the %d already backed up; its backup is "
                            + "kept as it is (the journal's verification reports or a gap event seals the loss)", name,
                            size, last.sizeBytes);
                    continue;
                }
                String sha256 = Sha256.hexOf(cut);
                String key = keys.journal(name);
                String versionId = target.putFile(key, cut, "application/x-ndjson", sha256);
                QuarkusTransaction.requiringNew().run(() -> {
                    JournalSegmentUpload row = JournalSegmentUpload.find(host, name);
                    if (row == null) {
                        row = new JournalSegmentUpload();
                        row.hostId = host;
                        row.name = name;
                    }
                    row.sizeBytes = size;
                    row.sha256 = sha256;
                    row.versionId = versionId;
                    row.uploadedAt = Instant.now();
                    row.persist();
                });
                shipped.add(new ShippedSegment(key, versionId, sha256, size, seqs[0], seqs[1]));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read audit segment " + segment, e);
            }
        }
        return shipped;
    }

    /**
     * Takes over the rows from before hosts were recorded ({@link JournalSegmentUpload#UNRECORDED}) whose bytes
     * are the start of this host's segment of that name: those were shipped from this journal. A row no local
     * segment matches belongs to another host's journal and is left for that host; a name alone would not do,
     * since every host's segments are named by the hour.
     */
    private void adoptUnrecorded(String host) {
        List<JournalSegmentUpload> unrecorded = QuarkusTransaction.requiringNew().call(
                () -> JournalSegmentUpload.of(JournalSegmentUpload.UNRECORDED));
        for (JournalSegmentUpload row : unrecorded) {
            Path local = journal.segments().dir().resolve(row.name);
            try {
                if (!Files.isRegularFile(local) || Files.size(local) < row.sizeBytes
                        || !row.sha256.equals(Sha256.hexOfPrefix(local, row.sizeBytes))) {
                    continue;
                }
            } catch (IOException | UncheckedIOException e) {
                LOG.warnf("Cannot read audit segment %s to adopt its backup record (%s); the next run tries again",
                        local, e.getMessage());
                continue;
            }
            QuarkusTransaction.requiringNew().run(() -> {
                if (JournalSegmentUpload.find(host, row.name) == null) {
                    JournalSegmentUpload.getEntityManager().createNativeQuery("update backup_journal_segment "
                            + "set host_id = ?1 where host_id = ?2 and name = ?3").setParameter(1, host)
                            .setParameter(2, JournalSegmentUpload.UNRECORDED).setParameter(3, row.name)
                            .executeUpdate();
                }
            });
        }
    }

    /** Copies the complete lines with seq at most {@code headSeq}; returns the first and last seq copied. */
    private static long[] cutAtHead(Path segment, long headSeq, Path target) throws IOException {
        long first = 0;
        long lastSeq = 0;
        try (BufferedReader reader = Files.newBufferedReader(segment, StandardCharsets.UTF_8);
                OutputStream out = Files.newOutputStream(target)) {
            String line;
            while ((line = reader.readLine()) != null) {
                Matcher m = SEQ.matcher(line);
                if (!m.find()) {
                    break;
                }
                long seq = Long.parseLong(m.group(1));
                if (seq > headSeq) {
                    break;
                }
                if (first == 0) {
                    first = seq;
                }
                lastSeq = seq;
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return new long[] { first, lastSeq };
    }
}

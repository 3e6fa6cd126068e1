package dev.strongroom.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One run's immutable record in {@code manifests/<run-id>.json} (docs/backup-format.md). It lists
 * what the run confirmed (documents since the previous manifest, the catalog export, the journal
 * segment versions it shipped) and the SHA-256 of the previous manifest, so the manifests form a
 * chain that a restore walks back and verifies.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(String format, int version, Run run, String bucket, Previous previous, List<DocumentEntry> documents,
        ObjectRef catalog, List<SegmentEntry> journal, Head journalHead, ObjectRef checksums, ObjectRef versions) {

    public static final String FORMAT = "strongroom-backup-manifest";
    public static final int VERSION = 1;

    public record Run(String id, String trigger, String triggeredBy, Instant startedAt, Instant finishedAt, int planned,
            int uploaded, int adopted, int failed, long bytes) {
    }

    /** The manifest before this one; null for the first. */
    public record Previous(String key, String sha256) {
    }

    public record DocumentEntry(String id, String key, String versionId, String sha256, long size, boolean multipart) {
    }

    public record ObjectRef(String key, String versionId, String sha256, long size) {
    }

    public record SegmentEntry(String key, String versionId, String sha256, long size, long firstSeq, long lastSeq) {
    }

    public record Head(long seq, String hash) {
    }
}

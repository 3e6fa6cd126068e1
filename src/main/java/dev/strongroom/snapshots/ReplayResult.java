package dev.strongroom.snapshots;

import java.time.Instant;
import java.util.List;

/**
 * What the start on a restored volume did with the audit journal tail from S3.
 *
 * @param localHeadSeq the restored journal's last event (the snapshot's moment in the chain)
 * @param backupHeadSeq the last event the newest backup shipped
 * @param replayed events appended, {@code firstSeq} to {@code lastSeq}; 0 when there was nothing newer
 * @param segmentsIdenticalToBackup every segment written is now byte-identical to its backup copy
 * @param findings why nothing was replayed although the backup is ahead (the chains diverged); empty when fine
 */
public record ReplayResult(String snapshotId, String volumeId, Instant replayedAt, String manifestKey,
        long localHeadSeq, String localHeadHash, long backupHeadSeq, long replayed, long firstSeq, long lastSeq,
        List<String> segments, boolean segmentsIdenticalToBackup, List<String> findings) {

    public boolean ok() {
        return findings.isEmpty();
    }
}

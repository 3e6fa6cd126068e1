package dev.strongroom.snapshots;

import java.time.Instant;
import java.util.List;

/**
 * Snapshot protection on one screen: the DLM policy's state and compliance, how many snapshots the
 * data volume has and how old the newest completed one is.
 *
 * @param newestAgeSeconds null when there is no completed snapshot
 * @param problems plain sentences; empty when all is well
 */
public record SnapshotStatus(boolean configured, InstanceIdentity instance, PolicyStatus policy, int snapshotCount,
        String newestSnapshotId, Instant newestSnapshotTime, Long newestAgeSeconds, long maxAgeSeconds,
        Instant checkedAt, List<String> problems) {
}

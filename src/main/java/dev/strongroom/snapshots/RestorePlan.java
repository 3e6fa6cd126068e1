package dev.strongroom.snapshots;

import java.time.Instant;
import java.util.Map;

/**
 * What restoring a snapshot will do: a new encrypted volume of {@code volumeType} from the snapshot
 * in the instance's zone, with {@code tags}, attached to the instance at {@code device}. The
 * current data volume is not touched.
 */
public record RestorePlan(String snapshotId, Instant snapshotTime, String snapshotVolumeId, String instanceId,
        String availabilityZone, String device, String volumeType, boolean encrypted, String kmsKeyId,
        String replacesVolumeId, Map<String, String> tags) {
}

package dev.strongroom.snapshots;

import java.time.Instant;
import java.util.List;

/**
 * A restore from a snapshot, live while it runs.
 *
 * @param state running, succeeded, failed; "planned" for a dry run, which changes nothing
 * @param volumeId the new volume, once created
 * @param next what a person does next, on the host (deploy/mount-restored-volume.sh) and then here
 */
public record VolumeRestoreView(String id, boolean dryRun, String state, String requestedBy, Instant startedAt,
        Instant finishedAt, RestorePlan plan, String volumeId, List<RestoreStep> steps, String error,
        List<String> next) {
}

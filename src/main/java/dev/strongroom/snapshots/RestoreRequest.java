package dev.strongroom.snapshots;

/**
 * Body of POST /api/snapshots/restores.
 *
 * @param dryRun true (or absent: restoring is never the default) only checks and shows the plan
 */
public record RestoreRequest(String snapshotId, Boolean dryRun) {
}

package dev.strongroom.snapshots;

import java.time.Instant;
import java.util.List;

/**
 * One step of a snapshot restore as ops see it while it runs.
 *
 * @param state pending, running, done or failed
 * @param observed the EC2 states seen while waiting, in order (e.g. creating, available)
 */
public record RestoreStep(String name, String state, Instant startedAt, Instant finishedAt, String detail,
        List<String> observed) {
}

package dev.strongroom.jobs;

import java.time.Instant;

/**
 * What the API shows of a job while it runs: its id, its phase and how far it is. Capabilities extend
 * it with their own counters; the runner only needs to know which run is in progress.
 */
public class JobProgress {

    private final String id;
    private final Instant startedAt;
    private volatile String phase;
    private volatile int percent;

    public JobProgress(String id, Instant startedAt, String phase) {
        this.id = id;
        this.startedAt = startedAt;
        this.phase = phase;
    }

    public String id() {
        return id;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public String phase() {
        return phase;
    }

    public int percent() {
        return percent;
    }

    /** The job moved on to {@code next}; the percentage is kept. */
    public void phase(String next) {
        phase = next;
    }

    public void at(String next, int nextPercent) {
        phase = next;
        percent = nextPercent;
    }
}

package dev.strongroom.backup;

import dev.strongroom.jobs.JobProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of the run in progress, read by the API while upload threads update them, and the
 * last moment the run did anything (a byte read for S3, a document confirmed or failed, a phase
 * begun), from which a stall is told.
 */
final class RunProgress extends JobProgress {

    private static final int MAX_ERRORS = 20;

    volatile int planned;
    final AtomicInteger uploaded = new AtomicInteger();
    final AtomicInteger adopted = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicLong bytes = new AtomicLong();
    private final List<String> errors = new ArrayList<>();
    private volatile Instant lastProgressAt;
    /** Set while a stall has been reported, so it is reported once, and its end too. */
    volatile Instant stallReportedAt;

    RunProgress(String runId, Instant startedAt) {
        super(runId, startedAt, "planning");
        this.lastProgressAt = startedAt;
    }

    synchronized void error(String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(message);
        }
    }

    synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    int done() {
        return uploaded.get() + adopted.get() + failed.get();
    }

    @Override
    public void phase(String next) {
        super.phase(next);
        touch();
    }

    /** The run did something just now. */
    void touch() {
        lastProgressAt = Instant.now();
    }

    Instant lastProgressAt() {
        return lastProgressAt;
    }

    /** How long the run has done nothing, as of {@code now}. */
    Duration idle(Instant now) {
        Duration idle = Duration.between(lastProgressAt, now);
        return idle.isNegative() ? Duration.ZERO : idle;
    }
}

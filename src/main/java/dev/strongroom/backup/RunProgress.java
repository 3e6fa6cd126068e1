package dev.strongroom.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters of the run in progress, read by the API while upload threads update them. */
final class RunProgress {

    private static final int MAX_ERRORS = 20;

    final String runId;
    final Instant startedAt;
    volatile int planned;
    volatile String phase = "planning";
    final AtomicInteger uploaded = new AtomicInteger();
    final AtomicInteger adopted = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicLong bytes = new AtomicLong();
    private final List<String> errors = new ArrayList<>();

    RunProgress(String runId, Instant startedAt) {
        this.runId = runId;
        this.startedAt = startedAt;
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
}

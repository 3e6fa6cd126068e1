package dev.strongroom.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Background work (metadata extraction) gives way to uploads, but never waits past its bound. */
class UploadActivityTest {

    @Test
    void anIdleVaultIsQuietAtOnce() throws InterruptedException {
        UploadActivity activity = new UploadActivity();
        long started = System.nanoTime();
        assertTrue(activity.awaitQuiet(Duration.ofSeconds(5)));
        assertTrue(millisSince(started) < 100, "waited " + millisSince(started) + " ms with no upload running");
    }

    @Test
    void waitsForTheRunningUploadAndAQuietPeriodAfterIt() throws InterruptedException {
        UploadActivity activity = new UploadActivity();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        try {
            activity.started();
            clock.schedule(activity::ended, 300, TimeUnit.MILLISECONDS);
            long started = System.nanoTime();
            assertTrue(activity.awaitQuiet(Duration.ofSeconds(5)));
            long waited = millisSince(started);
            assertTrue(waited >= 300 + UploadActivity.QUIET.toMillis() - 20,
                    "background work resumed " + waited + " ms after the upload began, before it ended and the "
                            + "vault had been quiet for " + UploadActivity.QUIET.toMillis() + " ms");
        } finally {
            clock.shutdownNow();
        }
    }

    @Test
    void aBurstThatDoesNotEndHoldsBackgroundWorkOnlyForTheBound() throws InterruptedException {
        UploadActivity activity = new UploadActivity();
        activity.started();
        long started = System.nanoTime();
        assertFalse(activity.awaitQuiet(Duration.ofMillis(400)));
        long waited = millisSince(started);
        assertTrue(waited >= 400 && waited < 2_000, "waited " + waited + " ms for a bound of 400 ms");
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}

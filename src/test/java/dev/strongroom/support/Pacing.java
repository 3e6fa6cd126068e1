package dev.strongroom.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

/**
 * Moments on the clock that a scenario waits for, where time itself is the condition: a client that
 * trickles its bytes, a kill at a random moment of a run, a session left idle past its timeout.
 */
public final class Pacing {

    private Pacing() {
    }

    /** Returns once {@code duration} has passed. */
    public static void pause(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        await("a pause of " + duration).atMost(duration.plusMinutes(1)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(Math.max(1, Math.min(50, duration.toMillis() / 10))))
                .until(() -> System.nanoTime() - until >= 0);
    }
}

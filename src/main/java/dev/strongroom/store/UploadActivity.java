package dev.strongroom.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether uploads or downloads are running, for background work that should give way to them.
 * Extracting metadata takes a whole core per document (and seconds to load its models); during a
 * burst of uploads or a large download it would take that core from the transfers themselves, which
 * are what people wait for. Background work asks {@link #awaitQuiet} before each item and so runs
 * between transfers, or at a trickle during a long burst. It lives in {@code store}, beside the
 * bytes it counts, because ingest (uploads), catalog (downloads) and metadata (background work) all
 * use it and none of them may depend on another for it.
 */
@ApplicationScoped
public class UploadActivity {

    /** How long no upload must have been running before the vault counts as quiet. */
    static final Duration QUIET = Duration.ofMillis(250);
    private static final long POLL_MILLIS = 50;

    private final AtomicInteger running = new AtomicInteger();
    private volatile long lastEndNanos = System.nanoTime() - QUIET.toNanos();

    /** An upload began receiving; {@link #ended()} must follow once it is stored or refused. */
    public void started() {
        running.incrementAndGet();
    }

    public void ended() {
        lastEndNanos = System.nanoTime();
        running.decrementAndGet();
    }

    /** A download began sending; {@link #downloadEnded()} must follow once its response has ended. */
    public void downloadStarted() {
        started();
    }

    public void downloadEnded() {
        ended();
    }

    /** True when no upload or download is running and none ended within {@link #QUIET}. */
    public boolean quiet() {
        return running.get() == 0 && System.nanoTime() - lastEndNanos >= QUIET.toNanos();
    }

    /**
     * Waits until the vault is {@link #quiet()}, but no longer than {@code atMost}, so that background
     * work still moves during an upload burst that does not end.
     *
     * @return true when it became quiet, false when {@code atMost} ran out first
     */
    public boolean awaitQuiet(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!quiet()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }
}

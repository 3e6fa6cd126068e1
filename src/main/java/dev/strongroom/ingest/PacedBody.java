package dev.strongroom.ingest;

import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;

/**
 * An upload body that must keep up a minimum average rate once its grace period is over. A client
 * trickling a few bytes at a time (slow-loris) would otherwise hold a worker thread and a temp file for
 * as long as it likes, since every byte resets the connection's idle timeout.
 */
final class PacedBody extends FilterInputStream {

    private final long minBytesPerSecond;
    private final long graceNanos;
    /** From the first read, not construction: time the server spent before reading is not the client's. */
    private long started = -1;
    private long received;

    PacedBody(InputStream body, long minBytesPerSecond, Duration grace) {
        super(body);
        this.minBytesPerSecond = minBytesPerSecond;
        this.graceNanos = grace.toNanos();
    }

    @Override
    public int read() throws IOException {
        startClock();
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        startClock();
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void startClock() {
        if (started < 0) {
            started = System.nanoTime();
        }
    }

    /** Judged only as bytes arrive: a body that has ended is never refused for how long it took. */
    private void count(int n) {
        received += n;
        long elapsed = System.nanoTime() - started;
        if (elapsed <= graceNanos) {
            return;
        }
        double seconds = elapsed / 1e9;
        if (received / seconds < minBytesPerSecond) {
            throw new ProblemException(408, ProblemType.UPLOAD_TOO_SLOW, "Upload too slow",
                    String.format("The upload arrived too slowly: %d bytes in %.1f s, below the minimum of %d bytes "
                            + "per second; nothing was stored", received, seconds, minBytesPerSecond),
                    Map.of("receivedBytes", received, "minBytesPerSecond", minBytesPerSecond), Map.of());
        }
    }
}

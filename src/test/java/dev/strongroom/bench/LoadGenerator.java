package dev.strongroom.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Drives N concurrent clients for a fixed time, each calling one request in a tight loop, and
 * measures completed requests per second and the latency distribution. Every target (the vault,
 * nginx, the disk loop) goes through this same loop, so the comparison is between the targets and
 * not between load generators. Java 17 has no virtual threads, hence one platform thread per client.
 */
public final class LoadGenerator {

    /** One request; returns the HTTP status (or any code the caller treats as the outcome). */
    @FunctionalInterface
    public interface Call {
        int run(int client, long iteration) throws Exception;
    }

    /** What a run measured. Latencies are of the requests that got the expected status. */
    public record Result(long ok, long failed, double seconds, double perSecond, double p50Millis, double p99Millis,
            double maxMillis, Map<Integer, Long> statuses, String firstError) {

        public String summary() {
            return String.format("%d ok, %d failed in %.1f s: %.1f/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, statuses %s%s",
                    ok, failed, seconds, perSecond, p50Millis, p99Millis, maxMillis, statuses,
                    firstError == null ? "" : ", first error: " + firstError);
        }
    }

    private LoadGenerator() {
    }

    /**
     * Runs {@code warmUp} first and throws its figures away (JIT, connection pools, page cache), then
     * measures for {@code duration}.
     */
    public static Result run(int clients, Duration warmUp, Duration duration, int expected, Call call) {
        if (!warmUp.isZero()) {
            measure(clients, warmUp, expected, call, 1L << 40);
        }
        return measure(clients, duration, expected, call, 0);
    }

    private static Result measure(int clients, Duration duration, int expected, Call call, long firstIteration) {
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "load-client");
            t.setDaemon(true);
            return t;
        });
        try {
            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            List<Future<ClientTally>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> loop(client, deadline, expected, call, firstIteration)));
            }
            List<ClientTally> tallies = new ArrayList<>();
            for (Future<ClientTally> f : futures) {
                tallies.add(f.get(duration.toSeconds() + 300, TimeUnit.SECONDS));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return combine(tallies, seconds);
        } catch (Exception e) {
            throw new IllegalStateException("load run failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ClientTally loop(int client, long deadline, int expected, Call call, long firstIteration) {
        ClientTally tally = new ClientTally();
        long i = firstIteration;
        while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            int status;
            try {
                status = call.run(client, i++);
            } catch (Exception e) {
                status = -1;
                if (tally.firstError == null) {
                    tally.firstError = e.toString();
                }
            }
            long took = System.nanoTime() - t0;
            tally.statuses.merge(status, 1L, Long::sum);
            if (status == expected) {
                tally.add(took);
            } else {
                tally.failed++;
            }
        }
        return tally;
    }

    private static Result combine(List<ClientTally> tallies, double seconds) {
        int total = tallies.stream().mapToInt(t -> t.count).sum();
        long[] all = new long[total];
        int at = 0;
        long failed = 0;
        Map<Integer, Long> statuses = new TreeMap<>();
        String firstError = null;
        for (ClientTally t : tallies) {
            System.arraycopy(t.latencies, 0, all, at, t.count);
            at += t.count;
            failed += t.failed;
            t.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
            if (firstError == null) {
                firstError = t.firstError;
            }
        }
        Arrays.sort(all);
        return new Result(total, failed, seconds, total / seconds, percentile(all, 0.50), percentile(all, 0.99),
                total == 0 ? 0 : all[total - 1] / 1e6, statuses, firstError);
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static final class ClientTally {
        long[] latencies = new long[1024];
        int count;
        long failed;
        String firstError;
        final Map<Integer, Long> statuses = new TreeMap<>();

        void add(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }
    }
}

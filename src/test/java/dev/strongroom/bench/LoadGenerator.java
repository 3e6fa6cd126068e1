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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

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

    /**
     * What a run measured. Latencies are of the requests that got the expected status. CPU is in
     * seconds over the measured window: the server's (NaN when none was metered) and this load
     * generator's own.
     */
    public record Result(long ok, long failed, double seconds, double perSecond, double p50Millis, double p99Millis,
            double maxMillis, Map<Integer, Long> statuses, String firstError, double serverCpuSeconds,
            double clientCpuSeconds) {

        /** Milliseconds of the server's CPU per request that got the expected status. */
        public double serverCpuMillisPerOk() {
            return ok == 0 ? Double.NaN : serverCpuSeconds * 1000 / ok;
        }

        public double clientCpuMillisPerOk() {
            return ok == 0 ? Double.NaN : clientCpuSeconds * 1000 / ok;
        }

        public String summary() {
            return String.format("%d ok, %d failed in %.1f s: %.1f/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, "
                    + "server CPU %.3f ms/request, load generator CPU %.3f ms/request, statuses %s%s",
                    ok, failed, seconds, perSecond, p50Millis, p99Millis, maxMillis, serverCpuMillisPerOk(),
                    clientCpuMillisPerOk(), statuses, firstError == null ? "" : ", first error: " + firstError);
        }
    }

    private LoadGenerator() {
    }

    /**
     * A warm-up lasts at least this many requests as well as its time (up to {@link #WARM_UP_CAP} times
     * that time): on a busy machine a server gets few requests in the warm-up's seconds, and until its
     * JIT has compiled the request path its CPU per request is several times the settled figure.
     */
    static final int WARM_UP_REQUESTS = Integer.getInteger("bench.warmup_requests", 3000);
    static final int WARM_UP_CAP = 8;

    /**
     * Runs {@code warmUp} first and throws its figures away (JIT, connection pools, page cache), then
     * measures for {@code duration}, with the CPU of {@code server} (null: none) over that window.
     */
    public static Result run(int clients, Duration warmUp, Duration duration, int expected, ProcessCpu server,
            Call call) {
        if (!warmUp.isZero()) {
            measure(clients, warmUp, WARM_UP_REQUESTS, warmUp.multipliedBy(WARM_UP_CAP), expected, call, 1L << 40,
                    null);
        }
        return measure(clients, duration, 0, duration, expected, call, 0, server);
    }

    private static Result measure(int clients, Duration duration, int minRequests, Duration cap, int expected,
            Call call, long firstIteration, ProcessCpu server) {
        ProcessCpu generator = ProcessCpu.self();
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "load-client");
            t.setDaemon(true);
            return t;
        });
        try {
            double serverCpu0 = server == null ? Double.NaN : server.seconds();
            double clientCpu0 = generator.seconds();
            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            long hardDeadline = start + cap.toNanos();
            AtomicLong done = new AtomicLong();
            List<Future<ClientTally>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> loop(client, () -> {
                    long now = System.nanoTime();
                    return now < deadline || (done.get() < minRequests && now < hardDeadline);
                }, done, expected, call, firstIteration)));
            }
            List<ClientTally> tallies = new ArrayList<>();
            for (Future<ClientTally> f : futures) {
                tallies.add(f.get(cap.toSeconds() + 300, TimeUnit.SECONDS));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double serverCpu = server == null ? Double.NaN : server.seconds() - serverCpu0;
            return combine(tallies, seconds, serverCpu, generator.seconds() - clientCpu0);
        } catch (Exception e) {
            throw new IllegalStateException("load run failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ClientTally loop(int client, BooleanSupplier goOn, AtomicLong done, int expected, Call call,
            long firstIteration) {
        ClientTally tally = new ClientTally();
        long i = firstIteration;
        while (goOn.getAsBoolean()) {
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
            done.incrementAndGet();
            tally.statuses.merge(status, 1L, Long::sum);
            if (status == expected) {
                tally.add(took);
            } else {
                tally.failed++;
            }
        }
        return tally;
    }

    private static Result combine(List<ClientTally> tallies, double seconds, double serverCpu, double clientCpu) {
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
                total == 0 ? 0 : all[total - 1] / 1e6, statuses, firstError, serverCpu, clientCpu);
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

package dev.strongroom.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Cost as the vault grows (bench/scale), one step of it per call:
 * <ul>
 * <li>{@code --step=seed --from=A --to=B}: documents A..B-1 uploaded as the request's body by
 * {@code --clients} clients (real uploads: journal, catalog and search index grow as in use), each a
 * plain-text receipt of 1 to 8 KB with a unique first line and a name that does not follow upload order;</li>
 * <li>{@code --step=settle --expect=N}: waits (at most {@code --seconds}) until the keyword search finds all
 * N documents, i.e. extraction and indexing have caught up, then backs up what is new: its documents per
 * second, and with {@code --server-pid} and {@code --emulator-pid} the CPU each process spent per document;</li>
 * <li>{@code --step=measure --prefix=P}: the audit and operations pages, the keyword search and its
 * count, the list sorted by name and by size (median of {@code --repeats} after one warm-up request, and
 * the server's CPU per request over the repeats), then an empty backup run (its own duration and the
 * wall time from POST to finished through the API);</li>
 * <li>{@code --step=first-search --prefix=P}: one keyword search right after a restart.</li>
 * </ul>
 * Every figure goes to {@code --out} as {@code P.key=value}.
 */
public final class ScaleBench {

    static final String KEYWORD = "taxi";
    private static final String ANALYST = "scale-analyst";
    private static final String AUDITOR = "scale-auditor";
    private static final String OPS = "scale-ops";
    private static final String PASSWORD = "scale-bench-password-7";

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        URI base = URI.create(args.get("vault"));
        BenchHttp admin = new BenchHttp(base, "admin", args.get("admin-password"));
        admin.createUser(ANALYST, PASSWORD, List.of("analyst"));
        admin.createUser(AUDITOR, PASSWORD, List.of("auditor"));
        admin.createUser(OPS, PASSWORD, List.of("ops"));
        ProcessCpu server = args.get("server-pid", null) == null ? null
                : ProcessCpu.of(Long.parseLong(args.get("server-pid")));
        switch (args.get("step")) {
            case "seed" -> seed(admin.as(ANALYST, PASSWORD), args.integer("from", 0), args.integer("to", 1000),
                    args.integer("clients", 16), args.get("run", "s"));
            case "settle" -> settle(admin.as(AUDITOR, PASSWORD), admin.as(OPS, PASSWORD), args.integer("expect", 0),
                    Duration.ofSeconds(args.integer("seconds", 600)), args, server, args.get("emulator-pid", null) == null
                            ? null : ProcessCpu.of(Long.parseLong(args.get("emulator-pid"))));
            case "measure" -> measure(base, args, server, args.integer("repeats", 5));
            case "first-search" -> {
                long t0 = System.nanoTime();
                long total = search(admin.as(AUDITOR, PASSWORD));
                args.report(args.get("prefix") + ".search_first_ms", (System.nanoTime() - t0) / 1e6);
                args.report(args.get("prefix") + ".search_first_count", total);
            }
            default -> throw new IllegalArgumentException("unknown --step " + args.get("step"));
        }
    }

    /** Uploads documents from..to-1; any answer but 201 (after two retries) stops the run. */
    static void seed(BenchHttp analyst, int from, int to, int clients, String run) throws Exception {
        AtomicInteger next = new AtomicInteger(from);
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                        int size = 1024 + Math.floorMod(i * 2654435761L, 7168);
                        byte[] body = Receipts.stamp(Receipts.template((int) size), run + "-" + i);
                        // A name that does not follow upload order, so sorting by name has work to do.
                        String name = String.format("scale-%08x-%d.txt", (int) (i * 2654435761L), i);
                        int status = 0;
                        for (int attempt = 0; attempt < 3 && status != 201; attempt++) {
                            status = analyst.uploadRaw(body, name);
                        }
                        if (status != 201) {
                            throw new IllegalStateException("upload " + i + " answered " + status);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("seeded %d documents in %.1f s (%.0f docs/s)%n", to - from, s, (to - from) / s);
    }

    /**
     * Until the search finds every document (or the time is up), then a backup run of what is new: its rate, and the
     * CPU the vault and the emulator each spent on it per document, which tells whose cost grows when the rate falls.
     */
    static void settle(BenchHttp auditor, BenchHttp ops, int expect, Duration limit, Args args, ProcessCpu server,
            ProcessCpu emulator) throws Exception {
        long t0 = System.nanoTime();
        AtomicLong seen = new AtomicLong();
        try {
            await().atMost(limit).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        seen.set(search(auditor));
                        return seen.get() >= expect;
                    });
        } catch (ConditionTimeoutException e) {
            // Reported below as what the search found when the time was up.
        }
        long found = seen.get();
        double waited = (System.nanoTime() - t0) / 1e9;
        String p = args.get("prefix");
        System.out.printf("search finds %d of %d documents after %.0f s%n", found, expect, waited);
        args.report(p + ".settle_s", waited);
        double vault0 = server == null ? Double.NaN : server.seconds();
        double emulator0 = emulator == null ? Double.NaN : emulator.seconds();
        JsonNode run = BackupBench.backup(ops);
        if (!"succeeded".equalsIgnoreCase(run.get("state").asText())) {
            throw new IllegalStateException("the catch-up backup run did not succeed: " + run);
        }
        long documents = run.get("documents").asLong();
        double ms = run.get("durationMs").asDouble();
        System.out.printf("catch-up backup run: %d documents in %.0f ms%n", documents, ms);
        if (documents > 0) {
            args.report(p + ".catch_up_docs_per_s", documents * 1000 / ms);
            if (server != null) {
                args.report(p + ".catch_up_cpu_ms_per_doc", (server.seconds() - vault0) * 1000 / documents);
            }
            if (emulator != null) {
                args.report(p + ".catch_up_emulator_cpu_ms_per_doc", (emulator.seconds() - emulator0) * 1000 / documents);
            }
        }
    }

    static long search(BenchHttp auditor) {
        return auditor.getJson("/api/documents", Map.of("q", KEYWORD, "size", "20")).get("total").asLong();
    }

    static void measure(URI base, Args args, ProcessCpu server, int repeats) throws Exception {
        String p = args.get("prefix");
        Page audit = new Page(base, AUDITOR, "/audit");
        Page operations = new Page(base, OPS, "/operations");
        Page search = new Page(base, AUDITOR, "/api/documents?q=" + KEYWORD + "&size=20");
        Page byName = new Page(base, AUDITOR, "/api/documents?sort=name&order=asc&size=50");
        Page bySize = new Page(base, AUDITOR, "/api/documents?sort=size&order=desc&size=50");
        for (var e : List.of(Map.entry("audit_page", audit), Map.entry("operations_page", operations),
                Map.entry("search", search), Map.entry("list_by_name", byName), Map.entry("list_by_size", bySize))) {
            e.getValue().get(); // warm-up, not counted
            double cpu0 = server == null ? Double.NaN : server.seconds();
            double[] ms = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                e.getValue().get();
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            double cpu = server == null ? Double.NaN : server.seconds() - cpu0;
            Arrays.sort(ms);
            args.report(p + "." + e.getKey() + "_ms", ms[repeats / 2]);
            if (!Double.isNaN(cpu)) {
                args.report(p + "." + e.getKey() + "_cpu_ms", cpu * 1000 / repeats);
            }
        }
        BenchHttp auditor = new BenchHttp(base, AUDITOR, PASSWORD);
        args.report(p + ".search_count", search(auditor));

        BenchHttp ops = new BenchHttp(base, OPS, PASSWORD);
        double cpu0 = server == null ? Double.NaN : server.seconds();
        long t0 = System.nanoTime();
        JsonNode run = BackupBench.backup(ops);
        double wall = (System.nanoTime() - t0) / 1e6;
        double cpu = server == null ? Double.NaN : server.seconds() - cpu0;
        if (!"succeeded".equalsIgnoreCase(run.get("state").asText())) {
            throw new IllegalStateException("the empty backup run did not succeed: " + run);
        }
        args.report(p + ".empty_backup_ms", run.get("durationMs").asDouble());
        args.report(p + ".empty_backup_wall_ms", wall);
        args.report(p + ".empty_backup_documents", run.get("documents").asDouble());
        if (!Double.isNaN(cpu)) {
            args.report(p + ".empty_backup_cpu_ms", cpu * 1000);
        }
    }

    /** A GET as one user that must answer 200; the body is read whole, as a browser would. */
    static final class Page {
        private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final HttpRequest request;

        Page(URI base, String user, String path) {
            request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(10))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .GET().build();
        }

        void get() throws Exception {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + request.uri() + " answered " + r.statusCode() + ": "
                        + r.body().substring(0, Math.min(300, r.body().length())));
            }
        }
    }
}

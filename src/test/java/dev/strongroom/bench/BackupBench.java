package dev.strongroom.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Backup: the same files the rclone reference copies ({@code --files-dir}: {@code small/} and
 * {@code large/}, generated here when missing) are uploaded into the vault, then backed up to the
 * emulator by a backup run started through the API, once for the small files and once for the large
 * ones. The figure is the run's own duration (start to finish, manifest included) as the vault
 * reports it, in files/s and MB/s (10^6 bytes), and the vault's CPU per file over the run
 * ({@code --server-pid}).
 */
public final class BackupBench {

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path dir = Path.of(args.get("files-dir"));
        int smallCount = args.integer("small-count", 2000);
        int smallSize = args.integer("small-size", 100 * 1024);
        int largeCount = args.integer("large-count", 10);
        long largeSize = args.number("large-size", 100L * 1024 * 1024);
        generate(dir.resolve("small"), smallCount, smallSize);
        generate(dir.resolve("large"), largeCount, largeSize);
        if (args.get("vault", null) == null) {
            return;
        }
        ProcessCpu server = args.get("server-pid", null) == null ? null
                : ProcessCpu.of(Long.parseLong(args.get("server-pid")));
        Map<String, Run> runs = vault(URI.create(args.get("vault")), args.get("admin-password"), dir, server);
        runs.forEach((set, r) -> {
            System.out.printf("vault backup run (%s): %d documents, %.1f MB in %.2f s%n", set, r.documents(),
                    r.bytes() / 1e6, r.seconds());
            args.report("vault." + set + ".files_per_s", r.filesPerSecond());
            args.report("vault." + set + ".mb_s", r.megabytesPerSecond());
            args.report("vault." + set + ".seconds", r.seconds());
            if (!Double.isNaN(r.cpuSeconds())) {
                args.report("vault." + set + ".cpu_ms_per_file", r.cpuSeconds() * 1000 / r.documents());
            }
        });
    }

    /** One finished backup run as the vault reported it, and the vault's CPU seconds meanwhile (NaN: not metered). */
    record Run(int documents, long bytes, double seconds, double cpuSeconds) {
        double filesPerSecond() {
            return documents / seconds;
        }

        double megabytesPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    /** Uploads {@code small/} and backs it up, then the same for {@code large/}; returns both runs. */
    static Map<String, Run> vault(URI base, String adminPassword, Path dir, ProcessCpu server) throws Exception {
        BenchHttp admin = new BenchHttp(base, "admin", adminPassword);
        String run = UUID.randomUUID().toString().substring(0, 8);
        admin.createUser("backup-analyst-" + run, "bench-password-" + run, List.of("analyst"));
        admin.createUser("backup-ops-" + run, "bench-password-" + run, List.of("ops"));
        BenchHttp analyst = admin.as("backup-analyst-" + run, "bench-password-" + run);
        BenchHttp ops = admin.as("backup-ops-" + run, "bench-password-" + run);
        Map<String, Run> runs = new LinkedHashMap<>();
        for (String set : List.of("small", "large")) {
            List<Path> files = list(dir.resolve(set));
            uploadAll(analyst, files);
            double cpu0 = server == null ? Double.NaN : server.seconds();
            JsonNode done = backup(ops);
            double cpu = server == null ? Double.NaN : server.seconds() - cpu0;
            int documents = done.get("documents").asInt();
            // At least these files: a vault that already held unconfirmed documents backs those up too.
            if (!"succeeded".equalsIgnoreCase(done.get("state").asText()) || documents < files.size()
                    || done.get("failed").asInt() != 0) {
                throw new IllegalStateException("backup run of the " + set + " files did not back up all " + files.size()
                        + " documents: " + done);
            }
            runs.put(set, new Run(documents, done.get("bytes").asLong(), done.get("durationMs").asDouble() / 1000, cpu));
        }
        return runs;
    }

    static void generate(Path dir, int count, long size) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            Path file = dir.resolve(String.format("receipt-%05d.txt", i));
            if (!Files.isRegularFile(file) || Files.size(file) != size) {
                Receipts.write(file, size, file.getFileName() + " " + UUID.randomUUID());
            }
        }
    }

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Fills the vault with the files, four uploads at a time; the backup is what is measured. */
    static void uploadAll(BenchHttp analyst, List<Path> files) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path file : files) {
                futures.add(pool.submit(() -> analyst.uploadFile(file)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Starts a backup run and polls it until it has finished; returns the finished run. */
    static JsonNode backup(BenchHttp ops) throws InterruptedException {
        JsonNode started = ops.postJson("/api/backups/runs", 202);
        String id = started.get("id").asText();
        return await("backup run " + id + " ends").forever().pollInterval(Duration.ofMillis(100))
                .until(() -> ops.getJson("/api/backups/runs/" + id), run -> !run.get("finishedAt").isNull()
                        && !"running".equalsIgnoreCase(run.get("state").asText()));
    }
}

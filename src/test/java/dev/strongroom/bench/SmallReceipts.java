package dev.strongroom.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Small receipts: {@code --clients} concurrent clients upload {@code --size}-byte receipts for
 * {@code --seconds}, against the vault ({@code --vault=URL}), against nginx WebDAV PUT
 * ({@code --nginx=URL}) and, as the floor, the disk's serial durable-write loop
 * ({@code --disk-dir=DIR}, on the same file system as the vault's data), run by one writer or, with
 * {@code --disk-writers=N}, by N at once. Each target is given only when it is to be measured.
 */
public final class SmallReceipts {

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int clients = args.integer("clients", 32);
        int size = args.integer("size", 100 * 1024);
        Duration warmUp = args.seconds("warmup", 5);
        Duration duration = args.seconds("seconds", 30);
        String run = UUID.randomUUID().toString().substring(0, 8);

        if (args.get("disk-dir", null) != null) {
            int writers = args.integer("disk-writers", 1);
            LoadGenerator.Result disk = DurableWriteLoop.run(Path.of(args.get("disk-dir")), size, warmUp, duration,
                    writers);
            String key = writers == 1 ? "disk" : "disk" + writers;
            System.out.println("disk durable loop, " + writers + " writer(s): " + disk.summary());
            args.report(key + ".files_per_s", disk.perSecond());
            args.report(key + ".p50_ms", disk.p50Millis());
            args.report(key + ".p99_ms", disk.p99Millis());
        }
        if (args.get("vault", null) != null) {
            LoadGenerator.Result vault = vault(URI.create(args.get("vault")), args.get("admin-password"), clients, size,
                    warmUp, duration, run);
            System.out.println("vault POST /api/documents: " + vault.summary());
            args.report("vault.docs_per_s", vault.perSecond());
            args.report("vault.p50_ms", vault.p50Millis());
            args.report("vault.p99_ms", vault.p99Millis());
            args.report("vault.failed", vault.failed());
        }
        if (args.get("nginx", null) != null) {
            LoadGenerator.Result nginx = nginx(URI.create(args.get("nginx")), clients, size, warmUp, duration, run);
            System.out.println("nginx WebDAV PUT: " + nginx.summary());
            args.report("nginx.files_per_s", nginx.perSecond());
            args.report("nginx.p50_ms", nginx.p50Millis());
            args.report("nginx.p99_ms", nginx.p99Millis());
            args.report("nginx.failed", nginx.failed());
        }
    }

    /** Uploads as an analyst created for this run; 201 (durably stored) is the only success. */
    static LoadGenerator.Result vault(URI base, String adminPassword, int clients, int size, Duration warmUp,
            Duration duration, String run) {
        BenchHttp admin = new BenchHttp(base, "admin", adminPassword);
        String user = "bench-" + run;
        String password = "bench-password-" + run;
        admin.createUser(user, password, List.of("analyst"));
        BenchHttp analyst = admin.as(user, password);
        byte[][] templates = templates(clients, size);
        return LoadGenerator.run(clients, warmUp, duration, 201, (client, i) -> analyst.upload(
                Receipts.stamp(templates[client], run + "-" + client + "-" + i), "receipt-" + client + "-" + i + ".txt"));
    }

    static LoadGenerator.Result nginx(URI base, int clients, int size, Duration warmUp, Duration duration, String run) {
        BenchHttp http = new BenchHttp(base, null, null);
        byte[][] templates = templates(clients, size);
        return LoadGenerator.run(clients, warmUp, duration, 201, (client, i) -> http.put(
                "/dav/" + run + "-" + client + "-" + i + ".txt", Receipts.stamp(templates[client], run + "-" + client + "-" + i)));
    }

    private static byte[][] templates(int clients, int size) {
        byte[][] templates = new byte[clients][];
        for (int c = 0; c < clients; c++) {
            templates[c] = Receipts.template(size);
        }
        return templates;
    }
}

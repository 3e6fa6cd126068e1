package dev.strongroom.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Small receipts: {@code --clients} concurrent clients upload {@code --size}-byte receipts for
 * {@code --seconds}, against the vault ({@code --vault=URL}; {@code --uploads=raw,multipart} says
 * which of its upload forms, one run each), against nginx WebDAV PUT ({@code --nginx=URL}) and, as
 * the floor, the disk's serial durable-write loop ({@code --disk-dir=DIR}, on the same file system as
 * the vault's data), run by one writer or, with {@code --disk-writers=N}, by N at once. Each target is
 * given only when it is to be measured. {@code --server-pid} is the vault's or nginx's process, whose
 * CPU per stored file is reported next to the rate (the disk loop's is this process's own).
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
            report(args, key, disk);
        }
        ProcessCpu server = args.get("server-pid", null) == null ? null
                : ProcessCpu.of(Long.parseLong(args.get("server-pid")));
        if (args.get("vault", null) != null) {
            for (String form : args.get("uploads", "raw").split(",")) {
                Upload upload = Upload.valueOf(form.strip().toUpperCase(Locale.ROOT));
                LoadGenerator.Result vault = vault(URI.create(args.get("vault")), args.get("admin-password"), upload,
                        clients, size, warmUp, duration, run + "-" + form, server);
                System.out.println("vault POST /api/documents (" + form + "): " + vault.summary());
                report(args, upload == Upload.RAW ? "vault" : "vault_multipart", vault);
            }
        }
        if (args.get("nginx", null) != null) {
            LoadGenerator.Result nginx = nginx(URI.create(args.get("nginx")), clients, size, warmUp, duration, run,
                    server);
            System.out.println("nginx WebDAV PUT: " + nginx.summary());
            report(args, "nginx", nginx);
        }
    }

    private static void report(Args args, String key, LoadGenerator.Result r) {
        args.report(key + ".files_per_s", r.perSecond());
        args.report(key + ".p50_ms", r.p50Millis());
        args.report(key + ".p99_ms", r.p99Millis());
        args.report(key + ".failed", r.failed());
        if (!Double.isNaN(r.serverCpuSeconds())) {
            args.report(key + ".cpu_ms_per_file", r.serverCpuMillisPerOk());
        }
        args.report(key + ".client_cpu_ms_per_file", r.clientCpuMillisPerOk());
    }

    /** How a client sends the file: as the request body ({@code ?name=}), or as the part of a form. */
    enum Upload {
        RAW, MULTIPART
    }

    /** Uploads as an analyst created for this run; 201 (durably stored) is the only success. */
    static LoadGenerator.Result vault(URI base, String adminPassword, Upload upload, int clients, int size,
            Duration warmUp, Duration duration, String run, ProcessCpu server) {
        BenchHttp admin = new BenchHttp(base, "admin", adminPassword);
        String user = "bench-" + run;
        String password = "bench-password-" + run;
        admin.createUser(user, password, List.of("analyst"));
        BenchHttp analyst = admin.as(user, password);
        byte[][] templates = templates(clients, size);
        return LoadGenerator.run(clients, warmUp, duration, 201, server, (client, i) -> {
            byte[] receipt = Receipts.stamp(templates[client], run + "-" + client + "-" + i);
            String name = "receipt-" + client + "-" + i + ".txt";
            return upload == Upload.RAW ? analyst.uploadRaw(receipt, name) : analyst.upload(receipt, name);
        });
    }

    static LoadGenerator.Result nginx(URI base, int clients, int size, Duration warmUp, Duration duration, String run,
            ProcessCpu server) {
        BenchHttp http = new BenchHttp(base, null, null);
        byte[][] templates = templates(clients, size);
        return LoadGenerator.run(clients, warmUp, duration, 201, server, (client, i) -> http.put(
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

package dev.strongroom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Large files: one upload and one download of the same {@code --size}-byte file, to the vault
 * ({@code --vault=URL}: the file as the POST body, streamed, then once more as a multipart form) and
 * to nginx ({@code --nginx=URL}, WebDAV PUT and GET), in MB/s (10^6 bytes), with the server's CPU per
 * MB ({@code --server-pid}). Every download is hashed and must match the file.
 */
public final class LargeFiles {

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path file = Path.of(args.get("file"));
        long size = args.number("size", 1L << 30);
        if (!Files.isRegularFile(file) || Files.size(file) != size) {
            Receipts.write(file, size, "large-" + UUID.randomUUID());
        }
        String sha256 = sha256(file);
        ProcessCpu server = args.get("server-pid", null) == null ? null
                : ProcessCpu.of(Long.parseLong(args.get("server-pid")));
        if (args.get("vault", null) != null) {
            Figures f = vault(URI.create(args.get("vault")), args.get("admin-password"), file, sha256, server);
            System.out.printf("vault: upload %.1f MB/s (multipart %.1f MB/s), download %.1f MB/s%n", f.upload().mbps(),
                    f.multipartUpload().mbps(), f.download().mbps());
            report(args, "vault.upload", f.upload());
            report(args, "vault.multipart_upload", f.multipartUpload());
            report(args, "vault.download", f.download());
        }
        if (args.get("nginx", null) != null) {
            Figures f = nginx(URI.create(args.get("nginx")), file, sha256, server);
            System.out.printf("nginx: PUT %.1f MB/s, GET %.1f MB/s%n", f.upload().mbps(), f.download().mbps());
            report(args, "nginx.upload", f.upload());
            report(args, "nginx.download", f.download());
        }
    }

    private static void report(Args args, String key, Transfer t) {
        args.report(key + "_mb_s", t.mbps());
        if (!Double.isNaN(t.cpuMillisPerMB())) {
            args.report(key + "_cpu_ms_per_mb", t.cpuMillisPerMB());
        }
    }

    /** One transfer: its rate in MB/s, and the server's CPU per MB (NaN when not metered). */
    record Transfer(double mbps, double cpuMillisPerMB) {

        static Transfer timed(long bytes, ProcessCpu server, TransferCall call) throws Exception {
            double cpu0 = server == null ? Double.NaN : server.seconds();
            long t0 = System.nanoTime();
            call.run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = server == null ? Double.NaN : server.seconds() - cpu0;
            return new Transfer(bytes / 1e6 / seconds, cpu * 1000 / (bytes / 1e6));
        }
    }

    @FunctionalInterface
    interface TransferCall {
        void run() throws Exception;
    }

    /** Upload (the file as the body), multipart upload (the vault only; NaN for nginx) and download. */
    record Figures(Transfer upload, Transfer multipartUpload, Transfer download) {
    }

    static Figures vault(URI base, String adminPassword, Path file, String sha256, ProcessCpu server)
            throws Exception {
        BenchHttp admin = new BenchHttp(base, "admin", adminPassword);
        String run = UUID.randomUUID().toString().substring(0, 8);
        admin.createUser("large-" + run, "large-password-" + run, List.of("analyst"));
        BenchHttp analyst = admin.as("large-" + run, "large-password-" + run);
        // The first request of a user pays bcrypt once; that is sign-in, not upload speed.
        analyst.getJson("/api/documents?size=1");
        long size = Files.size(file);
        JsonNode[] stored = new JsonNode[2];
        Transfer up = Transfer.timed(size, server, () -> stored[0] = analyst.uploadFileRaw(file));
        String id = stored[0].path("id").asText();
        check(sha256, stored[0].path("sha256").asText(), "the vault's recorded sha256");
        BenchHttp.Fetched[] got = new BenchHttp.Fetched[1];
        Transfer down = Transfer.timed(size, server, () -> got[0] = analyst.fetch("/api/documents/" + id + "/content"));
        check(200, got[0].status(), "download status");
        check(sha256, got[0].sha256(), "the downloaded bytes' sha256");
        // The same bytes once more as a form: the vault stores them again (same blob) as a second document.
        Transfer multipart = Transfer.timed(size, server, () -> stored[1] = analyst.uploadFile(file));
        check(sha256, stored[1].path("sha256").asText(), "the vault's recorded sha256 (multipart)");
        return new Figures(up, multipart, down);
    }

    static Figures nginx(URI base, Path file, String sha256, ProcessCpu server) throws Exception {
        BenchHttp http = new BenchHttp(base, null, null);
        String path = "/dav/large-" + UUID.randomUUID() + ".txt";
        long size = Files.size(file);
        Transfer up = Transfer.timed(size, server, () -> check(201, http.put(path, file), "PUT status"));
        BenchHttp.Fetched[] got = new BenchHttp.Fetched[1];
        Transfer down = Transfer.timed(size, server, () -> got[0] = http.fetch(path));
        check(200, got[0].status(), "GET status");
        check(sha256, got[0].sha256(), "the downloaded bytes' sha256");
        return new Figures(up, new Transfer(Double.NaN, Double.NaN), down);
    }

    static String sha256(Path file) throws Exception {
        MessageDigest sha = BenchHttp.sha256();
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static void check(Object expected, Object actual, String what) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(what + ": expected " + expected + " but got " + actual);
        }
    }
}

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
 * ({@code --vault=URL}, multipart POST, streamed) and to nginx ({@code --nginx=URL}, WebDAV PUT and
 * GET), in MB/s (10^6 bytes). Every download is hashed and must match the file.
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
        if (args.get("vault", null) != null) {
            Figures f = vault(URI.create(args.get("vault")), args.get("admin-password"), file, sha256);
            System.out.printf("vault: upload %.1f MB/s, download %.1f MB/s%n", f.uploadMBps(), f.downloadMBps());
            args.report("vault.upload_mb_s", f.uploadMBps());
            args.report("vault.download_mb_s", f.downloadMBps());
        }
        if (args.get("nginx", null) != null) {
            Figures f = nginx(URI.create(args.get("nginx")), file, sha256);
            System.out.printf("nginx: PUT %.1f MB/s, GET %.1f MB/s%n", f.uploadMBps(), f.downloadMBps());
            args.report("nginx.upload_mb_s", f.uploadMBps());
            args.report("nginx.download_mb_s", f.downloadMBps());
        }
    }

    /** Upload and download rates in MB/s. */
    record Figures(double uploadMBps, double downloadMBps) {
    }

    static Figures vault(URI base, String adminPassword, Path file, String sha256) throws Exception {
        BenchHttp admin = new BenchHttp(base, "admin", adminPassword);
        String run = UUID.randomUUID().toString().substring(0, 8);
        admin.createUser("large-" + run, "large-password-" + run, List.of("analyst"));
        BenchHttp analyst = admin.as("large-" + run, "large-password-" + run);
        // The first request of a user pays bcrypt once; that is sign-in, not upload speed.
        analyst.getJson("/api/documents?size=1");
        long size = Files.size(file);
        long t0 = System.nanoTime();
        JsonNode stored = analyst.uploadFile(file);
        double up = size / 1e6 / ((System.nanoTime() - t0) / 1e9);
        String id = stored.path("document").path("id").asText(stored.path("id").asText());
        String storedSha = stored.path("document").path("sha256").asText(stored.path("sha256").asText());
        check(sha256, storedSha, "the vault's recorded sha256");
        long t1 = System.nanoTime();
        BenchHttp.Fetched got = analyst.fetch("/api/documents/" + id + "/content");
        double down = got.bytes() / 1e6 / ((System.nanoTime() - t1) / 1e9);
        check(200, got.status(), "download status");
        check(sha256, got.sha256(), "the downloaded bytes' sha256");
        return new Figures(up, down);
    }

    static Figures nginx(URI base, Path file, String sha256) throws Exception {
        BenchHttp http = new BenchHttp(base, null, null);
        String path = "/dav/large-" + UUID.randomUUID() + ".txt";
        long size = Files.size(file);
        long t0 = System.nanoTime();
        check(201, http.put(path, file), "PUT status");
        double up = size / 1e6 / ((System.nanoTime() - t0) / 1e9);
        long t1 = System.nanoTime();
        BenchHttp.Fetched got = http.fetch(path);
        double down = got.bytes() / 1e6 / ((System.nanoTime() - t1) / 1e9);
        check(200, got.status(), "GET status");
        check(sha256, got.sha256(), "the downloaded bytes' sha256");
        return new Figures(up, down);
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

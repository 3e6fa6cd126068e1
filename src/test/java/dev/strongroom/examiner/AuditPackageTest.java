package dev.strongroom.examiner;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit package of a period, as an outside examiner receives it: it verifies following its README
 * with openssl, sha256sum and jq alone, and any change to its files, its trail or its documents is caught.
 */
@QuarkusTest
class AuditPackageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTools() throws Exception {
        for (List<String> tool : List.of(List.of("jq", "--version"), List.of("openssl", "version"))) {
            Assumptions.assumeTrue(new ProcessBuilder(tool).start().waitFor() == 0, tool.get(0) + " is not installed");
        }
    }

    @Test
    void thePackageOfAPeriodVerifiesWithOpensslSha256sumAndJqAlone() throws Exception {
        Period period = depositsInAPeriod();
        Path root = unpacked(period, "honest");

        Outcome outcome = verify(root, period.keys());

        assertEquals(0, outcome.code(), outcome.output());
        assertTrue(outcome.output().contains("OK: 2 document(s) with the bytes their uploads acknowledged"),
                outcome.output());
        assertTrue(outcome.output().contains("manifest and signature checked"), outcome.output());
        JsonNode manifest = JSON.readTree(root.resolve("MANIFEST.json").toFile());
        List<String> ids = new ArrayList<>();
        manifest.path("documents").forEach(d -> ids.add(d.path("id").asText()));
        assertEquals(period.ids(), ids, "the documents uploaded in the period, in the trail's order");
        assertEquals("invoice-7.txt", Path.of(manifest.path("documents").get(0).path("file").asText()).getFileName()
                .toString());
        assertTrue(manifest.path("digests").asInt() >= 1, "the digests covering the period: " + manifest);
    }

    @Test
    void everyChangeToThePackageIsCaught() throws Exception {
        Period period = depositsInAPeriod();
        String first = period.ids().get(0);
        String second = period.ids().get(1);
        Map<String, Tamper> tampers = new LinkedHashMap<>();
        tampers.put("a document's bytes changed", root -> append(root.resolve("documents/" + first + "/content/invoice-7.txt")));
        tampers.put("a document and its lines removed", root -> {
            deleteTree(root.resolve("documents/" + second));
            List<String> sums = new ArrayList<>(Files.readAllLines(root.resolve("SHA256SUMS")));
            sums.removeIf(line -> line.contains("documents/" + second + "/"));
            Files.write(root.resolve("SHA256SUMS"), sums);
        });
        tampers.put("an event removed from the trail", root -> {
            List<String> trail = new ArrayList<>(Files.readAllLines(root.resolve("trail/audit.ndjson")));
            trail.remove(trail.size() / 2);
            Files.write(root.resolve("trail/audit.ndjson"), trail);
        });
        tampers.put("a file added", root -> Files.writeString(root.resolve("documents/" + first + "/content/extra.txt"),
                "not deposited"));
        tampers.put("receipts swapped", root -> {
            Path a = root.resolve("documents/" + first + "/receipt.json");
            Path b = root.resolve("documents/" + second + "/receipt.json");
            byte[] held = Files.readAllBytes(a);
            Files.write(a, Files.readAllBytes(b));
            Files.write(b, held);
        });
        tampers.put("the signed file list replaced", root -> Files.writeString(root.resolve("SHA256SUMS.sig"),
                java.util.Base64.getEncoder().encodeToString(new byte[64]) + "\n"));

        List<String> missed = new ArrayList<>();
        for (Map.Entry<String, Tamper> tamper : tampers.entrySet()) {
            Path root = unpacked(period, tamper.getKey().replace(' ', '-'));
            tamper.getValue().apply(root);
            Outcome outcome = verify(root, period.keys());
            if (outcome.code() != 1) {
                missed.add(tamper.getKey() + " passed (exit " + outcome.code() + "): " + outcome.output());
            }
        }
        assertEquals(List.of(), missed, "every change is caught");
    }

    @Test
    void aPackageCoversAPeriodAndIsForAuditorsOnly() {
        String auditor = Vault.user("examiner", "auditor");
        Vault.as(auditor).get("/api/audit/package").then().statusCode(400).body("detail", containsString("from and to"));
        Vault.as(auditor).queryParam("from", "2026-12-02T00:00:00Z").queryParam("to", "2026-12-01T00:00:00Z")
                .get("/api/audit/package").then().statusCode(400).body("detail", containsString("must be before"));
        Vault.as(auditor).queryParam("from", "yesterday").queryParam("to", "2026-12-01T00:00:00Z")
                .get("/api/audit/package").then().statusCode(400);
        Vault.as(Vault.user("curious", "analyst")).queryParam("from", "2026-12-01T00:00:00Z")
                .queryParam("to", "2026-12-02T00:00:00Z").get("/api/audit/package").then().statusCode(403);
    }

    private record Period(Instant from, Instant to, List<String> ids, Path keys, String auditor) {
    }

    private Period depositsInAPeriod() throws IOException {
        String auditor = Vault.user("examiner", "auditor");
        Instant from = Instant.now().minusMillis(1);
        String alice = Vault.user("depositor", "analyst");
        String invoice = Vault.upload(alice, "invoice-7.txt", Samples.text(1500)).then().statusCode(201).extract().path("id");
        String statement = Vault.upload(alice, "statement-11.txt", Samples.text(2500)).then().statusCode(201).extract()
                .path("id");
        Vault.as(auditor).post("/api/audit/digests").then().statusCode(201);
        Instant to = Instant.now().plusMillis(1);
        Path keys = Files.writeString(dir.resolve("trusted-keys.json"),
                Vault.as(auditor).get("/.well-known/strongroom-keys.json").then().statusCode(200).extract().asString());
        return new Period(from, to, List.of(invoice, statement), keys, auditor);
    }

    private Path unpacked(Period period, String name) throws IOException {
        byte[] zip = Vault.as(period.auditor()).queryParam("from", period.from().toString())
                .queryParam("to", period.to().toString()).get("/api/audit/package").then().statusCode(200)
                .contentType("application/zip").extract().asByteArray();
        Path target = Files.createDirectories(dir.resolve(name));
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path file = target.resolve(entry.getName()).normalize();
                assertTrue(file.startsWith(target), "no entry leaves the package: " + entry.getName());
                Files.createDirectories(file.getParent());
                Files.copy(in, file);
            }
        }
        return target.resolve("strongroom-audit-package");
    }

    private static Outcome verify(Path root, Path keys) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", root.resolve("verify.sh").toString(), "--keys", keys.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "verify.sh did not finish");
        return new Outcome(process.exitValue(), output);
    }

    private static void append(Path file) throws IOException {
        Files.writeString(file, "changed", java.nio.file.StandardOpenOption.APPEND);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @FunctionalInterface
    private interface Tamper {
        void apply(Path root) throws IOException;
    }

    private record Outcome(int code, String output) {
    }
}

package dev.strongroom.audit.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.VaultIdentity;
import dev.strongroom.audit.EventLine;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.storage.Sha256;
import dev.strongroom.support.RequiresEmulator;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signed digests in the emulator's Object-Locked bucket, and the offline verifier checking an export
 * against them: intact, and with one event changed, one deleted, two swapped, a re-hashed forgery,
 * a changed digest and a missing digest, each reported precisely.
 */
@RequiresEmulator
@QuarkusTest
class AuditDigestTest {

    @Inject
    VaultIdentity identity;

    private static final Pattern SEQ = Pattern.compile("^\\{\"seq\":(\\d+),");

    private String auditor;
    private Path dir;
    private Path export;
    private Path digests;
    private Path key;

    /** Events and a digest, four times, then an export: what an auditor receives. */
    @BeforeEach
    void digestedExport() {
        auditor = Vault.user("audrey", "auditor");
        dir = DigestFixtures.workDir();
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 12; i++) {
                Vault.as(auditor).get("/api/audit?size=1").then().statusCode(200);
            }
            JsonPath digest = Vault.as(auditor).post("/api/audit/digests").then().statusCode(201).extract().jsonPath();
            assertTrue(digest.getString("key").startsWith(HostKeys.of(identity.hostId()).digests()), digest::prettify);
            assertTrue(digest.getLong("lastSeq") >= digest.getLong("firstSeq"), digest::prettify);
        }
        export = DigestFixtures.export(dir, auditor, "/api/audit/export?format=ndjson", "export.ndjson");
        digests = DigestFixtures.downloadDigests(dir);
        key = DigestFixtures.publicKey(dir, auditor);
    }

    @Test
    void digestsAreSignedAndChainedAndAnExportVerifiesAgainstThem() throws IOException {
        List<SignedDigest> loaded = SignedDigest.load(digests, SignedDigest.publicKey(key));
        assertTrue(loaded.size() >= 2);
        loaded.forEach(d -> assertTrue(d.trusted(), d.name() + ": " + d.problem()));
        AuditDigest newest = loaded.stream().map(SignedDigest::digest)
                .max((a, b) -> Long.compare(a.lastSeq(), b.lastSeq())).orElseThrow();
        assertTrue(newest.previousDigest() != null, "digests name the previous digest's signature");
        assertFalse(newest.segments().isEmpty());
        newest.segments().forEach(s -> assertTrue(s.key().equals(HostKeys.of(identity.hostId()).journal(s.name())) && s.sha256().length() == 64));

        DigestedExportCheck.Result result = DigestedExportCheck.check(export, loaded);
        assertTrue(result.ok(), "intact export: " + result.findings());
        assertTrue(result.notes().stream().anyMatch(n -> n.contains("newer than the newest digest")),
                "the export's own event came after the last digest: " + result.notes());

        String[] offline = DigestFixtures.verifyOffline(export.toString(), "--digests", digests.toString(),
                "--public-key", key.toString());
        assertEquals("0", offline[0], offline[1]);
        assertTrue(offline[1].contains("OK: "), offline[1]);
    }

    @Test
    void aChangedEventIsReportedAsThatEventChanged() throws IOException {
        List<String> lines = DigestFixtures.lines(export);
        int i = indexOfDigestedEvent(lines, 5);
        long seq = seqOf(lines.get(i));
        lines.set(i, lines.get(i).replace("\"outcome\":\"success\"", "\"outcome\":\"failure\""));
        List<ExportFinding> findings = check(lines);
        assertEquals(List.of("CHANGED seq " + seq), kindsAndSeqs(findings), findings.toString());
        assertTrue(findings.get(0).message().contains("does not match its hash"));
    }

    @Test
    void aDeletedEventIsReportedAsThatEventMissing() throws IOException {
        List<String> lines = DigestFixtures.lines(export);
        int i = indexOfDigestedEvent(lines, 7);
        long seq = seqOf(lines.remove(i));
        List<ExportFinding> findings = check(lines);
        assertEquals(List.of("MISSING seq " + seq, "COUNT"), kindsAndSeqs(findings), findings.toString());
        assertEquals("event " + seq + " is missing", findings.get(0).message());
    }

    @Test
    void twoSwappedEventsAreReportedAsOutOfOrderNamingBoth() throws IOException {
        List<String> lines = DigestFixtures.lines(export);
        int i = indexOfDigestedEvent(lines, 9);
        long first = seqOf(lines.get(i));
        long second = seqOf(lines.get(i + 1));
        String moved = lines.get(i);
        lines.set(i, lines.get(i + 1));
        lines.set(i + 1, moved);
        List<ExportFinding> findings = check(lines);
        assertEquals(1, findings.size(), findings.toString());
        ExportFinding finding = findings.get(0);
        assertEquals("REORDERED", finding.kind());
        assertTrue(finding.seq() == first || finding.seq() == second, finding.toString());
        assertTrue(finding.message().contains("event " + first) && finding.message().contains("event " + second),
                "names both swapped events: " + finding.message());
    }

    @Test
    void aForgeryWithRecomputedHashesPassesTheChainButNotTheDigests() throws IOException {
        List<String> lines = DigestFixtures.lines(export);
        int from = indexOfDigestedEvent(lines, 4);
        long seq = seqOf(lines.get(from));
        String previousHash = EventLine.claimedHash(lines.get(from - 1));
        for (int i = from; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("\"prevHash\":\"[0-9a-f]{64}\"", "\"prevHash\":\"" + previousHash + "\"");
            if (i == from) {
                line = line.replace("\"actor\":\"" + auditor + "\"", "\"actor\":\"mallory\"");
            }
            String rehashed = line.replace(EventLine.claimedHash(line), EventLine.computedHash(line));
            lines.set(i, rehashed);
            previousHash = EventLine.claimedHash(rehashed);
        }
        String head = lines.get(0);
        Matcher headHash = Pattern.compile("\"chainHead\":\\{\"seq\":(\\d+),\"hash\":\"([0-9a-f]{64})\"").matcher(head);
        assertTrue(headHash.find());
        // The forger also recomputes the manifest's digest of the event lines, but cannot sign the header again.
        String events = String.join("\n", lines.subList(1, lines.size())) + "\n";
        lines.set(0, head.replace(headHash.group(2), previousHash).replaceFirst("\"eventsSha256\":\"[0-9a-f]{64}\"",
                "\"eventsSha256\":\"" + Sha256.hex(Sha256.digest().digest(events.getBytes(StandardCharsets.UTF_8)))
                        + "\""));
        Path forged = DigestFixtures.writeLines(dir.resolve("forged.ndjson"), lines);

        String[] plain = DigestFixtures.verifyOffline(forged.toString());
        assertEquals("0", plain[0], "the hash chain alone cannot tell: " + plain[1]);
        String[] signed = DigestFixtures.verifyOffline(forged.toString(), "--public-key", key.toString());
        assertEquals("1", signed[0], "the header's signature can: " + signed[1]);
        assertTrue(signed[1].contains("SIGNED the header's signature fails"), signed[1]);
        List<ExportFinding> findings = DigestedExportCheck.check(forged, SignedDigest.load(digests,
                SignedDigest.publicKey(key))).findings();
        assertFalse(findings.isEmpty());
        ExportFinding first = findings.get(0);
        assertEquals("CHANGED", first.kind(), findings.toString());
        assertTrue(first.message().contains("an event from ") && first.seq() >= seq, first.toString());
        long rangeStart = Long.parseLong(first.message().replaceAll(".*an event from (\\d+) to.*", "$1"));
        assertTrue(rangeStart <= seq, "the range named contains the forged event " + seq + ": " + first.message());
    }

    @Test
    void aChangedDigestAndAMissingDigestAreReported() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(digests)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 4, "digests: " + files);
        // A deleted digest shows when a trusted one follows it; the changed one is the newest.
        Path middle = files.get(files.size() - 3);
        Files.delete(middle);
        Files.delete(middle.resolveSibling(middle.getFileName() + ".sig"));
        Path newest = files.get(files.size() - 1);
        Files.writeString(newest, Files.readString(newest).replaceFirst("\"reason\" : \"on-demand\"",
                "\"reason\" : \"hourly\""));
        List<ExportFinding> findings = DigestedExportCheck.check(export, SignedDigest.load(digests,
                SignedDigest.publicKey(key))).findings();
        assertTrue(findings.stream().anyMatch(f -> f.kind().equals("DIGEST")
                && f.message().contains(newest.getFileName().toString())
                && f.message().contains("signature does not verify")), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.kind().equals("DIGEST-GAP")
                && f.message().contains(files.get(files.size() - 2).getFileName().toString())), findings.toString());
    }

    private List<ExportFinding> check(List<String> lines) throws IOException {
        Path changed = DigestFixtures.writeLines(dir.resolve("changed.ndjson"), lines);
        return DigestedExportCheck.check(changed, SignedDigest.load(digests, SignedDigest.publicKey(key))).findings();
    }

    /** The line index of an event well inside what the newest digest covers, {@code back} events before its end. */
    private int indexOfDigestedEvent(List<String> lines, int back) throws IOException {
        long covered = SignedDigest.load(digests, SignedDigest.publicKey(key)).stream()
                .mapToLong(d -> d.digest().lastSeq()).max().orElseThrow();
        for (int i = 1; i < lines.size(); i++) {
            if (seqOf(lines.get(i)) == covered - back) {
                return i;
            }
        }
        throw new AssertionError("event " + (covered - back) + " is not in the export");
    }

    private static long seqOf(String line) {
        Matcher m = SEQ.matcher(line);
        assertTrue(m.find(), line);
        return Long.parseLong(m.group(1));
    }

    private static List<String> kindsAndSeqs(List<ExportFinding> findings) {
        return findings.stream().map(f -> f.seq() >= 0 ? f.kind() + " seq " + f.seq() : f.kind()).toList();
    }
}

package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline verifier as an auditor runs it: what it says about wrong inputs and about a reordered export. */
class VerifyExportTest {

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {
    }

    @Test
    void aJsonExportIsAOneLineUsageErrorNotAStackTrace() throws IOException {
        List<String> lines = events(3);
        Path json = dir.resolve("export.json");
        String header = header(lines);
        Files.writeString(json, header.substring(0, header.length() - 1) + ",\"events\":[\n" + String.join(",\n", lines)
                + "\n]}\n");

        for (String[] args : List.of(new String[] { json.toString() },
                new String[] { json.toString(), "--digests", dir.toString(), "--keys", json.toString() })) {
            Run run = run(args);
            assertEquals(2, run.exit(), run::toString);
            assertEquals(1, run.err().strip().lines().count(), run::toString);
            assertTrue(run.err().contains("is a JSON export") && run.err().contains("format=ndjson"), run::toString);
            assertFalse(run.err().contains("Exception"), run::toString);
        }
    }

    @Test
    void aCsvExportIsAOneLineUsageError() throws IOException {
        Path csv = dir.resolve("export.csv");
        Files.writeString(csv, "seq,id,time,actor,role,action,resource,outcome,client,requestId,detail,prevHash,hash\n"
                + "1,x,2026-12-01T10:00:00Z,alice,analyst,document.upload,document/x,success,,,,0,0\n");

        Run run = run(csv.toString(), "--digests", dir.toString(), "--keys", csv.toString());

        assertEquals(2, run.exit(), run::toString);
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertTrue(run.err().contains("is a CSV export"), run::toString);
    }

    @Test
    void swappedEventsAreReportedAsOutOfOrderNotAsMissing() throws IOException {
        List<String> lines = new ArrayList<>(events(8));
        String fifth = lines.get(4);
        lines.set(4, lines.get(5));
        lines.set(5, fifth);
        Path export = dir.resolve("swapped.ndjson");
        Files.writeString(export, header(lines) + "\n" + String.join("\n", lines) + "\n");

        Run run = run(export.toString());

        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.out().contains("OUT-OF-ORDER seq 5"), run::toString);
        assertFalse(run.out().toLowerCase().contains("missing"), run::toString);
        assertFalse(run.out().contains("BROKEN-LINK"), "the links hold in sequence order: " + run.out());
    }

    @Test
    void aDeletedEventIsStillMissing() throws IOException {
        List<String> lines = new ArrayList<>(events(8));
        lines.remove(4);
        Path export = dir.resolve("cut.ndjson");
        Files.writeString(export, header(lines) + "\n" + String.join("\n", lines) + "\n");

        Run run = run(export.toString());

        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.out().contains("MISSING seq 5: event 5 is missing"), run::toString);
    }

    @Test
    void anHonestExportVerifies() throws IOException {
        List<String> lines = events(8);
        Path export = dir.resolve("honest.ndjson");
        Files.writeString(export, header(lines) + "\n" + String.join("\n", lines) + "\n");

        Run run = run(export.toString());

        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().startsWith("OK: 8 events"), run::toString);
    }

    @Test
    void theCommandLineIsCheckedBeforeAnyFileIsRead() throws IOException {
        Path export = dir.resolve("honest.ndjson");
        List<String> lines = events(3);
        Files.writeString(export, header(lines) + "\n" + String.join("\n", lines) + "\n");
        String file = export.toString();

        for (String[] args : List.of(new String[0], new String[] { file, "--keys" },
                new String[] { file, "--key", file }, new String[] { file, "--keys", file, "--keys", file },
                new String[] { file, "--keys", file, "--public-key", file },
                new String[] { file, "--digests", dir.toString() })) {
            Run run = run(args);
            assertEquals(2, run.exit(), String.join(" ", args) + ": " + run);
            assertEquals(VerifyExport.USAGE, run.err().strip(), run::toString);
            assertEquals("", run.out(), "nothing is checked: " + run);
        }
    }

    @Test
    void anUnreadableExportOrKeyFileIsAOneLineError() throws IOException {
        Run missing = run(dir.resolve("nowhere.ndjson").toString());
        assertEquals(2, missing.exit(), missing::toString);
        assertTrue(missing.err().startsWith("VerifyExport: cannot read "), missing::toString);

        Path empty = Files.writeString(dir.resolve("empty.ndjson"), "");
        Run nothing = run(empty.toString());
        assertEquals(2, nothing.exit(), nothing::toString);
        assertTrue(nothing.err().contains("is empty, not an NDJSON audit export"), nothing::toString);

        Path notJson = Files.writeString(dir.resolve("notes.ndjson"), "minutes of the meeting\n");
        assertTrue(run(notJson.toString()).err().contains("the first line is not JSON"));
        Path otherJson = Files.writeString(dir.resolve("other.ndjson"), "{\"total\":12}\n");
        assertTrue(run(otherJson.toString()).err().contains("the first line is not its header"));

        List<String> lines = events(3);
        Path export = Files.writeString(dir.resolve("honest.ndjson"), header(lines) + "\n" + String.join("\n", lines)
                + "\n");
        Run badKeys = run(export.toString(), "--keys", notJson.toString());
        assertEquals(2, badKeys.exit(), badKeys::toString);
        assertTrue(badKeys.err().contains("is not a key history"), badKeys::toString);
        assertFalse(badKeys.err().contains("Exception"), badKeys::toString);
    }

    @Test
    void aSignedExportVerifiesWithItsKeyAndNotWithAnother() throws IOException {
        dev.strongroom.keys.SigningKey key = dev.strongroom.keys.SigningKey.generate();
        List<String> lines = events(4);
        Path spool = Files.writeString(dir.resolve("spool"), String.join("\n", lines) + "\n");
        AuditExporter.LinesManifest m = AuditExporter.manifest(spool);
        String last = lines.get(lines.size() - 1);
        ExportHeader header = new ExportHeader(1, "2026-12-01T11:00:00Z", Map.of(), true,
                new ChainHead(0, AuditEvent.GENESIS_HASH), lines.size(), new ChainHead(seq(last), EventLine.claimedHash(last)))
                .withManifest(m.firstSeq(), m.lastSeq(), m.sha256(), null).signedWith(key);
        Path export = Files.writeString(dir.resolve("signed.ndjson"), header.asHttpHeader() + "\n"
                + String.join("\n", lines) + "\n");
        Path pem = Files.writeString(dir.resolve("key.pem"), key.publicKeyPem());
        Path otherPem = Files.writeString(dir.resolve("other.pem"), dev.strongroom.keys.SigningKey.generate().publicKeyPem());
        Path noDigests = Files.createDirectories(dir.resolve("digests"));

        Run good = run(export.toString(), "--public-key", pem.toString());
        assertEquals(0, good.exit(), good::toString);
        assertTrue(good.out().contains("manifest and signature checked"), good::toString);
        Run alsoDigests = run(export.toString(), "--public-key", pem.toString(), "--digests", noDigests.toString());
        assertEquals(0, alsoDigests.exit(), alsoDigests::toString);
        Run wrong = run(export.toString(), "--public-key", otherPem.toString());
        assertEquals(1, wrong.exit(), wrong::toString);
        assertTrue(wrong.out().contains("SIGNED the header's signature fails"), wrong::toString);
        assertEquals(1, run(export.toString(), "--public-key", otherPem.toString(), "--digests", noDigests.toString())
                .exit(), "a failed signature fails the run with digests too");
    }

    @Test
    void aMissingExportIsNamedOnceAndADirectoryIsNoExport() throws IOException {
        Path nowhere = dir.resolve("nowhere.ndjson");
        Run missing = run(nowhere.toString());
        assertEquals("VerifyExport: cannot read " + nowhere, missing.err().strip(), missing::toString);

        Path folder = Files.createDirectories(dir.resolve("export.ndjson"));
        Run directory = run(folder.toString());
        assertEquals(2, directory.exit(), directory::toString);
        assertEquals(1, directory.err().strip().lines().count(), directory::toString);
        assertTrue(directory.err().startsWith("VerifyExport: cannot read " + folder + ": "), directory::toString);
        assertEquals("", directory.out());
    }

    @Test
    void aDigestsFolderThatDoesNotExistFailsTheRunAfterTheExportsOwnCheck() throws IOException {
        List<String> lines = events(3);
        Path export = Files.writeString(dir.resolve("honest.ndjson"), header(lines) + "\n" + String.join("\n", lines)
                + "\n");
        Path pem = Files.writeString(dir.resolve("key.pem"), dev.strongroom.keys.SigningKey.generate().publicKeyPem());
        Path absent = dir.resolve("no-digests");

        Run run = run(export.toString(), "--public-key", pem.toString(), "--digests", absent.toString());

        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.out().contains("UNSIGNED the header carries no signature"), run::toString);
        assertTrue(run.out().contains("the digests folder " + absent + " does not exist"), run::toString);
    }

    private List<String> events(int count) {
        return JournalFixture.append(dir.resolve("journal-" + count), count, Instant.parse("2026-12-01T10:00:00Z"),
                Map.of("note", "fixture"));
    }

    /** A contiguous export's header from the start of the journal, counting and ending where the lines do. */
    private static String header(List<String> lines) {
        String last = lines.stream().max((a, b) -> Long.compare(seq(a), seq(b))).orElseThrow();
        return "{\"strongroomAuditExport\":1,\"exportedAt\":\"2026-12-01T11:00:00Z\",\"filter\":{},\"contiguous\":true,"
                + "\"anchor\":{\"seq\":0,\"hash\":\"" + AuditEvent.GENESIS_HASH + "\"},\"eventCount\":" + lines.size()
                + ",\"chainHead\":{\"seq\":" + seq(last) + ",\"hash\":\"" + EventLine.claimedHash(last) + "\"}}";
    }

    private static long seq(String line) {
        try {
            return EventLine.parse(line).seq();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyExport.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

package dev.strongroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.audit.AuditJournal;
import dev.strongroom.backup.MotoTestResource;
import dev.strongroom.catalog.H2PassOnly;
import dev.strongroom.support.RequiresEmulator;
import dev.strongroom.support.TesseractInstalled;
import dev.strongroom.support.Vault;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core of every benchmark in bench/, run for a second or two on tiny sizes against the shared
 * test vault and emulator, so the benchmarks keep working. The reference tools (nginx, rclone,
 * tika-app) are not needed here; the full runs compare against them.
 */
@H2PassOnly("the bench scripts' smoke runs; the vault under them is the one every API test runs")
@RequiresEmulator
@QuarkusTest
class BenchSmokeTest {

    @TestHTTPResource("/")
    URL root;

    @TempDir
    Path tmp;

    private URI base() throws Exception {
        return root.toURI();
    }

    @Test
    void smallReceiptsAreAllStoredDurablyAndTheDiskLoopIsMeasuredAlongside() throws Exception {
        // The test vault runs in this JVM, so this process's CPU stands in for the server's. Half a second of
        // uploads (about a hundred documents): every one is extracted afterwards, by the vault the next tests use.
        for (SmallReceipts.Upload upload : SmallReceipts.Upload.values()) {
            LoadGenerator.Result vault = SmallReceipts.vault(base(), Vault.ADMIN_PASSWORD, upload, 4, 100 * 1024,
                    Duration.ZERO, Duration.ofMillis(500), UUID.randomUUID().toString().substring(0, 8),
                    ProcessCpu.self());
            assertTrue(vault.ok() > 0, vault.summary());
            assertEquals(0, vault.failed(), () -> "every upload answers 201: " + vault.summary());
            assertEquals(Map.of(201, vault.ok()), vault.statuses());
            assertTrue(vault.p50Millis() > 0 && vault.p99Millis() >= vault.p50Millis(), vault.summary());
            assertTrue(vault.serverCpuMillisPerOk() > 0, () -> "the server's CPU per upload is measured: "
                    + vault.summary());
        }

        LoadGenerator.Result disk = DurableWriteLoop.run(tmp.resolve("disk"), 100 * 1024, Duration.ZERO,
                Duration.ofMillis(500));
        assertTrue(disk.ok() > 0 && disk.failed() == 0, disk.summary());
        assertTrue(disk.serverCpuMillisPerOk() > 0, disk.summary());
        try (var files = Files.list(tmp.resolve("disk"))) {
            assertEquals(disk.ok(), files.filter(f -> !f.toString().endsWith(".part")).count(),
                    "each counted write left one complete file");
        }
    }

    @Test
    void aLargeFileGoesUpAndComesBackByteForByte() throws Exception {
        Path file = tmp.resolve("large.txt");
        Receipts.write(file, 4L * 1024 * 1024, "smoke-" + UUID.randomUUID());
        // LargeFiles.vault fails unless the vault's sha256 and the downloaded bytes' sha256 match the file's.
        LargeFiles.Figures f = LargeFiles.vault(base(), Vault.ADMIN_PASSWORD, file, LargeFiles.sha256(file),
                ProcessCpu.self());
        assertTrue(f.upload().mbps() > 0 && f.multipartUpload().mbps() > 0 && f.download().mbps() > 0, f.toString());
        assertTrue(f.upload().cpuMillisPerMB() > 0, f.toString());
    }

    @Test
    void backupRunsOfGeneratedFilesAreTimedFromTheVaultsOwnReport() throws Exception {
        Path dir = tmp.resolve("backup");
        BackupBench.generate(dir.resolve("small"), 8, 10 * 1024);
        BackupBench.generate(dir.resolve("large"), 2, 1024 * 1024);
        Map<String, BackupBench.Run> runs = BackupBench.vault(base(), Vault.ADMIN_PASSWORD, dir, ProcessCpu.self());
        assertEquals(List.of("small", "large"), List.copyOf(runs.keySet()));
        assertTrue(runs.get("small").documents() >= 8, runs.toString());
        assertTrue(runs.get("large").bytes() >= 2L * 1024 * 1024, runs.toString());
        runs.values().forEach(r -> assertTrue(r.filesPerSecond() > 0 && r.megabytesPerSecond() > 0 && r.cpuSeconds() >= 0,
                r.toString()));
    }

    @Test
    void theExtractorAndTikasOwnParsersReadTheWholeCorpus() throws Exception {
        Path corpus = tmp.resolve("corpus");
        int count = MetadataBench.write(corpus, 10);
        MetadataBench.Rate extractor = MetadataBench.extractor(MetadataBench.list(corpus), 2);
        assertEquals(count, extractor.ok(), "the extractor read every format of the corpus");
        MetadataBench.Rate tika = MetadataBench.tikaApi(MetadataBench.list(corpus), tmp.resolve("tika-out"), 2);
        assertEquals(count, tika.ok());
        try (var out = Files.list(tmp.resolve("tika-out"))) {
            assertEquals(count, out.count(), "one XHTML file per document, as tika-app's batch mode writes");
        }
        assertTrue(extractor.perSecond() > 0 && tika.perSecond() > 0);
    }

    /**
     * bench/receipts on two documents of every format: the corpus writer runs, every document is uploaded
     * and scored per format and field, searched three ways, and read by the bare references.
     */
    @Test
    void receiptsAreWrittenInEveryFormatScoredThroughTheVaultAndAgainstTheBareTools() throws Exception {
        TesseractInstalled.require();
        Path corpus = tmp.resolve("receipts");
        Process writer = new ProcessBuilder("/usr/bin/python3", "bench/receipts_corpus.py", corpus.toString(), "14", "5")
                .inheritIO().start();
        assertTrue(writer.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, writer.exitValue(), "the corpus writer needs Debian's python3-reportlab, -docx, -openpyxl, "
                + "-odf and -pil (.ci/run installs them)");
        ReceiptBench.Scores vault = ReceiptBench.vault(base(), Vault.ADMIN_PASSWORD, corpus, Duration.ofMinutes(4));
        for (String format : ReceiptBench.FORMATS) {
            assertTrue(vault.get(format, "total")[0] >= 1, "every format is in the corpus: " + format);
        }
        // On digital formats the fields are read exactly; that is what the full run measures at scale.
        assertEquals(vault.group(false, "total")[0], vault.group(false, "total")[2], vault.summary());
        // Search finds every digital document by vendor, total and word; a photo of 9-pixel glyphs may
        // not be read at all: the full run measures that and docs/performance.md bounds it.
        assertEquals(List.of(), vault.misses.stream().filter(m -> m.contains(" not found by ") && !m.contains(".jpg "))
                .toList(), vault::summary);
        assertTrue(vault.figures.get("search.word") > 0, vault::summary);
        ReceiptBench.Scores reference = ReceiptBench.reference(corpus);
        String table = ReceiptBench.table(vault, reference);
        assertTrue(table.contains("| jpg |") && table.contains("| xlsx |"), table);
        assertTrue(ReceiptBench.figures(vault, reference).containsKey("photos.sure_wrong"));
    }

    @Test
    void journalAppendsAreDurableAndAllOfThemReachTheEmulatorsLogs() throws Exception {
        AuditJournal journal = AuditBench.open(tmp.resolve("audit"));
        LoadGenerator.Result appended = AuditBench.append(journal, 4, Duration.ZERO, Duration.ofMillis(700));
        assertTrue(appended.ok() > 0 && appended.failed() == 0, appended.summary());
        assertEquals(appended.ok(), journal.head().seq());
        assertEquals(journal.head().seq(), journal.durableSeq(), "every acknowledged append is fsynced");
        double seconds = AuditBench.ship(journal, tmp.resolve("audit"), MotoTestResource.emulator().endpoint(),
                journal.head().seq());
        assertTrue(seconds > 0);
    }

    @Test
    void recordingARowReplacesItsOldFiguresAndKeepsTheOthers() throws Exception {
        Path doc = tmp.resolve("performance.md");
        Files.writeString(doc, String.join("\n", "| a | b |", "|---|---|", "| old | 1 | <!-- row:x -->",
                "<!-- rows:end -->", "", "| row | when |", "|---|---|", "<!-- runs:end -->"), StandardCharsets.UTF_8);
        record(doc, "x", "| new | 2 |");
        record(doc, "y", "| other | 3 |");
        Files.writeString(doc, Files.readString(doc) + "\n<!-- t:begin -->\nold\n<!-- t:end -->\n");
        Path block = tmp.resolve("block.md");
        Files.writeString(block, "| new | table |\n");
        Process p = new ProcessBuilder("python3", "bench/record.py", "--block", doc.toString(), "t", block.toString())
                .inheritIO().start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(Files.readString(doc).contains("<!-- t:begin -->\n| new | table |\n<!-- t:end -->"));
        String text = Files.readString(doc);
        assertTrue(text.contains("| new | 2 | <!-- row:x -->") && !text.contains("| old | 1 |"), text);
        assertTrue(text.indexOf("| other | 3 | <!-- row:y -->") < text.indexOf("<!-- rows:end -->"), text);
        assertTrue(text.contains("`bench/thing 1` | test machine | <!-- run:y -->"), text);
    }

    private static void record(Path doc, String id, String row) throws Exception {
        Process p = new ProcessBuilder("python3", "bench/record.py", doc.toString(), id, row, "test machine",
                "bench/thing 1").inheritIO().start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
    }
}

package dev.strongroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.CapturedLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scrub re-hashes every blob the catalog expects and reports every finding, not just the first. */
class ScrubberTest {

    @TempDir
    java.nio.file.Path data;
    private BlobStore store;

    @BeforeEach
    void openStore() {
        store = BlobStoreTest.opened(data);
    }

    @Test
    void intactBlobsPassAndAreCounted() throws IOException {
        String a = put("first\n");
        String b = put("second blob\n");

        ScrubReport report = new Scrubber(store).scrub(Map.of(a, 6L, b, 12L));

        assertTrue(report.ok());
        assertEquals(2, report.blobsChecked());
        assertEquals(18, report.bytesChecked());
        assertEquals(List.of(), report.findings());
    }

    @Test
    void everyMissingResizedAndRottenBlobIsReported() throws IOException {
        String gone = put("gone\n");
        String resized = put("resized\n");
        String rotten = put("rotten\n");
        String fine = put("fine\n");
        Files.delete(store.pathOf(gone));
        Files.writeString(store.pathOf(resized), "resized and longer\n");
        Files.writeString(store.pathOf(rotten), "rotteN\n");
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put(gone, 5L);
        expected.put(resized, 8L);
        expected.put(rotten, 7L);
        expected.put(fine, 5L);

        ScrubReport report = new Scrubber(store).scrub(expected);

        assertFalse(report.ok());
        assertEquals(4, report.blobsChecked());
        assertEquals(List.of(
                new ScrubReport.Finding(gone, "missing", "no file at " + store.pathOf(gone)),
                new ScrubReport.Finding(resized, "size-mismatch", "catalog says 8 bytes, the file has 19"),
                new ScrubReport.Finding(resized, "hash-mismatch", "the bytes hash to "
                        + BlobStoreTest.sha256("resized and longer\n".getBytes(StandardCharsets.UTF_8))),
                new ScrubReport.Finding(rotten, "hash-mismatch", "the bytes hash to "
                        + BlobStoreTest.sha256("rotteN\n".getBytes(StandardCharsets.UTF_8)))), report.findings());
        assertEquals(19 + 7 + 5, report.bytesChecked());
    }

    @Test
    void aLongScrubReportsProgressEveryThousandBlobsAndItsDuration() throws IOException {
        Map<String, Long> expected = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = ("blob " + i).getBytes(StandardCharsets.UTF_8);
            String sha256 = BlobStoreTest.sha256(bytes);
            Files.createDirectories(store.pathOf(sha256).getParent());
            Files.write(store.pathOf(sha256), bytes);
            expected.put(sha256, (long) bytes.length);
        }

        ScrubReport report;
        try (CapturedLog log = CapturedLog.of(Scrubber.class)) {
            report = new Scrubber(store).scrub(expected);

            assertEquals(List.of("INFO Scrub progress: 1000 of 1000 blobs checked, 0 findings"),
                    log.messages().stream().filter(m -> m.contains("progress")).toList());
        }
        assertTrue(report.ok());
        assertEquals(1000, report.blobsChecked());
        assertTrue(report.durationMillis() >= 0 && report.durationMillis() < 600_000, "was " + report.durationMillis());
    }

    private String put(String text) throws IOException {
        try (PendingBlob pending = store.begin()) {
            pending.output().write(text.getBytes(StandardCharsets.UTF_8));
            pending.seal();
            return pending.commit().sha256();
        }
    }
}

package dev.strongroom.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strongroom.process.VaultClient.Download;
import dev.strongroom.process.VaultClient.User;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sends a 1 GiB file through a vault whose heap is capped at 256 MiB, in and out, and reads the
 * vault's GC log to show how much of the heap the transfer really kept alive.
 */
@ExtendWith(VaultProcess.LogTailOnFailure.class)
class LargeUploadIT {

    private static final long FILE_BYTES = 1L << 30;
    private static final int BLOCK_BYTES = 1 << 20;
    private static final int DISTINCT_BLOCKS = 64;
    private static final long MIB = 1L << 20;
    private static final long MAX_HEAP = 256 * MIB;
    /**
     * Used heap can never pass -Xmx (the JVM would throw OutOfMemoryError first), so the cap itself
     * is checked by the transfer succeeding. What shows whether the vault streams is what survives a
     * collection: about 30 MiB here. Half the heap leaves room for noise and still fails a vault that
     * keeps a sizeable share of the file in memory.
     */
    private static final long MAX_RETAINED = MAX_HEAP / 2;
    private static final User ANALYST = new User("large-analyst", "analyst-password-for-large");
    /** Heap in use before and after a pause, as a G1 pause line gives it: {@code Pause Young ... 120M->31M(256M)}. */
    private static final Pattern PAUSE = Pattern.compile("Pause .* (\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)");


    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aOneGibFileGoesInAndOutIntactThroughA256MibHeap() throws Exception {
        Path work = ScratchDirectory.fresh("large-upload");
        Path file = work.resolve("one-gib.txt");
        Path downloaded = work.resolve("one-gib-downloaded.txt");
        Path data = work.resolve("data");
        Path gcLog = work.resolve("vault-gc.log");
        try {
            long began = System.nanoTime();
            String sha256 = writeTextFile(file);
            System.out.printf("LargeUploadIT generated %s (%d bytes, sha256 %s) in %s%n", file, FILE_BYTES, sha256,
                    since(began));

            List<String> jvm = List.of("-Xmx" + MAX_HEAP / MIB + "m", "-Xlog:gc:file=" + gcLog.toAbsolutePath());
            // Metadata off: what is measured is the streaming. Once the file is stored the heavy lane
            // would start on it and load the language model (about 85 MB of heap) while the download runs.
            try (VaultProcess vault = VaultProcess.start(data, work.resolve("vault.log"), jvm,
                    Map.of("STRONGROOM_UPLOAD_MAX_FILE_BYTES", Long.toString(2 * FILE_BYTES),
                            "STRONGROOM_METADATA_ENABLED", "false"))) {
                VaultClient client = new VaultClient(vault, Duration.ofMinutes(3));
                client.createUser(ANALYST, "analyst");

                began = System.nanoTime();
                HttpResponse<String> response = client.upload(ANALYST, "one-gib.txt", FILE_BYTES,
                        () -> open(file));
                Duration upload = since(began);
                VaultClient.expect(201, response);
                JsonNode created = VaultClient.json(response);
                assertEquals(sha256, created.get("sha256").asText(), "sha256 the vault computed");
                assertEquals(FILE_BYTES, created.get("size").asLong(), "size the vault stored");

                began = System.nanoTime();
                Download download;
                try (OutputStream out = Files.newOutputStream(downloaded)) {
                    download = client.download(ANALYST, created.get("id").asText(), out);
                }
                Duration fetch = since(began);
                assertEquals(200, download.status());
                assertEquals(FILE_BYTES, download.size(), "bytes downloaded");
                assertEquals(sha256, download.sha256(), "sha256 of the downloaded bytes");
                assertEquals(FILE_BYTES, Files.size(downloaded), "bytes on disk after the download");

                assertTrue(client.ready(), "the vault is still ready after moving 2 GiB through a 256 MiB heap");
                HeapFigures heap = HeapFigures.from(gcLog);
                System.out.printf("LargeUploadIT upload %s (%.0f MB/s), download %s (%.0f MB/s); %s%n", upload,
                        megabytesPerSecond(upload), fetch, megabytesPerSecond(fetch), heap);

                String log = Files.readString(work.resolve("vault.log"), StandardCharsets.UTF_8);
                assertFalse(log.contains("OutOfMemoryError"), "the vault ran out of memory");
                assertTrue(heap.collections() > 0, "no garbage collection ran, so the GC log says nothing: " + heap);
                assertTrue(heap.peakRetainedBytes() < MAX_RETAINED,
                        "the vault held on to more than " + (MAX_RETAINED >> 20) + " MiB while streaming: " + heap);
            }
        } finally {
            ScratchDirectory.delete(data);
            Files.deleteIfExists(file);
            Files.deleteIfExists(downloaded);
        }
    }

    /**
     * Writes {@link #FILE_BYTES} of plain text from a few distinct random 1 MiB blocks, each copy
     * stamped with its block number so no two MiB of the file are equal, and returns its SHA-256.
     */
    private static String writeTextFile(Path file) throws IOException {
        SplittableRandom random = new SplittableRandom(20261122);
        byte[] alphabet = "abcdefghijklmnopqrstuvwxyz     \n".getBytes(StandardCharsets.US_ASCII);
        byte[][] blocks = new byte[DISTINCT_BLOCKS][BLOCK_BYTES];
        for (byte[] block : blocks) {
            for (int i = 0; i < BLOCK_BYTES; i++) {
                block[i] = alphabet[random.nextInt(alphabet.length)];
            }
        }
        MessageDigest digest = Sha256.digest();
        byte[] out = new byte[BLOCK_BYTES];
        try (OutputStream stream = Files.newOutputStream(file)) {
            for (int n = 0; n < FILE_BYTES / BLOCK_BYTES; n++) {
                System.arraycopy(blocks[random.nextInt(DISTINCT_BLOCKS)], 0, out, 0, BLOCK_BYTES);
                byte[] stamp = String.format("block %08d\n", n).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(stamp, 0, out, 0, stamp.length);
                digest.update(out);
                stream.write(out);
            }
        }
        return Sha256.hex(digest);
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    private static double megabytesPerSecond(Duration duration) {
        return FILE_BYTES / 1e6 / (duration.toNanos() / 1e9);
    }

    /**
     * What the vault's GC log says about its heap over the whole run. Heap use only peaks right
     * before a collection, so the largest "before" is the true peak; the largest "after" bounds what
     * the vault kept alive (young garbage is gone by then, old garbage may not be).
     */
    record HeapFigures(int collections, long peakUsedBytes, long peakRetainedBytes) {

        static HeapFigures from(Path gcLog) throws IOException {
            int collections = 0;
            long peakUsed = 0;
            long peakRetained = 0;
            for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    collections++;
                    peakUsed = Math.max(peakUsed, bytes(m.group(1), m.group(2)));
                    peakRetained = Math.max(peakRetained, bytes(m.group(3), m.group(4)));
                }
            }
            return new HeapFigures(collections, peakUsed, peakRetained);
        }

        private static long bytes(String amount, String unit) {
            long n = Long.parseLong(amount);
            return switch (unit) {
                case "K" -> n << 10;
                case "M" -> n << 20;
                default -> n << 30;
            };
        }

        @Override
        public String toString() {
            return String.format("GC log: %d pauses, peak heap used %d MiB, peak retained after a pause %d MiB",
                    collections, peakUsedBytes >> 20, peakRetainedBytes >> 20);
        }
    }
}

package dev.strongroom.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.CapturedLog;
import dev.strongroom.support.TestConfigs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's contract on a real file system: nothing is visible before {@code commit}; a committed
 * blob sits at its content address with exactly the bytes written; equal content is stored once;
 * an abandoned upload leaves nothing behind; temp files a crash left are removed at start.
 */
class BlobStoreTest {

    @TempDir
    Path data;
    private BlobStore store;

    @BeforeEach
    void openStore() {
        store = opened(data);
    }

    /** A store on {@code data} as the vault has it after start: directories made, no temp files. */
    static BlobStore opened(Path data) {
        BlobStore store = new BlobStore(TestConfigs.vault(data));
        store.cleanUpAtStart(null);
        return store;
    }

    @Test
    void aCommittedBlobIsStoredAtItsContentAddressWithItsBytes() throws IOException {
        byte[] bytes = "quarterly report, final\n".getBytes(StandardCharsets.UTF_8);
        String sha256 = sha256(bytes);

        StoredBlob blob;
        try (PendingBlob pending = store.begin()) {
            pending.output().write(bytes);
            assertEquals(sha256, pending.seal());
            assertFalse(store.exists(sha256), "not visible before commit");
            blob = pending.commit();
        }

        assertEquals(new StoredBlob(sha256, bytes.length, true), blob);
        Path path = data.resolve("blobs").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
        assertEquals(path, store.pathOf(sha256));
        assertArrayEquals(bytes, Files.readAllBytes(path));
        assertTrue(store.exists(sha256));
        assertEquals(List.of(), tempFiles(), "the temp file became the blob");
    }

    @Test
    void equalContentIsStoredOnceAndTheSecondCommitSaysSo() throws IOException {
        byte[] bytes = new byte[300_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i % 251);
        }

        StoredBlob first = store(bytes);
        StoredBlob second = store(bytes);

        assertTrue(first.newlyStored());
        assertFalse(second.newlyStored());
        assertEquals(first.sha256(), second.sha256());
        assertEquals(300_000, second.size());
        assertArrayEquals(bytes, Files.readAllBytes(store.pathOf(first.sha256())));
    }

    @Test
    void aRottenBlobIsHealedByAnUploadOfTheSameBytes() throws IOException {
        byte[] bytes = "ledger 2026\n".getBytes(StandardCharsets.UTF_8);
        StoredBlob blob = store(bytes);
        Files.write(store.pathOf(blob.sha256()), "ledger 2O26\n".getBytes(StandardCharsets.UTF_8));

        store(bytes);

        assertArrayEquals(bytes, Files.readAllBytes(store.pathOf(blob.sha256())));
    }

    @Test
    void anUploadClosedWithoutCommitLeavesNothing() throws IOException {
        try (PendingBlob pending = store.begin()) {
            pending.output().write("half an upload".getBytes(StandardCharsets.UTF_8));
            pending.output().flush();
            assertEquals(1, tempFiles().size());
        }

        assertEquals(List.of(), tempFiles());
        assertEquals(List.of(), blobFiles());
    }

    @Test
    void aSealedUploadThatIsRefusedLeavesNothing() throws IOException {
        try (PendingBlob pending = store.begin()) {
            pending.output().write("digest mismatch".getBytes(StandardCharsets.UTF_8));
            pending.seal();
        }

        assertEquals(List.of(), tempFiles());
        assertEquals(List.of(), blobFiles());
    }

    @Test
    void commitBeforeSealIsRefused() {
        try (PendingBlob pending = store.begin()) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, pending::commit);
            assertEquals("seal() first", refused.getMessage());
        }
    }

    @Test
    void temporaryFilesACrashLeftAreRemovedAtStartAndOperatorsAreTold() throws IOException {
        Files.writeString(data.resolve("tmp").resolve("upload-crashed.part"), "never acknowledged");
        Files.writeString(data.resolve("tmp").resolve("upload-crashed-too.part"), "never acknowledged");

        try (CapturedLog log = CapturedLog.of(BlobStore.class)) {
            new BlobStore(TestConfigs.vault(data)).cleanUpAtStart(null);
            new BlobStore(TestConfigs.vault(data)).cleanUpAtStart(null);

            assertEquals(List.of("WARN Removed 2 unfinished upload temp file(s) from " + data.resolve("tmp")),
                    log.messages(), "one warning naming the count; nothing when there is nothing to remove");
        }
        assertEquals(List.of(), tempFiles());
    }

    @Test
    void deletingABlobThatWasNeverStoredIsHarmless() {
        store.delete("ab" + "0".repeat(62));

        assertFalse(store.exists("ab" + "0".repeat(62)));
    }

    @Test
    void manyUploadsLeaveNoFileOpen() throws IOException {
        long before = openFiles();
        for (int i = 0; i < 200; i++) {
            store(("upload " + i).getBytes(StandardCharsets.UTF_8));
        }

        assertTrue(openFiles() - before < 20, "descriptors left open: " + (openFiles() - before));
    }

    @Test
    void aStartOnAnUnwritableVolumeFailsLoudly() throws IOException {
        Path file = Files.writeString(data.resolve("not-a-directory"), "x");

        UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                () -> new BlobStore(TestConfigs.vault(file)).cleanUpAtStart(null));

        assertEquals("cannot prepare the data directory " + file, failure.getMessage());
    }

    @Test
    void anUploadThatCannotStartIsTheVolumesFailure() throws IOException {
        BlobStore broken = new BlobStore(TestConfigs.vault(Files.writeString(data.resolve("file"), "x")));

        UncheckedIOException failure = assertThrows(UncheckedIOException.class, broken::begin);

        assertInstanceOf(VolumeWriteException.class, failure.getCause());
        assertTrue(failure.getMessage().startsWith("cannot create an upload temp file in "), failure.getMessage());
    }

    @Test
    void deletingABlobRemovesItAndDeletingItAgainIsHarmless() throws IOException {
        StoredBlob blob = store("disposed\n".getBytes(StandardCharsets.UTF_8));

        store.delete(blob.sha256());
        store.delete(blob.sha256());

        assertFalse(store.exists(blob.sha256()));
        assertEquals(List.of(), blobFiles());
    }

    @Test
    void onlyASha256NamesABlob() {
        for (String bad : List.of("../../etc/passwd", "ABCDEF" + "0".repeat(58), "0".repeat(63), "0".repeat(65))) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> store.pathOf(bad));
            assertEquals("not a sha256: " + bad, refused.getMessage());
        }
        assertFalse(store.exists("0".repeat(64)));
        assertEquals(data, store.root());
    }

    @Test
    void aWriteThatFailsIsMarkedAsTheVolumesFailure() throws IOException {
        PendingBlob pending = store.begin();
        OutputStream out = pending.output();
        pending.close();

        IOException failure = assertThrows(IOException.class, () -> {
            out.write(new byte[300 * 1024]);
            out.flush();
        });
        assertInstanceOf(VolumeWriteException.class, failure);
        assertTrue(failure.getMessage().startsWith("cannot write " + data.resolve("tmp")), failure.getMessage());
    }

    private StoredBlob store(byte[] bytes) throws IOException {
        try (PendingBlob pending = store.begin()) {
            pending.output().write(bytes);
            pending.seal();
            return pending.commit();
        }
    }

    private static long openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("tmp"))) {
            return files.toList();
        }
    }

    private List<Path> blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(data.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

package dev.strongroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.KeyedLocks;
import dev.strongroom.support.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload stops writing before the volume drops below the write floor, so the catalog and the
 * journal keep room to record what happens; and writers of the same bytes take the hash's lock.
 */
class WriteFloorTest {

    @TempDir
    Path data;

    @Test
    void anUploadLooksAtTheFreeSpaceEveryFourMebibytesAndStopsBelowTheFloor() throws IOException {
        BlobStore store = store(Long.MAX_VALUE);
        try (PendingBlob pending = store.begin()) {
            // Just under one check's worth: no look at the volume yet, so no refusal.
            pending.output().write(new byte[(int) PendingBlob.SPACE_CHECK_BYTES - 1]);
        }
        try (PendingBlob pending = store.begin()) {
            VolumeWriteException stopped = assertThrows(VolumeWriteException.class,
                    () -> pending.output().write(new byte[(int) PendingBlob.SPACE_CHECK_BYTES]));
            assertTrue(stopped.volumeFull(), "below the floor counts as full (507)");
            assertTrue(stopped.getMessage().contains("below the write floor"), stopped.getMessage());
        }
        assertEquals(0, tempFiles(), "a stopped upload leaves nothing behind");
    }

    @Test
    void aVolumeAboveTheFloorTakesTheWholeUpload() throws IOException {
        BlobStore store = store(1);
        try (PendingBlob pending = store.begin()) {
            byte[] bytes = new byte[(int) PendingBlob.SPACE_CHECK_BYTES * 2 + 5];
            pending.output().write(bytes);
            pending.seal();
            assertEquals(bytes.length, Files.size(store.pathOf(pending.commit().sha256())));
        }
    }

    @Test
    void theSameBytesAreWrittenOrRemovedByOneHolderAtATime() throws Exception {
        BlobStore store = store(0);
        String hash = "ab".repeat(32);
        CompletableFuture<Void> second;
        try (KeyedLocks.Held held = store.lock(hash)) {
            // Taken only once the first holder lets go; another hash is not held up meanwhile.
            second = CompletableFuture.runAsync(() -> store.lock(hash).close());
            store.lock("cd".repeat(32)).close();
            Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());
        }
        second.get(10, TimeUnit.SECONDS);
    }

    private BlobStore store(long floor) {
        BlobStore store = new BlobStore(TestConfigs.vault(data), new StoreConfig() {
            @Override
            public long minFreeBytes() {
                return 0;
            }

            @Override
            public long writeFloorBytes() {
                return floor;
            }
        });
        store.cleanUpAtStart(null);
        return store;
    }

    private long tempFiles() throws IOException {
        try (var files = Files.list(data.resolve("tmp"))) {
            return files.count();
        }
    }
}

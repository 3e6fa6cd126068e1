package dev.strongroom.store;

import dev.strongroom.DirectorySync;
import dev.strongroom.KeyedLocks;
import dev.strongroom.StartupOrder;
import dev.strongroom.VaultConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/** Where blobs live on the data volume, and the only code that writes them. */
@ApplicationScoped
public class BlobStore {

    private static final Logger LOG = Logger.getLogger(BlobStore.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final Path blobs;
    private final Path tmp;
    private final KeyedLocks hashes = new KeyedLocks();
    private final long writeFloor;

    /** For the restore command, which runs without a vault: no write floor. */
    public BlobStore(VaultConfig config) {
        this(config, 0);
    }

    @Inject
    public BlobStore(VaultConfig config, StoreConfig store) {
        this(config, store.writeFloorBytes());
    }

    private BlobStore(VaultConfig config, long writeFloor) {
        this.root = config.dataDir();
        this.blobs = root.resolve("blobs");
        this.tmp = root.resolve("tmp");
        this.writeFloor = writeFloor;
    }

    /** Deletes the temp files of uploads a crash or kill interrupted; none of them was ever acknowledged. */
    void cleanUpAtStart(@Observes @Priority(StartupOrder.BLOB_TEMP_FILES) StartupEvent event) {
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(tmp);
            int removed = 0;
            try (DirectoryStream<Path> stray = Files.newDirectoryStream(tmp)) {
                for (Path file : stray) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
            if (removed > 0) {
                LOG.warnf("Removed %d unfinished upload temp file(s) from %s", removed, tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + root, e);
        }
    }

    /** Starts an upload: a temp file on the same file system as the blobs, so the final rename is atomic. */
    public PendingBlob begin() {
        try {
            // Checked first: createDirectories on a directory that exists throws and catches an exception per call.
            if (!Files.isDirectory(tmp)) {
                Files.createDirectories(tmp);
            }
            Path temp = tmp.resolve("upload-" + UUID.randomUUID() + ".part");
            return new PendingBlob(this, temp, writeFloor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an upload temp file in " + tmp,
                    new VolumeWriteException(tmp.resolve("upload.part"), e));
        }
    }

    /**
     * Holds one blob's hash. An upload holds it from storing its bytes until its catalog row has
     * committed; a disposal holds it from counting the documents that share the blob until the blob is
     * removed. Without it an upload of the same bytes could find the blob present, then lose it to a
     * disposal that had counted no document.
     */
    public KeyedLocks.Held lock(String sha256) {
        return hashes.lock(sha256);
    }

    public Path pathOf(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return blobs.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    public boolean exists(String sha256) {
        return Files.isRegularFile(pathOf(sha256));
    }

    /** Removes a blob no document refers to any more (after disposal); the caller holds {@link #lock}. */
    public void delete(String sha256) {
        try {
            Path path = pathOf(sha256);
            if (Files.deleteIfExists(path)) {
                DirectorySync.fsync(path.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete blob " + sha256, e);
        }
    }

    public Path root() {
        return root;
    }
}

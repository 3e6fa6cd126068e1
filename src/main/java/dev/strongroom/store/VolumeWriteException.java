package dev.strongroom.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writing to the data volume failed: the vault's side of an upload, not the client's. Carries how
 * much space was left when it failed, so callers can tell a full volume from a broken one.
 */
public final class VolumeWriteException extends IOException {

    /** Below this much free space a failed write is taken for a full volume. */
    private static final long NEARLY_FULL_BYTES = 1024 * 1024;

    private final long usableBytes;

    VolumeWriteException(Path where, IOException cause) {
        super("cannot write " + where + ": " + cause.getMessage(), cause);
        this.usableBytes = usable(where);
    }

    public boolean volumeFull() {
        return usableBytes >= 0 && usableBytes < NEARLY_FULL_BYTES;
    }

    /** Free bytes when the write failed; -1 when even that could not be read. */
    public long usableBytes() {
        return usableBytes;
    }

    private static long usable(Path where) {
        try {
            return Files.getFileStore(where.getParent()).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }
}

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
    static final long NEARLY_FULL_BYTES = 1024 * 1024;

    private final long usableBytes;
    private final boolean belowFloor;

    VolumeWriteException(Path where, IOException cause) {
        this(where, cause, usable(where));
    }

    /** With the free space already read: the volume's answer at the moment of the failure. */
    VolumeWriteException(Path where, IOException cause, long usableBytes) {
        super("cannot write " + where + ": " + cause.getMessage(), cause);
        this.usableBytes = usableBytes;
        this.belowFloor = false;
    }

    private VolumeWriteException(Path where, long usableBytes, long floor) {
        super("stopped writing " + where + ": " + usableBytes + " bytes free, below the write floor of " + floor
                + " (strongroom.store.write-floor-bytes)", new IOException("below the write floor"));
        this.usableBytes = usableBytes;
        this.belowFloor = true;
    }

    /** The volume still has room, but less than the catalog and the journal are kept: treated as full. */
    static VolumeWriteException belowFloor(Path where, long usableBytes, long floor) {
        return new VolumeWriteException(where, usableBytes, floor);
    }

    public boolean volumeFull() {
        return belowFloor || usableBytes >= 0 && usableBytes < NEARLY_FULL_BYTES;
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

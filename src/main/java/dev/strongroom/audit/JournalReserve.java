package dev.strongroom.audit;

import dev.strongroom.VaultConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Space held back on the data volume for audit lines: a file of {@code reserve-bytes} zeros, written
 * out (not sparse), so its blocks are really taken. When the volume is full and an append fails for
 * lack of space, the journal gives part of the reserve back and writes its line into the room that
 * makes. The {@link WriteGate} refuses changes of state long before that; the reserve is for the
 * events of reads and refusals that go on meanwhile. It fills up again once there is room.
 */
@ApplicationScoped
public class JournalReserve {

    private static final Logger LOG = Logger.getLogger(JournalReserve.class);
    /** Given back at least this much at a time, so a run of appends on a full volume is not a run of truncations. */
    static final long RELEASE_STEP = 256 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private final long target;
    private volatile long size = -1;

    public JournalReserve(VaultConfig vault, JournalConfig config) {
        this.file = vault.dataDir().resolve("audit").resolve("journal.reserve");
        this.target = Math.max(0, config.reserveBytes());
    }

    /** Brings the reserve to its size as far as the volume allows; called as the journal opens. */
    synchronized void fill() {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(Set.of(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)));
            }
            size = Files.size(file);
            grow(Long.MAX_VALUE);
        } catch (IOException e) {
            LOG.warnf("The audit journal's space reserve %s could not be filled (%s); it holds %d of %d bytes", file,
                    e.getMessage(), Math.max(0, size), target);
        }
    }

    /** Refills what was given back, when the volume has {@code spare} bytes to give. Cheap when full. */
    void topUp(long spare) {
        if (size < 0 || size >= target || spare <= target - size) {
            return;
        }
        synchronized (this) {
            try {
                grow(spare);
            } catch (IOException e) {
                LOG.debugf("refilling the audit reserve: %s", e.getMessage());
            }
        }
    }

    private void grow(long spare) throws IOException {
        if (size >= target) {
            return;
        }
        long before = size;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate(CHUNK);
            long want = Math.min(target, size + Math.max(0, spare));
            try {
                while (size < want) {
                    zeros.clear().limit((int) Math.min(CHUNK, want - size));
                    size += out.write(zeros, size);
                }
            } finally {
                out.force(true);
            }
        } catch (IOException e) {
            size = Files.size(file);
            throw e;
        }
        if (before >= 0 && size > before) {
            LOG.infof("Audit journal space reserve %s holds %d bytes", file.getFileName(), size);
        }
    }

    /**
     * Gives back at least {@code bytes} (a whole step) for a line to be written; false when the reserve
     * is used up.
     */
    synchronized boolean release(long bytes) {
        if (size <= 0) {
            return false;
        }
        long give = Math.min(size, Math.max(bytes, RELEASE_STEP));
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            out.truncate(size - give);
            out.force(true);
            size -= give;
            LOG.warnf("The data volume is full: gave %d bytes of the audit journal's reserve back for audit lines "
                    + "(%d left); free space on the volume", give, size);
            return true;
        } catch (IOException e) {
            LOG.warnf("The audit journal's reserve %s could not be given back: %s", file, e.getMessage());
            return false;
        }
    }

    /** Bytes held now; -1 before the journal opened. */
    public long bytes() {
        return size;
    }

    public long targetBytes() {
        return target;
    }
}

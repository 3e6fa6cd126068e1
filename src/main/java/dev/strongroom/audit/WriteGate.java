package dev.strongroom.audit;

import dev.strongroom.VaultConfig;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.store.StoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The one question every change of state asks before it starts: may I write? No, with 503, while the
 * audit journal is read-only after an integrity finding (a write then could fork or hide the chain);
 * no, with 507, while the data volume has less than {@code strongroom.store.write-floor-bytes} free
 * (a write then could leave no room to record it). Reads are never gated: downloads and audit reads
 * go on in both cases, their events written from the journal's reserve.
 */
@ApplicationScoped
public class WriteGate {

    private static final Logger LOG = Logger.getLogger(WriteGate.class);
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;

    private final JournalIntegrity integrity;
    private final JournalReserve reserve;
    private final Path dataDir;
    private final long floor;
    private volatile FileStore store;
    private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    public WriteGate(JournalIntegrity integrity, JournalReserve reserve, VaultConfig vault, StoreConfig store) {
        this.integrity = integrity;
        this.reserve = reserve;
        this.dataDir = vault.dataDir();
        this.floor = store.writeFloorBytes();
    }

    /** @throws ProblemException 503 while the journal is read-only, 507 while the volume is below the floor */
    public void requireWritable(GatedWrite write) {
        requireRoom(write, 0);
    }

    /** As {@link #requireWritable}, and there must be room for {@code bytes} more above the floor. */
    public void requireRoom(GatedWrite write, long bytes) {
        List<IntegrityFinding> blocking = integrity.readOnlyFindings();
        if (!blocking.isEmpty()) {
            throw readOnly(write, blocking);
        }
        long usable = usableBytes();
        if (usable >= 0 && usable - Math.max(0, bytes) < floor) {
            throw full(write, usable, bytes);
        }
        reserve.topUp(usable - floor);
    }

    /** Free bytes on the data volume; -1 when they cannot be read (the write then finds out itself). */
    public long usableBytes() {
        try {
            FileStore volume = store;
            if (volume == null) {
                // Finding the store reads the mount table; its free space is one statvfs call each time.
                volume = Files.getFileStore(dataDir);
                store = volume;
            }
            return volume.getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Whether the data volume has less than the write floor free (false when that cannot be read). */
    public boolean belowFloor() {
        long usable = usableBytes();
        return usable >= 0 && usable < floor;
    }

    public long floorBytes() {
        return floor;
    }

    /** The 503 every refused write gets while the journal is read-only; public for writers that check on their own. */
    public static ProblemException readOnly(GatedWrite write, List<IntegrityFinding> blocking) {
        IntegrityFinding first = blocking.get(0);
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("findings", blocking.stream().map(IntegrityFinding::describe).toList());
        return new ProblemException(503, ProblemType.AUDIT_JOURNAL_READ_ONLY, "Audit journal read-only",
                "The vault is read-only, so " + write.description() + " was not made: " + first.describe()
                        + ". Downloads and audit reads still work; an operator recovers the journal as "
                        + "docs/audit-recovery.md describes.",
                extensions, Map.of("Retry-After", "300"));
    }

    private ProblemException full(GatedWrite write, long usable, long bytes) {
        long now = System.nanoTime();
        long last = lastWarned.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarned.compareAndSet(last, now)) {
            LOG.warnf("DATA VOLUME FULL: %d bytes free, below the write floor of %d bytes "
                    + "(strongroom.store.write-floor-bytes); changes are refused with 507 until space is freed",
                    usable, floor);
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("usableBytes", usable);
        extensions.put("floorBytes", floor);
        if (bytes > 0) {
            extensions.put("neededBytes", bytes);
        }
        return new ProblemException(507, ProblemType.VOLUME_FULL, "Data volume full",
                "The data volume is full (" + usable + " bytes free, " + floor + " kept for the catalog and the "
                        + "audit trail), so " + write.description() + " was not made; nothing was stored. Try again "
                        + "once the operators have freed space.",
                extensions, Map.of());
    }
}

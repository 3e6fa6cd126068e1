package dev.strongroom.store;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.strongroom.VaultConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Keeps everything the vault creates on the data volume private to the vault's user: files 0600,
 * directories 0700, whatever umask the process was started with. The systemd unit sets
 * {@code UMask=0077}; {@code ./run} and a plain {@code java -jar} inherit the shell's, usually 0022,
 * which would leave the catalog, journal and blobs readable by every local user. Java has no call
 * for the process's file-creation mask, so {@link #restrictUmask()} sets it through libc, before
 * anything is opened ({@code dev.strongroom.Main}); the mask covers files that libraries create
 * (the H2 catalog, Lucene) as well as ours. At start the data directory itself is made 0700, which
 * also closes off files an earlier version created more openly.
 */
@ApplicationScoped
public class OwnerOnlyFiles {

    private static final Logger LOG = Logger.getLogger(OwnerOnlyFiles.class);
    private static final int GROUP_AND_OTHERS = 0077;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    /** What {@link #restrictUmask()} found and did, logged once logging is up. */
    private static volatile String umaskOutcome = "not set: the vault was not started through its main class";

    private final Path dataDir;

    public OwnerOnlyFiles(VaultConfig config) {
        this.dataDir = config.dataDir();
    }

    /** Adds group and others to the process's umask, keeping whatever else it masks. */
    public static void restrictUmask() {
        int current = currentUmask();
        if (current >= 0 && (current & GROUP_AND_OTHERS) == GROUP_AND_OTHERS) {
            umaskOutcome = String.format("already %04o", current);
            return;
        }
        try {
            int previous = LibC.INSTANCE.umask(Math.max(current, 0) | GROUP_AND_OTHERS);
            umaskOutcome = String.format("%04o, now %04o", previous, previous | GROUP_AND_OTHERS);
        } catch (LinkageError e) {
            umaskOutcome = "left as it was: libc's umask cannot be called here (" + e.getMessage() + ")";
        }
    }

    /** The umask from /proc (Linux 4.7 and later), or -1 when it cannot be read. */
    private static int currentUmask() {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
            return status.stream().filter(line -> line.startsWith("Umask:"))
                    .mapToInt(line -> Integer.parseInt(line.substring("Umask:".length()).strip(), 8)).findFirst()
                    .orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Runs first at start, before any capability writes to the volume. */
    void closeDataDirectory(@Observes @Priority(1) StartupEvent event) {
        LOG.infof("File-creation mask (umask): %s", umaskOutcome);
        try {
            Files.createDirectories(dataDir);
            Set<PosixFilePermission> current = Files.getPosixFilePermissions(dataDir);
            if (!current.equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(dataDir, OWNER_ONLY);
                LOG.warnf("The data directory %s was %s; it is now rwx------ (the vault's user only)", dataDir,
                        PosixFilePermissions.toString(current));
            }
        } catch (UnsupportedOperationException e) {
            // Only a development machine's volume lacks POSIX permissions (the EBS volume is ext4 or XFS);
            // there is nothing to set, so the vault says so and runs on.
            LOG.warnf("The data directory %s is not on a POSIX file system; its permissions are left alone", dataDir);
        } catch (IOException e) {
            // A volume root owned by another user (root, on a fresh mount) can only be fixed by its owner.
            LOG.warnf("Cannot make the data directory %s private to the vault's user (%s); files inside are "
                    + "still created private", dataDir, e.toString());
        }
    }

    /** The one libc call Java lacks. */
    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int umask(int mask);
    }
}

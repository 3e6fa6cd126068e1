package dev.strongroom.store;

import dev.strongroom.FileCreationMask;
import dev.strongroom.StartupOrder;
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
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Keeps everything the vault creates on the data volume private to the vault's user: files 0600,
 * directories 0700, whatever umask the process was started with. The systemd unit sets
 * {@code UMask=0077}; {@code ./run} and a plain {@code java -jar} inherit the shell's, usually 0022,
 * which would leave the catalog, journal and blobs readable by every local user. Java has no call
 * for the process's file-creation mask, so {@link FileCreationMask} sets it through libc, before
 * anything is opened ({@code dev.strongroom.Main}). At start the data directory itself is made 0700, which
 * also closes off files an earlier version created more openly.
 */
@ApplicationScoped
public class OwnerOnlyFiles {

    private static final Logger LOG = Logger.getLogger(OwnerOnlyFiles.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final Path dataDir;

    public OwnerOnlyFiles(VaultConfig config) {
        this.dataDir = config.dataDir();
    }

    /** Runs first at start, before any capability writes to the volume. */
    void closeDataDirectory(@Observes @Priority(StartupOrder.DATA_DIRECTORY) StartupEvent event) {
        LOG.infof("File-creation mask (umask): %s", FileCreationMask.outcome());
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
}

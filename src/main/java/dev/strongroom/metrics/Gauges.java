package dev.strongroom.metrics;

import dev.strongroom.VaultConfig;
import dev.strongroom.audit.cloudwatch.AuditShipping;
import dev.strongroom.backup.BackupLag;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The vault's gauges as they stand now, read the same way for CloudWatch ({@link MetricsPublisher})
 * and for the history the operations page draws ({@link GaugeHistory}).
 */
@ApplicationScoped
public class Gauges {

    private static final Logger LOG = Logger.getLogger(Gauges.class);

    private final BackupLag backupLag;
    private final AuditShipping shipping;
    private final Path dataDir;

    public Gauges(BackupLag backupLag, AuditShipping shipping, VaultConfig vault) {
        this.backupLag = backupLag;
        this.shipping = shipping;
        this.dataDir = vault.dataDir();
    }

    public long backupLagSeconds() {
        return backupLag.lag().toSeconds();
    }

    public long documentsPendingBackup() {
        return backupLag.pendingCount();
    }

    public long auditShipLagSeconds() {
        return shipping.lagSeconds();
    }

    public double freeDiskPercent() {
        try {
            FileStore store = Files.getFileStore(Files.exists(dataDir) ? dataDir : dataDir.toAbsolutePath().getRoot());
            return store.getTotalSpace() == 0 ? 0 : 100.0 * store.getUsableSpace() / store.getTotalSpace();
        } catch (IOException e) {
            // An unreadable volume is as bad as a full one for the alarm.
            LOG.warnf("Free space of %s unknown: %s", dataDir, e.getMessage());
            return 0;
        }
    }
}

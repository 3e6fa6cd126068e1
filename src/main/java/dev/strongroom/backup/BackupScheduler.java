package dev.strongroom.backup;

import dev.strongroom.Stopping;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Starts a run on strongroom.backup.cron unless one is going or backups are not configured. */
@ApplicationScoped
public class BackupScheduler {

    private static final Logger LOG = Logger.getLogger(BackupScheduler.class);

    private final BackupService backups;

    public BackupScheduler(BackupService backups) {
        this.backups = backups;
    }

    @Scheduled(cron = "{strongroom.backup.cron}", identity = "backup-run",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Stopping.Skip.class)
    void scheduled() {
        if (!backups.configured()) {
            LOG.warn("Scheduled backup skipped: backups are not configured (strongroom.backup.bucket)");
            return;
        }
        try {
            backups.start("schedule", "system");
        } catch (dev.strongroom.http.ProblemException e) {
            LOG.infof("Scheduled backup skipped: %s", e.getMessage());
        }
    }
}

package dev.strongroom.backup;

import dev.strongroom.Stopping;
import dev.strongroom.catalog.DocumentBackups;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Backup lag: the age of the oldest document S3 has not confirmed yet (0 when none). Refreshed on a
 * short timer, after each batch of documents a run confirms and when the status is asked for (at most
 * once a second), so the metric reads a number instead of querying the catalog on the scrape's
 * thread, and the status is never a run behind.
 */
@ApplicationScoped
public class BackupLag {

    private final DocumentBackups documents;
    private volatile Instant oldestPending;
    private volatile long pendingCount;
    private volatile Instant refreshedAt = Instant.EPOCH;

    public BackupLag(MeterRegistry registry, DocumentBackups documents) {
        this.documents = documents;
        Gauge.builder("strongroom.backup.lag.seconds", this, l -> l.lag().toMillis() / 1000.0)
                .description("Age of the oldest document not yet confirmed in the S3 backup").register(registry);
        Gauge.builder("strongroom.backup.pending.documents", this, l -> l.pendingCount)
                .description("Documents not yet confirmed in the S3 backup").register(registry);
    }

    @Scheduled(every = "15s", identity = "backup-lag",
            skipExecutionIf = Stopping.Skip.class)
    public synchronized void refresh() {
        DocumentBackups.Lag now = documents.lag();
        oldestPending = now.oldestUpload();
        pendingCount = now.unconfirmed();
        refreshedAt = Instant.now();
    }

    /** Refreshes unless the figures are younger than {@code age}: a status must not show a count a run ago. */
    public void refreshIfOlderThan(Duration age) {
        if (refreshedAt.plus(age).isBefore(Instant.now())) {
            refresh();
        }
    }

    public Duration lag() {
        Instant oldest = oldestPending;
        return oldest == null ? Duration.ZERO : Duration.between(oldest, Instant.now());
    }

    public long pendingCount() {
        return pendingCount;
    }

    public Instant oldestPending() {
        return oldestPending;
    }
}

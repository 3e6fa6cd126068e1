package dev.strongroom.backup;

import dev.strongroom.catalog.Document;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Backup lag: the age of the oldest document S3 has not confirmed yet (0 when none). Refreshed on a
 * short timer and after each run, so the metric and health read a number instead of querying the
 * catalog on the scrape's thread.
 */
@ApplicationScoped
public class BackupLag {

    private volatile Instant oldestPending;
    private volatile long pendingCount;

    public BackupLag(MeterRegistry registry) {
        Gauge.builder("strongroom.backup.lag.seconds", this, l -> l.lag().toMillis() / 1000.0)
                .description("Age of the oldest document not yet confirmed in the S3 backup").register(registry);
        Gauge.builder("strongroom.backup.pending.documents", this, l -> l.pendingCount)
                .description("Documents not yet confirmed in the S3 backup").register(registry);
    }

    @Scheduled(every = "15s", identity = "backup-lag")
    public void refresh() {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager()
                .createQuery("select min(d.uploadedAt), count(d) from Document d where d.backupState <> :s",
                        Object[].class)
                .setParameter("s", Document.BACKED_UP).getSingleResult());
        oldestPending = (Instant) row[0];
        pendingCount = ((Number) row[1]).longValue();
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

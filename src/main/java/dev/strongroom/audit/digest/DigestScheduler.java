package dev.strongroom.audit.digest;

import dev.strongroom.Stopping;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/** Writes a digest every hour (strongroom.audit.digest.cron) and one at shutdown. */
@ApplicationScoped
public class DigestScheduler {

    private static final Logger LOG = Logger.getLogger(DigestScheduler.class);

    private final DigestWriter writer;
    private final DigestConfig config;

    public DigestScheduler(DigestWriter writer, DigestConfig config) {
        this.writer = writer;
        this.config = config;
    }

    @Scheduled(cron = "{strongroom.audit.digest.cron}", identity = "audit-digest",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Stopping.Skip.class)
    void hourly() {
        if (!writer.configured()) {
            LOG.warn("Hourly audit digest skipped: no backup bucket is configured (strongroom.backup.bucket)");
            return;
        }
        try {
            writer.writeHourly(Instant.now().truncatedTo(ChronoUnit.HOURS));
        } catch (DigestWriter.DigestNotWritten e) {
            // Logged and audited by the writer; the next hour's digest covers these events.
        }
    }

    /**
     * Before audit shipping drains (lower priority runs first), so the digest's own event is shipped
     * too. Bounded: an unreachable bucket must not hold up the stop; the next digest covers the rest.
     */
    void atShutdown(@Observes @Priority(100) ShutdownEvent event) {
        if (!writer.configured()) {
            return;
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "audit-digest-shutdown");
            t.setDaemon(true);
            return t;
        });
        Future<?> digest = executor.submit(() -> writer.writeNow("shutdown", Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        try {
            digest.get(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("The shutdown audit digest did not reach the bucket within %s; the next digest covers its events",
                    config.shutdownTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // Logged and audited by the writer.
        } finally {
            executor.shutdownNow();
        }
    }
}

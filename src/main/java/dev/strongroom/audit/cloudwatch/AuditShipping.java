package dev.strongroom.audit.cloudwatch;

import dev.strongroom.StartupOrder;
import dev.strongroom.VaultConfig;
import dev.strongroom.audit.AuditJournal;
import dev.strongroom.aws.SingleAttempt;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * Runs the {@link AuditShipper} on its own thread for the life of the vault: ships, waits
 * {@code poll-interval} once caught up, and after a failure waits with exponential backoff and
 * jitter (the SDK's backoff strategy) before trying again, for as long as it takes: no event is
 * ever given up on. At a stop it ships what is left within {@code shutdown-grace}.
 */
@ApplicationScoped
public class AuditShipping {

    private static final Logger LOG = Logger.getLogger(AuditShipping.class);
    static final String CHECKPOINT = "checkpoint.json";

    private final CloudWatchAuditConfig config;
    private final AuditJournal journal;
    private final CloudWatchLogsClient reads;
    private final CloudWatchLogsClient writes;
    private final Path dataDir;
    private volatile AuditLogStream stream;
    private final Path checkpointFile;
    private final BackoffStrategy backoff;
    private final Counter shippedEvents;
    private final Object wake = new Object();
    private volatile AuditShipper shipper;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile int failures;
    private volatile String lastError;
    private volatile Instant lastShippedAt;

    public AuditShipping(CloudWatchAuditConfig config, VaultConfig vault, AuditJournal journal,
            CloudWatchLogsClient reads, @SingleAttempt CloudWatchLogsClient writes, MeterRegistry registry) {
        this.config = config;
        this.journal = journal;
        this.reads = reads;
        this.writes = writes;
        this.dataDir = vault.dataDir();
        this.checkpointFile = vault.dataDir().resolve("audit").resolve("cloudwatch").resolve(CHECKPOINT);
        this.stream = new AuditLogStream(reads, writes, config.logGroup(), StreamEpoch.stream(StreamName.of(config),
                StreamEpoch.current(checkpointFile.getParent())));
        this.backoff = BackoffStrategy.exponentialDelay(config.retryBaseDelay(), config.retryMaxDelay());
        this.shippedEvents = Counter.builder("strongroom.audit.shipped.events")
                .description("Audit events CloudWatch Logs confirmed").register(registry);
        Gauge.builder("strongroom.audit.ship.lag.seconds", this, s -> s.lagSeconds())
                .description("Age of the oldest audit event not yet confirmed by CloudWatch Logs").register(registry);
    }

    void start(@Observes @Priority(StartupOrder.AUDIT_SHIPPING) StartupEvent event) {
        if (!config.enabled()) {
            LOG.warn("AUDIT SHIPPING IS OFF (strongroom.audit.cloudwatch.enabled=false): the audit trail stays on this "
                    + "volume only, and CloudWatch, the auditors' system of record, does not receive it.");
            return;
        }
        // A restored volume ships to a stream of its own (StreamEpoch); the checkpoint, being for the
        // stream before, then does not count, and the new stream gets the whole journal.
        stream = new AuditLogStream(reads, writes, config.logGroup(), StreamEpoch.stream(StreamName.of(config),
                StreamEpoch.establish(dataDir, checkpointFile.getParent())));
        BatchLimits limits = new BatchLimits(config.maxBatchEvents(), config.maxBatchBytes(), config.maxBatchSpan(),
                config.maxEventBytes());
        shipper = new AuditShipper(journal.segments(), journal::durableSeq, stream, checkpointFile, limits,
                config.maxEventAge(), Clock.systemUTC());
        LOG.infof("Audit shipping to CloudWatch Logs %s, stream %s, from seq %d", stream.group(), stream.stream(),
                shipper.checkpoint().seq() + 1);
        running = true;
        Thread t = new Thread(this::run, "audit-shipper");
        // Daemon: a shipper blocked on an unreachable endpoint must not hold the JVM at exit; its
        // checkpoint is written only after CloudWatch confirmed, so being cut off loses nothing.
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void run() {
        while (true) {
            boolean stopping = !running;
            boolean failed = !shipOnce();
            if (stopping) {
                return;
            }
            pause(failed ? backoff.computeDelay(failures) : config.pollInterval());
        }
    }

    /** One round; true when it ended caught up. */
    private boolean shipOnce() {
        try {
            long confirmed = shipper.shipAvailable();
            if (confirmed > 0) {
                shippedEvents.increment(confirmed);
                lastShippedAt = Instant.now();
            }
            if (failures > 0) {
                LOG.infof("Audit shipping to %s recovered after %d failed attempt(s); shipped up to seq %d",
                        stream.stream(), failures, shipper.checkpoint().seq());
            }
            failures = 0;
            lastError = null;
            return true;
        } catch (RuntimeException e) {
            failures++;
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            // Loud at first and then every tenth failure, not every few seconds for hours.
            if (failures == 1 || failures % 10 == 0) {
                LOG.warnf("Audit shipping to CloudWatch Logs failed (%d in a row), shipped up to seq %d, retrying with "
                        + "backoff: %s", failures, shipper.checkpoint().seq(), lastError);
            }
            return false;
        }
    }

    private void pause(Duration delay) {
        synchronized (wake) {
            if (running) {
                try {
                    wake.wait(Math.max(1, delay.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    /** Ships the rest within the grace period, after the shutdown digest (lower priority runs first). */
    void stop(@Observes @Priority(200) ShutdownEvent event) {
        Thread t = thread;
        if (t == null) {
            return;
        }
        running = false;
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            t.join(config.shutdownGrace().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        AuditShipper s = shipper;
        if (t.isAlive()) {
            LOG.warnf("Audit shipping did not finish within %s; shipped up to seq %d of %d, the rest follows at the "
                    + "next start", config.shutdownGrace(), s.checkpoint().seq(), journal.durableSeq());
        } else {
            LOG.infof("Audit shipping stopped, shipped up to seq %d of %d", s.checkpoint().seq(), journal.durableSeq());
            s.close();
        }
    }

    /** Wakes the shipper now instead of at its next poll. */
    public void nudge() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    public long lagSeconds() {
        AuditShipper s = shipper;
        return s == null ? 0 : s.lagSeconds();
    }

    public AuditLogStream stream() {
        return stream;
    }

    public Path checkpointFile() {
        return checkpointFile;
    }

    /** The newest sequence number CloudWatch confirmed; 0 when shipping is off. */
    public long shippedSeq() {
        AuditShipper s = shipper;
        return s == null ? 0 : s.checkpoint().seq();
    }

    public ShippingStatus status() {
        AuditShipper s = shipper;
        Instant last = lastShippedAt;
        return new ShippingStatus(config.enabled(), stream.group(), stream.stream(), s == null ? 0 : s.checkpoint().seq(),
                journal.durableSeq(), lagSeconds(), config.maxLag().toSeconds(),
                last == null ? null : last.truncatedTo(ChronoUnit.MILLIS).toString(), failures, lastError);
    }
}

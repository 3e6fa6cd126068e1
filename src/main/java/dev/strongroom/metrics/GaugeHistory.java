package dev.strongroom.metrics;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The gauges' recent past, for the sparklines on the operations page: one sample per metrics period
 * ({@code strongroom.metrics.every}), whether or not CloudWatch publishing is on, kept in memory for
 * {@link #KEPT}. The history starts again at each start of the vault; CloudWatch keeps the long view.
 */
@ApplicationScoped
public class GaugeHistory {

    static final Duration KEPT = Duration.ofHours(24);
    static final Duration MIN_GAP = Duration.ofSeconds(5);

    /** One reading of the gauges. */
    public record Sample(Instant at, long backupLagSeconds, long documentsPendingBackup, long auditShipLagSeconds,
            double freeDiskPercent) {
    }

    private final Gauges gauges;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public GaugeHistory(Gauges gauges) {
        this.gauges = gauges;
    }

    @Scheduled(every = "{strongroom.metrics.every}", identity = "gauge-history",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sample();
    }

    /**
     * Reads the gauges now and keeps the reading; also called when a page shows the current values, so
     * a page reloaded every second keeps one reading per {@link #MIN_GAP}.
     */
    public synchronized Sample sample() {
        Sample last = samples.peekLast();
        if (last != null && last.at().isAfter(Instant.now().minus(MIN_GAP))) {
            return last;
        }
        Sample now = new Sample(Instant.now(), gauges.backupLagSeconds(), gauges.documentsPendingBackup(),
                gauges.auditShipLagSeconds(), gauges.freeDiskPercent());
        samples.addLast(now);
        Instant horizon = now.at().minus(KEPT);
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(horizon)) {
            samples.removeFirst();
        }
        return now;
    }

    /** Oldest first. */
    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }
}

package dev.strongroom.metrics;

import dev.strongroom.Stopping;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Sends the vault's operational metrics to CloudWatch in one PutMetricData call per period, in the
 * namespace {@code strongroom.metrics.namespace}, without dimensions so that alarms cover every
 * instance. Gauges are the value now; counts are the events since the last delivered call. Retries
 * are the SDK's standard strategy; a period that still fails is logged, and its counts go with the
 * next one.
 */
@ApplicationScoped
public class MetricsPublisher {

    private static final Logger LOG = Logger.getLogger(MetricsPublisher.class);

    private final CloudWatchClient cloudWatch;
    private final MetricsConfig config;
    private final Gauges gauges;
    private final AuditTally tally;
    private int failures;

    public MetricsPublisher(CloudWatchClient cloudWatch, MetricsConfig config, Gauges gauges, AuditTally tally) {
        this.cloudWatch = cloudWatch;
        this.config = config;
        this.gauges = gauges;
        this.tally = tally;
    }

    @Scheduled(every = "{strongroom.metrics.every}", delayed = "{strongroom.metrics.every}", identity = "metrics",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Stopping.Skip.class)
    void scheduled() {
        if (config.enabled()) {
            publish();
        }
    }

    /** Sends one period's metrics; returns what was sent, or null when CloudWatch did not take them. */
    public synchronized Map<String, Double> publish() {
        AuditTally.Counts counts = tally.take();
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(MetricNames.BACKUP_LAG_SECONDS, (double) gauges.backupLagSeconds());
        values.put(MetricNames.BACKUP_FAILURES, (double) counts.backupFailures());
        values.put(MetricNames.DOCUMENTS_PENDING_BACKUP, (double) gauges.documentsPendingBackup());
        values.put(MetricNames.AUDIT_SHIP_LAG_SECONDS, (double) gauges.auditShipLagSeconds());
        values.put(MetricNames.FREE_DISK_PERCENT, gauges.freeDiskPercent());
        values.put(MetricNames.LOGIN_FAILURES, (double) counts.loginFailures());
        values.put(MetricNames.INTEGRITY_FAILURES, (double) counts.integrityFailures());
        Instant now = Instant.now();
        List<MetricDatum> data = values.entrySet().stream().map(v -> MetricDatum.builder().metricName(v.getKey())
                .value(v.getValue()).unit(unit(v.getKey())).timestamp(now).storageResolution(60).build()).toList();
        try {
            cloudWatch.putMetricData(b -> b.namespace(config.namespace()).metricData(data));
        } catch (SdkException e) {
            tally.giveBack(counts);
            failures++;
            // Loud at first and then every tenth period, not every minute for hours.
            if (failures == 1 || failures % 10 == 0) {
                LOG.warnf("CloudWatch metrics not delivered (%d period(s) in a row); counts carry over: %s", failures,
                        e.getMessage());
            }
            return null;
        }
        if (failures > 0) {
            LOG.infof("CloudWatch metrics delivered again after %d failed period(s)", failures);
        }
        failures = 0;
        return values;
    }

    private static StandardUnit unit(String metric) {
        return switch (metric) {
            case MetricNames.BACKUP_LAG_SECONDS, MetricNames.AUDIT_SHIP_LAG_SECONDS -> StandardUnit.SECONDS;
            case MetricNames.FREE_DISK_PERCENT -> StandardUnit.PERCENT;
            default -> StandardUnit.COUNT;
        };
    }
}

package dev.strongroom.snapshots;

import dev.strongroom.Stopping;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.ProblemException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Keeps the snapshot status fresh (once the vault has started, then every
 * strongroom.snapshots.status-every) so that health and the metrics read a value instead of calling
 * DLM and EC2 on the scrape's thread. A
 * scheduled check is audited when compliance changes, not every time, so the trail shows each
 * change without ten identical events an hour; a check ops ask for is always audited.
 */
@ApplicationScoped
public class SnapshotMonitor {

    private static final Logger LOG = Logger.getLogger(SnapshotMonitor.class);

    private final InstanceLocator locator;
    private final LifecyclePolicyCheck policyCheck;
    private final VolumeSnapshots snapshots;
    private final SnapshotConfig config;
    private final Auditor auditor;
    private volatile SnapshotStatus latest;

    public SnapshotMonitor(InstanceLocator locator, LifecyclePolicyCheck policyCheck, VolumeSnapshots snapshots,
            SnapshotConfig config, Auditor auditor, MeterRegistry registry) {
        this.locator = locator;
        this.policyCheck = policyCheck;
        this.snapshots = snapshots;
        this.config = config;
        this.auditor = auditor;
        Gauge.builder("strongroom.snapshots.newest.age.seconds", this,
                m -> m.value(s -> s.newestAgeSeconds() == null ? Double.NaN : (double) s.newestAgeSeconds()))
                .description("Age of the data volume's newest completed EBS snapshot at the last check")
                .register(registry);
        Gauge.builder("strongroom.snapshots.count", this, m -> m.value(s -> (double) s.snapshotCount()))
                .description("EBS snapshots of the data volume (by volume id and DLM policy tag)").register(registry);
        Gauge.builder("strongroom.snapshots.policy.compliant", this,
                m -> m.value(s -> s.policy() == null ? Double.NaN : s.policy().compliant() ? 1 : 0))
                .description("1 when the DLM policy is ENABLED and matches policies/dlm-policy.json").register(registry);
    }

    private double value(java.util.function.ToDoubleFunction<SnapshotStatus> f) {
        SnapshotStatus s = latest;
        return s == null || !s.configured() ? Double.NaN : f.applyAsDouble(s);
    }

    @Scheduled(every = "{strongroom.snapshots.status-every}", delayed = "{strongroom.startup.background-delay}",
            identity = "snapshot-status",
            skipExecutionIf = Stopping.Skip.class)
    void scheduled() {
        if (!config.enabled()) {
            if (latest == null) {
                LOG.warn("EBS SNAPSHOTS ARE OFF (strongroom.snapshots.enabled=false): nothing snapshots this data "
                        + "directory; the S3 backup is its only other copy");
                latest = new SnapshotStatus(false, null, null, 0, null, null, null, config.maxAge().toSeconds(),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS), List.of());
            }
            return;
        }
        SnapshotStatus before = latest;
        SnapshotStatus now = refresh();
        if (before == null || !before.problems().equals(now.problems())) {
            audit(now);
        }
    }

    public Optional<SnapshotStatus> latest() {
        return Optional.ofNullable(latest);
    }

    /** Checks now (for ops), audited. */
    public SnapshotStatus checkNow() {
        SnapshotStatus status = refresh();
        audit(status);
        return status;
    }

    SnapshotStatus refresh() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> problems = new ArrayList<>();
        InstanceIdentity identity;
        try {
            identity = locator.identity();
        } catch (ProblemException e) {
            problems.add("snapshots are not configured: " + e.getMessage());
            return remember(new SnapshotStatus(false, null, null, 0, null, null, null, config.maxAge().toSeconds(),
                    now, problems));
        }
        PolicyStatus policy = policyCheck.check();
        problems.addAll(policy.findings());
        List<SnapshotView> list = List.of();
        try {
            list = snapshots.list(identity.volumeId(), policy.policyId());
        } catch (SdkException e) {
            problems.add("EC2 could not list the snapshots of " + identity.volumeId() + ": " + e.getMessage());
        }
        SnapshotView newest = list.stream().filter(SnapshotView::completed).findFirst().orElse(null);
        Long age = newest == null || newest.startTime() == null ? null
                : Duration.between(newest.startTime(), now).toSeconds();
        if (newest == null) {
            problems.add("the data volume " + identity.volumeId() + " has no completed snapshot");
        } else if (age > config.maxAge().toSeconds()) {
            problems.add("the newest snapshot " + newest.snapshotId() + " is " + age / 3600 + " h old, older than "
                    + config.maxAge().toHours() + " h");
        }
        return remember(new SnapshotStatus(true, identity, policy, list.size(),
                newest == null ? null : newest.snapshotId(), newest == null ? null : newest.startTime(), age,
                config.maxAge().toSeconds(), now, List.copyOf(problems)));
    }

    private SnapshotStatus remember(SnapshotStatus status) {
        latest = status;
        if (status.problems().isEmpty()) {
            LOG.debugf("Snapshots OK: %d snapshot(s), newest %s s old", status.snapshotCount(),
                    status.newestAgeSeconds());
        } else {
            LOG.warnf("SNAPSHOT PROTECTION PROBLEM: %s", String.join("; ", status.problems()));
        }
        return status;
    }

    private void audit(SnapshotStatus status) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("configured", status.configured());
        detail.put("policyId", status.policy() == null ? null : status.policy().policyId());
        detail.put("policyState", status.policy() == null ? null : status.policy().state());
        detail.put("snapshots", status.snapshotCount());
        detail.put("newestAgeSeconds", status.newestAgeSeconds());
        detail.put("problems", String.join("; ", status.problems()));
        auditor.record(SnapshotAction.STATUS, "snapshots", status.problems().isEmpty() ? Outcome.SUCCESS : Outcome.FAILURE,
                detail);
    }
}

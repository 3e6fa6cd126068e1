package dev.strongroom.snapshots;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Snapshot health under /q/health/well: DOWN when snapshots are not configured, the DLM policy is
 * missing, disabled or short of policies/dlm-policy.json, or the newest snapshot is too old. A
 * wellness check like backup's: loud, but it does not take the vault out of the load balancer. Where
 * snapshots are switched off on purpose (strongroom.snapshots.enabled=false, as under ./run) it is
 * UP and says "off", so that it does not hold /q/health DOWN for something that does not apply.
 */
@Wellness
@ApplicationScoped
public class SnapshotHealthCheck implements HealthCheck {

    private final SnapshotMonitor monitor;
    private final SnapshotConfig config;

    public SnapshotHealthCheck(SnapshotMonitor monitor, SnapshotConfig config) {
        this.monitor = monitor;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("snapshots");
        if (!config.enabled()) {
            return health.up().withData("enabled", false).withData("note", "snapshots are off here "
                    + "(strongroom.snapshots.enabled=false): the data directory is not an EBS volume, and the S3 "
                    + "backup is its only other copy").build();
        }
        SnapshotStatus status = monitor.latest().orElse(null);
        if (status == null) {
            return health.down().withData("problem", "the snapshot status has not been checked yet").build();
        }
        health.withData("configured", status.configured()).withData("checkedAt", String.valueOf(status.checkedAt()));
        if (status.instance() != null) {
            health.withData("volumeId", status.instance().volumeId());
        }
        if (status.policy() != null) {
            health.withData("policyId", String.valueOf(status.policy().policyId()))
                    .withData("policyState", status.policy().state())
                    .withData("policyCompliant", status.policy().compliant());
        }
        health.withData("snapshots", status.snapshotCount());
        if (status.newestAgeSeconds() != null) {
            health.withData("newestSnapshot", status.newestSnapshotId())
                    .withData("newestAgeSeconds", status.newestAgeSeconds());
        }
        if (status.problems().isEmpty()) {
            return health.up().build();
        }
        return health.down().withData("problem", String.join("; ", status.problems())).build();
    }
}

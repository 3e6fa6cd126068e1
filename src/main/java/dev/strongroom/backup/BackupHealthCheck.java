package dev.strongroom.backup;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import io.smallrye.health.api.Wellness;

/**
 * Backup health, under /q/health/well (and /q/health): DOWN when backups are not configured, the
 * bucket posture is not compliant, the lag passes strongroom.backup.max-lag, a run has stalled, or
 * the spot-check found confirmed objects gone from the bucket (until they are confirmed again), or the bucket
 * is claimed by another vault (naming both vault ids, until a run finds it this vault's). It is a wellness
 * check on purpose: a backup problem must be loud, but must not take the vault out of the load
 * balancer, since uploads stay safe on the volume meanwhile.
 */
@Wellness
@ApplicationScoped
public class BackupHealthCheck implements HealthCheck {

    private final BackupService backups;
    private final BackupOverview overview;
    private final BucketClaimCheck claims;

    public BackupHealthCheck(BackupService backups, BackupOverview overview, BucketClaimCheck claims) {
        this.backups = backups;
        this.overview = overview;
        this.claims = claims;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("backup");
        if (!backups.configured()) {
            return health.down().withData("configured", false)
                    .withData("problem", "backups are not configured: no document leaves this volume").build();
        }
        BackupStatus status = overview.current();
        health.withData("configured", true).withData("bucket", status.bucket())
                .withData("lagSeconds", status.lagSeconds()).withData("pendingDocuments", status.pendingDocuments())
                .withData("postureCompliant", String.valueOf(status.posture() == null ? null : status.posture().compliant()));
        claims.latest().filter(c -> !c.outcome().mayWrite()).ifPresent(c -> health
                .withData("claimVaultId", c.claimVaultId()).withData("vaultId", c.vaultId()));
        if (status.lastRun() != null) {
            health.withData("lastRun", status.lastRun().id() + " " + status.lastRun().state());
        }
        if (status.problems().isEmpty()) {
            return health.up().build();
        }
        return health.down().withData("problem", String.join("; ", status.problems())).build();
    }
}

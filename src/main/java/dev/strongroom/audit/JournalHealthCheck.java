package dev.strongroom.audit;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The audit trail's integrity under /q/health/well (and so /q/health): DOWN with the findings while
 * any stands, "read-only" when the vault refuses writes. A wellness check, not readiness: a read-only
 * vault must stay in the load balancer, since downloads and audit reads go on.
 */
@Wellness
@ApplicationScoped
public class JournalHealthCheck implements HealthCheck {

    private final JournalIntegrity integrity;
    private final AuditJournal journal;
    private final JournalReserve reserve;

    public JournalHealthCheck(JournalIntegrity integrity, AuditJournal journal, JournalReserve reserve) {
        this.integrity = integrity;
        this.journal = journal;
        this.reserve = reserve;
    }

    @Override
    public HealthCheckResponse call() {
        ChainHead head = journal.head();
        HealthCheckResponseBuilder health = HealthCheckResponse.named("audit-journal")
                .withData("state", integrity.writable() ? "writable" : "read-only")
                .withData("headSeq", head.seq())
                .withData("heldEvents", journal.heldCount())
                .withData("reserveBytes", reserve.bytes());
        if (integrity.checkedAt() != null) {
            health.withData("verifiedAt", integrity.checkedAt().toString()).withData("verified", integrity.checkedRange());
        }
        List<IntegrityFinding> findings = integrity.findings();
        if (findings.isEmpty()) {
            return health.up().build();
        }
        health.withData("problem", findings.get(0).describe());
        for (int i = 0; i < Math.min(10, findings.size()); i++) {
            health.withData("finding" + (i + 1), findings.get(i).describe());
        }
        return health.down().build();
    }
}

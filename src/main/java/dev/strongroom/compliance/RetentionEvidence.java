package dev.strongroom.compliance;

import dev.strongroom.catalog.Document;
import dev.strongroom.retention.RetentionService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Legal holds, documents past retention that wait for disposal, pending disposals and tombstones. */
@ApplicationScoped
public class RetentionEvidence {

    private final RetentionService retention;

    public RetentionEvidence(RetentionService retention) {
        this.retention = retention;
    }

    public ComplianceReport.Retention collect() {
        Instant now = Instant.now();
        List<ComplianceReport.Kept> holds = kept("legalHold = true order by retainUntil, id", null);
        List<ComplianceReport.Kept> past = kept("retainUntil <= ?1 order by retainUntil, id", now);
        List<ComplianceReport.PendingDisposal> pending = retention.pending().stream()
                .map(p -> new ComplianceReport.PendingDisposal(p.id(), p.documentId(), p.requestedBy(), p.requestedAt(),
                        p.reason()))
                .sorted(Comparator.comparing(ComplianceReport.PendingDisposal::requestedAt)).toList();
        List<ComplianceReport.Disposed> tombstones = retention.tombstones().stream()
                .map(t -> new ComplianceReport.Disposed(t.documentId, t.sha256, t.fileName, t.requestedBy, t.approvedBy,
                        t.disposedAt, t.reason))
                .sorted(Comparator.comparing(ComplianceReport.Disposed::disposedAt)).toList();
        return new ComplianceReport.Retention(holds, past, pending, tombstones);
    }

    private static List<ComplianceReport.Kept> kept(String query, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> (now == null ? Document.<Document>find(query)
                : Document.<Document>find(query, now)).stream()
                .map(d -> new ComplianceReport.Kept(d.id, d.fileName, d.retentionClass, d.retainUntil, d.legalHold))
                .toList());
    }
}

package dev.strongroom.compliance;

import dev.strongroom.catalog.CatalogEvidence;
import dev.strongroom.retention.RetentionService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Legal holds, documents past retention that wait for disposal, pending disposals and tombstones. */
@ApplicationScoped
public class RetentionEvidence {

    private final RetentionService retention;
    private final CatalogEvidence catalog;

    public RetentionEvidence(RetentionService retention, CatalogEvidence catalog) {
        this.retention = retention;
        this.catalog = catalog;
    }

    public ComplianceReport.Retention collect() {
        Instant now = Instant.now();
        List<ComplianceReport.Kept> holds = kept(catalog.legalHolds());
        List<ComplianceReport.Kept> past = kept(catalog.pastRetention(now));
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

    private static List<ComplianceReport.Kept> kept(List<CatalogEvidence.Kept> kept) {
        return kept.stream().map(d -> new ComplianceReport.Kept(d.id(), d.fileName(), d.retentionClass(),
                d.retainUntil(), d.legalHold())).toList();
    }
}

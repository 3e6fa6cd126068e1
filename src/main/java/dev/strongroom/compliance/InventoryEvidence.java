package dev.strongroom.compliance;

import dev.strongroom.catalog.CatalogEvidence;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Documents and bytes in the catalog, by content type and by retention class. */
@ApplicationScoped
public class InventoryEvidence {

    private final CatalogEvidence catalog;

    public InventoryEvidence(CatalogEvidence catalog) {
        this.catalog = catalog;
    }

    public ComplianceReport.Inventory collect() {
        List<ComplianceReport.Group> byType = groups(CatalogEvidence.Grouping.CONTENT_TYPE);
        List<ComplianceReport.Group> byClass = groups(CatalogEvidence.Grouping.RETENTION_CLASS);
        long documents = byType.stream().mapToLong(ComplianceReport.Group::documents).sum();
        long bytes = byType.stream().mapToLong(ComplianceReport.Group::bytes).sum();
        return new ComplianceReport.Inventory(documents, bytes, byType, byClass);
    }

    private List<ComplianceReport.Group> groups(CatalogEvidence.Grouping grouping) {
        return catalog.inventory(grouping).stream()
                .map(g -> new ComplianceReport.Group(g.key(), g.documents(), g.bytes())).toList();
    }
}

package dev.strongroom.compliance;

import dev.strongroom.catalog.Document;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Documents and bytes in the catalog, by content type and by retention class. */
@ApplicationScoped
public class InventoryEvidence {

    public ComplianceReport.Inventory collect() {
        List<ComplianceReport.Group> byType = groups("contentType");
        List<ComplianceReport.Group> byClass = groups("retentionClass");
        long documents = byType.stream().mapToLong(ComplianceReport.Group::documents).sum();
        long bytes = byType.stream().mapToLong(ComplianceReport.Group::bytes).sum();
        return new ComplianceReport.Inventory(documents, bytes, byType, byClass);
    }

    /** @param field a fixed entity field name, never input */
    private static List<ComplianceReport.Group> groups(String field) {
        return QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager()
                .createQuery("select d." + field + ", count(d), coalesce(sum(d.sizeBytes), 0) from Document d group by d."
                        + field + " order by d." + field, Object[].class)
                .getResultList().stream().map(r -> new ComplianceReport.Group((String) r[0], ((Number) r[1]).longValue(),
                        ((Number) r[2]).longValue()))
                .toList());
    }
}

package dev.strongroom.catalog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/** How much the catalog holds, for the operations page. */
@ApplicationScoped
public class CatalogStatistics {

    /**
     * @param documents documents in the catalog
     * @param bytes the sum of their sizes (a blob shared by several documents counts each time)
     * @param backupPending documents whose backup state is still {@link BackupState#PENDING}
     */
    public record Summary(long documents, long bytes, long backupPending) {
    }

    public Summary summary() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] totals = Document.getEntityManager()
                    .createQuery("select count(d), coalesce(sum(d.sizeBytes), 0) from Document d", Object[].class)
                    .getSingleResult();
            long pending = Document.count("backupState", BackupState.PENDING);
            return new Summary(((Number) totals[0]).longValue(), ((Number) totals[1]).longValue(), pending);
        });
    }
}

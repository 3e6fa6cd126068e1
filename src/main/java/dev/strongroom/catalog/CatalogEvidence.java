package dev.strongroom.catalog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** What the catalog holds and keeps, as compliance reports show it. */
@ApplicationScoped
public class CatalogEvidence {

    /** How documents are grouped in an inventory; each names a fixed entity field, never input. */
    public enum Grouping {
        CONTENT_TYPE("contentType"), RETENTION_CLASS("retentionClass");

        private final String field;

        Grouping(String field) {
            this.field = field;
        }
    }

    /** @param key the content type or retention class; null for documents without one */
    public record Group(String key, long documents, long bytes) {
    }

    /** A document kept: under a legal hold, or past its retain-until date. */
    public record Kept(String id, String fileName, String retentionClass, Instant retainUntil, boolean legalHold) {
    }

    /** Documents and bytes per group, in the group's order. */
    public List<Group> inventory(Grouping grouping) {
        String field = grouping.field;
        return QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager()
                .createQuery("select d." + field + ", count(d), coalesce(sum(d.sizeBytes), 0) from Document d "
                        + "group by d." + field + " order by d." + field, Object[].class)
                .getResultList().stream().map(r -> new Group((String) r[0], ((Number) r[1]).longValue(),
                        ((Number) r[2]).longValue()))
                .toList());
    }

    /** Documents under a legal hold, soonest retain-until first. */
    public List<Kept> legalHolds() {
        return QuarkusTransaction.requiringNew().call(() -> Document.<Document>find(
                "legalHold = true order by retainUntil, id").stream().map(CatalogEvidence::kept).toList());
    }

    /** Documents whose retain-until date is {@code now} or before, oldest first. */
    public List<Kept> pastRetention(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> Document.<Document>find(
                "retainUntil <= ?1 order by retainUntil, id", now).stream().map(CatalogEvidence::kept).toList());
    }

    private static Kept kept(Document d) {
        return new Kept(d.id, d.fileName, d.retentionClass, d.retainUntil, d.legalHold);
    }
}

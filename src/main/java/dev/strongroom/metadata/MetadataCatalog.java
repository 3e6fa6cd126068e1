package dev.strongroom.metadata;

import dev.strongroom.catalog.BackupState;
import dev.strongroom.catalog.Document;
import dev.strongroom.catalog.DocumentChanged;
import dev.strongroom.catalog.DocumentTexts;
import dev.strongroom.catalog.MetadataState;
import dev.strongroom.catalog.ReviewState;
import dev.strongroom.metadata.extract.Reason;
import dev.strongroom.metadata.extract.Sidecar;
import dev.strongroom.metadata.extract.SidecarJson;
import dev.strongroom.metadata.extract.Status;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The metadata columns of the catalog: state, sidecar JSON and its searchable copies. Every write is
 * conditional on the state the writer saw, so two lanes (or a lane and a later sync) never overwrite
 * each other's result.
 */
@ApplicationScoped
public class MetadataCatalog {

    static final int TITLE_CHARS = 1_000;
    static final int TEXT_CHARS = 2_000;
    /** How the sidecar JSON ({@link SidecarJson}, compact) of a document waiting for OCR reads. */
    private static final String OCR_PENDING_JSON = "%\"reason\":\"" + Reason.OCR_PENDING.slug() + "\"%";

    /** What a lane needs to know about one document. */
    public record Target(String id, String sha256, long size, String fileName, MetadataState state,
            String retentionClass) {
    }

    private final Event<DocumentChanged> changes;

    public MetadataCatalog(Event<DocumentChanged> changes) {
        this.changes = changes;
    }

    /** The document, or empty when it no longer exists (disposed of). */
    public Optional<Target> find(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Document.<Document>findByIdOptional(id)
                .map(d -> new Target(d.id, d.sha256, d.sizeBytes, d.fileName, d.metadataState, d.retentionClass)));
    }

    /** Ids of documents in this metadata state, oldest upload first. */
    public List<String> waiting(MetadataState state, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager()
                .createQuery("select d.id from Document d where d.metadataState = :state order by d.uploadedAt, d.id",
                        String.class)
                .setParameter("state", state).setMaxResults(limit).getResultList());
    }

    /** A document waiting for metadata, and where the next page of them starts. */
    public record Waiting(String id, Instant uploadedAt) {
    }

    /**
     * Documents in this metadata state whose bytes are in the backup bucket, oldest upload first,
     * after {@code after} (null: from the oldest): the only ones the metadata Lambda, which runs on the
     * bucket's new objects, can have seen.
     */
    public List<Waiting> waitingInBucket(MetadataState state, Waiting after, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = Document.getEntityManager().createQuery("select d.id, d.uploadedAt from Document d "
                    + "where d.metadataState = :state and d.backupState = :backedUp"
                    + (after == null ? "" : " and (d.uploadedAt > :at or (d.uploadedAt = :at and d.id > :id))")
                    + " order by d.uploadedAt, d.id", Object[].class)
                    .setParameter("state", state).setParameter("backedUp", BackupState.BACKED_UP);
            if (after != null) {
                query.setParameter("at", after.uploadedAt()).setParameter("id", after.id());
            }
            return query.setMaxResults(limit).getResultList().stream()
                    .map(r -> new Waiting((String) r[0], (Instant) r[1])).toList();
        });
    }

    /** Documents whose text waits for OCR (deferred with reason ocr-pending). */
    public long countOcrPending() {
        return QuarkusTransaction.requiringNew().call(() -> Document.count(
                "metadataState = ?1 and metadataJson like ?2", MetadataState.DEFERRED, OCR_PENDING_JSON));
    }

    /** Whether this document is deferred only because its text waits for OCR. */
    public boolean waitsForOcr(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Document.count(
                "id = ?1 and metadataState = ?2 and metadataJson like ?3", id, MetadataState.DEFERRED,
                OCR_PENDING_JSON) > 0);
    }

    /** Ids of documents in this metadata state uploaded before {@code uploadedBefore}, oldest first. */
    public List<String> waitingSince(MetadataState state, Instant uploadedBefore, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager()
                .createQuery("select d.id from Document d where d.metadataState = :state and d.uploadedAt < :before "
                        + "order by d.uploadedAt, d.id", String.class)
                .setParameter("state", state).setParameter("before", uploadedBefore).setMaxResults(limit)
                .getResultList());
    }

    /** Ids of the documents holding these bytes. */
    public List<String> withSha256(String sha256) {
        return QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager()
                .createQuery("select d.id from Document d where d.sha256 = :sha256 order by d.uploadedAt, d.id",
                        String.class)
                .setParameter("sha256", sha256).getResultList());
    }

    /** A final sidecar (EXTRACTED or UNPARSEABLE) another document with the same bytes already has. */
    public Optional<String> finalSidecarOf(String sha256, String exceptId) {
        return QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager()
                .createQuery("select d.metadataJson from Document d where d.sha256 = :sha256 and d.id <> :id "
                        + "and d.metadataState in :final and d.metadataJson is not null "
                        + "order by d.metadataUpdatedAt desc", String.class)
                .setParameter("final", List.of(MetadataState.EXTRACTED, MetadataState.UNPARSEABLE))
                .setParameter("sha256", sha256).setParameter("id", exceptId).setMaxResults(1).getResultStream()
                .findFirst());
    }

    /**
     * Stores a sidecar, its searchable fields and the whole text read, if the document is still in
     * {@code expectedState}; marks it for the search index in the same transaction.
     *
     * @param text the whole extracted text, or null (then the index takes the sidecar's excerpt)
     * @return false when the document is gone or another writer got there first
     */
    public boolean record(String id, MetadataState expectedState, Sidecar sidecar, String json, String text) {
        Sidecar.Receipt receipt = sidecar.receipt();
        String vendor = receipt == null || receipt.vendor() == null ? null : receipt.vendor().value();
        Parameters params = Parameters.with("state", stateOf(sidecar.status())).and("json", json)
                .and("title", clip(sidecar.title(), TITLE_CHARS)).and("author", clip(sidecar.author(), TITLE_CHARS))
                .and("vendor", clip(vendor, TITLE_CHARS)).and("text", clip(sidecar.excerpt(), TEXT_CHARS))
                .and("date", receiptDate(receipt)).and("total", receiptTotal(receipt))
                .and("currency", receiptCurrency(receipt)).and("review", review(receipt))
                .and("now", Instant.now().truncatedTo(ChronoUnit.MILLIS)).and("id", id).and("expected", expectedState);
        boolean updated = QuarkusTransaction.requiringNew().call(() -> {
            int rows = Document.update("metadataState = :state, metadataJson = :json, metadataTitle = :title, "
                    + "metadataAuthor = :author, metadataVendor = :vendor, metadataText = :text, receiptDate = :date, "
                    + "receiptTotal = :total, receiptCurrency = :currency, receiptReview = :review, "
                    + "metadataUpdatedAt = :now, searchDirty = true, searchStamp = searchStamp + 1 "
                    + "where id = :id and metadataState = :expected", params);
            if (rows == 1) {
                DocumentTexts.replace(id, text);
            }
            return rows == 1;
        });
        if (updated) {
            changes.fire(new DocumentChanged(id));
        }
        return updated;
    }

    /** The catalog's state for an extraction's outcome. */
    private static MetadataState stateOf(Status status) {
        return switch (status) {
            case OK -> MetadataState.EXTRACTED;
            case UNPARSEABLE -> MetadataState.UNPARSEABLE;
            case DEFERRED -> MetadataState.DEFERRED;
        };
    }

    private static java.time.LocalDate receiptDate(Sidecar.Receipt r) {
        try {
            return r == null || r.date() == null ? null : java.time.LocalDate.parse(r.date().value());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static java.math.BigDecimal receiptTotal(Sidecar.Receipt r) {
        try {
            return r == null || r.total() == null ? null : new java.math.BigDecimal(r.total().amount());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String receiptCurrency(Sidecar.Receipt r) {
        if (r == null) {
            return null;
        }
        String c = r.currency() != null ? r.currency().value() : r.total() != null ? r.total().currency() : null;
        return c != null && c.length() == 3 ? c : null;
    }

    private static String review(Sidecar.Receipt r) {
        if (r == null) {
            return null;
        }
        return (Boolean.TRUE.equals(r.needsReview()) ? ReviewState.NEEDS_REVIEW : ReviewState.OK).name();
    }

    private static String clip(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }
}

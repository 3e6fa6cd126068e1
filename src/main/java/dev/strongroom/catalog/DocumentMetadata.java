package dev.strongroom.catalog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata columns of the catalog, for the metadata capability: which documents wait for
 * extraction, and the results stored. Each method runs in a transaction of its own. Every write is
 * conditional on the state the writer saw, so two lanes (or a lane and a later sync) never overwrite
 * each other's result.
 */
@ApplicationScoped
public class DocumentMetadata {

    /**
     * What a lane needs to know about one document.
     *
     * @param heldHere whether its bytes are this host's to read ({@link HeldHere}): a lane extracts only those, so
     *                 two hosts never extract the same document
     */
    public record Target(String id, String sha256, long size, String fileName, MetadataState state,
            String retentionClass, boolean heldHere) {
    }

    /** A document waiting for metadata, and where the next page of them starts. */
    public record Waiting(String id, Instant uploadedAt) {
    }

    /**
     * An extraction's result as the catalog stores it: the sidecar JSON and the searchable copies of its
     * fields, already cut to their columns' lengths.
     *
     * @param receiptReview null for a document that is no receipt
     */
    public record Extracted(MetadataState state, String json, String title, String author, String vendor,
            String excerpt, LocalDate receiptDate, BigDecimal receiptTotal, String receiptCurrency,
            ReviewState receiptReview) {
    }

    private final Event<DocumentChanged> changes;
    private final HeldHere heldHere;

    public DocumentMetadata(Event<DocumentChanged> changes, HeldHere heldHere) {
        this.changes = changes;
        this.heldHere = heldHere;
    }

    /** The document, or empty when it no longer exists (disposed of). */
    public Optional<Target> find(String id) {
        HeldHere.Scope scope = heldHere.scope();
        return QuarkusTransaction.requiringNew().call(() -> Document.<Document>findByIdOptional(id)
                .map(d -> new Target(d.id, d.sha256, d.sizeBytes, d.fileName, d.metadataState, d.retentionClass,
                        heldHere.holds(scope, d.storedOn, d.sha256))));
    }

    /**
     * Ids of documents this host holds ({@link HeldHere}) in this metadata state, oldest upload first: the
     * lanes read the bytes from this volume, and each document is extracted by the host that holds it.
     */
    public List<String> waiting(MetadataState state, int limit) {
        return waitingHere("", state, null, limit);
    }

    /**
     * Documents in this metadata state whose bytes are in the backup bucket, oldest upload first, after
     * {@code after} (null: from the oldest).
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

    /**
     * How many DEFERRED documents have a sidecar matching {@code sidecarLike} (an SQL {@code like}
     * pattern): the metadata capability knows the sidecar's form, the catalog only stores it.
     */
    public long countDeferred(String sidecarLike) {
        return QuarkusTransaction.requiringNew().call(() -> Document.count(
                "metadataState = ?1 and metadataJson like ?2", MetadataState.DEFERRED, sidecarLike));
    }

    /** Whether this document is DEFERRED with a sidecar matching {@code sidecarLike}. */
    public boolean isDeferred(String id, String sidecarLike) {
        return QuarkusTransaction.requiringNew().call(() -> Document.count(
                "id = ?1 and metadataState = ?2 and metadataJson like ?3", id, MetadataState.DEFERRED,
                sidecarLike) > 0);
    }

    /**
     * Ids of documents this host holds in this metadata state uploaded before {@code uploadedBefore}, oldest
     * first.
     */
    public List<String> waitingSince(MetadataState state, Instant uploadedBefore, int limit) {
        return waitingHere(" and d.uploadedAt < :before", state, uploadedBefore, limit);
    }

    private List<String> waitingHere(String condition, MetadataState state, Instant before, int limit) {
        HeldHere.Scope scope = heldHere.scope();
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = Document.getEntityManager().createQuery("select d.id, d.storedOn, d.sha256 from Document d "
                    + "where d.metadataState = :state" + condition + " and " + HeldHere.MINE_OR_UNRECORDED
                    + " order by d.uploadedAt, d.id", Object[].class)
                    .setParameter("state", state).setParameter("host", scope.host());
            if (before != null) {
                query.setParameter("before", before);
            }
            return query.setMaxResults(limit).getResultList().stream()
                    .filter(r -> heldHere.holds(scope, (String) r[1], (String) r[2])).map(r -> (String) r[0])
                    .toList();
        });
    }

    /** Ids of the documents this host holds with these bytes. */
    public List<String> withSha256(String sha256) {
        HeldHere.Scope scope = heldHere.scope();
        return QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager()
                .createQuery("select d.id, d.storedOn from Document d where d.sha256 = :sha256 and "
                        + HeldHere.MINE_OR_UNRECORDED + " order by d.uploadedAt, d.id", Object[].class)
                .setParameter("sha256", sha256).setParameter("host", scope.host()).getResultStream()
                .filter(r -> heldHere.holds(scope, (String) r[1], sha256)).map(r -> (String) r[0]).toList());
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

    /** A document whose sidecar came with it from a backup, so its searchable columns were never filled in. */
    public record Unread(String id, String json) {
    }

    /**
     * Documents a restore (or a snapshot's catch-up) added with a sidecar but without the columns an extraction
     * fills from it, after {@code afterId} (null: from the first).
     */
    public List<Unread> unreadSidecars(String afterId, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = Document.getEntityManager().createQuery("select d.id, d.metadataJson from Document d "
                    + "where d.metadataJson is not null and d.metadataUpdatedAt is null"
                    + (afterId == null ? "" : " and d.id > :after") + " order by d.id", Object[].class);
            if (afterId != null) {
                query.setParameter("after", afterId);
            }
            return query.setMaxResults(limit).getResultList().stream()
                    .map(r -> new Unread((String) r[0], (String) r[1])).toList();
        });
    }

    /**
     * Fills the searchable columns of documents added from a backup from the sidecars they came with, in one
     * transaction, leaving their states as the backup has them; marks them for the search index in the same
     * transaction.
     *
     * @param read each document's columns, by id
     * @return how many were filled: a document an extraction filled first is left as it is
     */
    public int fillFromSidecars(Map<String, Extracted> read) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> filled = QuarkusTransaction.requiringNew().call(() -> {
            List<String> ids = new ArrayList<>();
            read.forEach((id, columns) -> {
                int rows = Document.update("metadataTitle = :title, metadataAuthor = :author, "
                        + "metadataVendor = :vendor, metadataText = :text, receiptDate = :date, receiptTotal = :total, "
                        + "receiptCurrency = :currency, receiptReview = :review, metadataUpdatedAt = :now, "
                        + "searchDirty = true, searchStamp = searchStamp + 1 "
                        + "where id = :id and metadataUpdatedAt is null",
                        Parameters.with("title", columns.title()).and("author", columns.author())
                                .and("vendor", columns.vendor()).and("text", columns.excerpt())
                                .and("date", columns.receiptDate()).and("total", columns.receiptTotal())
                                .and("currency", columns.receiptCurrency())
                                .and("review", columns.receiptReview() == null ? null : columns.receiptReview().name())
                                .and("now", now).and("id", id));
                if (rows == 1) {
                    SearchMarks.markForEveryHost(id);
                    ids.add(id);
                }
            });
            return ids;
        });
        filled.forEach(id -> changes.fire(new DocumentChanged(id)));
        return filled.size();
    }

    /**
     * Stores an extraction's result and the whole text read, if the document is still in
     * {@code expectedState}; marks it for the search index in the same transaction, and tells the
     * indexer once it has committed.
     *
     * @param text the whole extracted text, or null (then the index takes the sidecar's excerpt)
     * @return false when the document is gone or another writer got there first
     */
    public boolean record(String id, MetadataState expectedState, Extracted result, String text) {
        Parameters params = Parameters.with("state", result.state()).and("json", result.json())
                .and("title", result.title()).and("author", result.author()).and("vendor", result.vendor())
                .and("text", result.excerpt()).and("date", result.receiptDate()).and("total", result.receiptTotal())
                .and("currency", result.receiptCurrency())
                .and("review", result.receiptReview() == null ? null : result.receiptReview().name())
                .and("now", Instant.now().truncatedTo(ChronoUnit.MILLIS)).and("id", id).and("expected", expectedState);
        boolean updated = QuarkusTransaction.requiringNew().call(() -> {
            int rows = Document.update("metadataState = :state, metadataJson = :json, metadataTitle = :title, "
                    + "metadataAuthor = :author, metadataVendor = :vendor, metadataText = :text, receiptDate = :date, "
                    + "receiptTotal = :total, receiptCurrency = :currency, receiptReview = :review, "
                    + "metadataUpdatedAt = :now, searchDirty = true, searchStamp = searchStamp + 1 "
                    + "where id = :id and metadataState = :expected", params);
            if (rows == 1) {
                DocumentTexts.replace(id, text);
                SearchMarks.markForEveryHost(id);
            }
            return rows == 1;
        });
        if (updated) {
            changes.fire(new DocumentChanged(id));
        }
        return updated;
    }
}

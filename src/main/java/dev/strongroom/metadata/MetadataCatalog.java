package dev.strongroom.metadata;

import dev.strongroom.catalog.DocumentMetadata;
import dev.strongroom.catalog.MetadataState;
import dev.strongroom.catalog.ReviewState;
import dev.strongroom.metadata.extract.Reason;
import dev.strongroom.metadata.extract.Sidecar;
import dev.strongroom.metadata.extract.SidecarJson;
import dev.strongroom.metadata.extract.Status;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog's metadata columns as the metadata capability sees them: reads through
 * {@link DocumentMetadata}, and a sidecar turned into the columns it fills (its searchable fields, cut
 * to their lengths, and the receipt fields search filters by). The sidecar's form is known here, not
 * in the catalog.
 */
@ApplicationScoped
public class MetadataCatalog {

    static final int TITLE_CHARS = 1_000;
    static final int TEXT_CHARS = 2_000;
    /** How the sidecar JSON ({@link SidecarJson}, compact) of a document waiting for OCR reads. */
    private static final String OCR_PENDING_JSON = "%\"reason\":\"" + Reason.OCR_PENDING.slug() + "\"%";

    private final DocumentMetadata documents;

    public MetadataCatalog(DocumentMetadata documents) {
        this.documents = documents;
    }

    /** The document, or empty when it no longer exists (disposed of). */
    public Optional<DocumentMetadata.Target> find(String id) {
        return documents.find(id);
    }

    /** Ids of documents in this metadata state, oldest upload first. */
    public List<String> waiting(MetadataState state, int limit) {
        return documents.waiting(state, limit);
    }

    /**
     * Documents in this metadata state whose bytes are in the backup bucket, oldest upload first,
     * after {@code after} (null: from the oldest): the only ones the metadata Lambda, which runs on the
     * bucket's new objects, can have seen.
     */
    public List<DocumentMetadata.Waiting> waitingInBucket(MetadataState state, DocumentMetadata.Waiting after,
            int limit) {
        return documents.waitingInBucket(state, after, limit);
    }

    /** Documents whose text waits for OCR (deferred with reason ocr-pending). */
    public long countOcrPending() {
        return documents.countDeferred(OCR_PENDING_JSON);
    }

    /** Whether this document is deferred only because its text waits for OCR. */
    public boolean waitsForOcr(String id) {
        return documents.isDeferred(id, OCR_PENDING_JSON);
    }

    /** Ids of documents in this metadata state uploaded before {@code uploadedBefore}, oldest first. */
    public List<String> waitingSince(MetadataState state, Instant uploadedBefore, int limit) {
        return documents.waitingSince(state, uploadedBefore, limit);
    }

    /** Ids of the documents holding these bytes. */
    public List<String> withSha256(String sha256) {
        return documents.withSha256(sha256);
    }

    /** A final sidecar (EXTRACTED or UNPARSEABLE) another document with the same bytes already has. */
    public Optional<String> finalSidecarOf(String sha256, String exceptId) {
        return documents.finalSidecarOf(sha256, exceptId);
    }

    /**
     * Stores a sidecar, its searchable fields and the whole text read, if the document is still in
     * {@code expectedState}; marks it for the search index in the same transaction.
     *
     * @param text the whole extracted text, or null (then the index takes the sidecar's excerpt)
     * @return false when the document is gone or another writer got there first
     */
    public boolean record(String id, MetadataState expectedState, Sidecar sidecar, String json, String text) {
        return documents.record(id, expectedState, columns(sidecar, json), text);
    }

    /** Documents added from a backup with a sidecar whose columns were never filled in, after {@code afterId}. */
    public List<DocumentMetadata.Unread> unreadSidecars(String afterId, int limit) {
        return documents.unreadSidecars(afterId, limit);
    }

    /**
     * Fills the searchable columns of documents added from a backup from their sidecars, as the extractions that
     * wrote the sidecars did; returns how many were filled (an extraction may have filled one first).
     */
    public int fillFromSidecars(Map<String, Sidecar> sidecars) {
        Map<String, DocumentMetadata.Extracted> columns = new LinkedHashMap<>();
        // The sidecar JSON stays as the backup has it: only the columns derived from it are written.
        sidecars.forEach((id, sidecar) -> columns.put(id, columns(sidecar, null)));
        return documents.fillFromSidecars(columns);
    }

    /** The columns a sidecar fills: its searchable fields cut to their lengths, and the receipt fields. */
    private static DocumentMetadata.Extracted columns(Sidecar sidecar, String json) {
        Sidecar.Receipt receipt = sidecar.receipt();
        String vendor = receipt == null || receipt.vendor() == null ? null : receipt.vendor().value();
        return new DocumentMetadata.Extracted(stateOf(sidecar.status()), json, clip(sidecar.title(), TITLE_CHARS),
                clip(sidecar.author(), TITLE_CHARS), clip(vendor, TITLE_CHARS), clip(sidecar.excerpt(), TEXT_CHARS),
                receiptDate(receipt), receiptTotal(receipt), receiptCurrency(receipt), review(receipt));
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

    private static ReviewState review(Sidecar.Receipt r) {
        if (r == null) {
            return null;
        }
        return Boolean.TRUE.equals(r.needsReview()) ? ReviewState.NEEDS_REVIEW : ReviewState.OK;
    }

    private static String clip(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }
}

package dev.strongroom.catalog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A document's receipt fields as people review and correct them: the review queue, and the values in
 * effect after a correction. The changes run inside the caller's transaction, so that they commit
 * with the correction's own rows; {@link #find(String)} runs in one of its own.
 */
@ApplicationScoped
public class ReceiptCorrections {

    /**
     * A document with its receipt fields in effect.
     *
     * @param metadataJson the metadata sidecar, which says which fields were read unsure
     * @param review a {@link ReviewState} name, or null for a document that is no receipt
     */
    public record Entry(String id, String originalFileName, String owner, Instant uploadedAt,
            MetadataState metadataState, String metadataJson, String vendor, LocalDate date, BigDecimal total,
            String currency, String review) {

        static Entry of(Document d) {
            return new Entry(d.id, d.originalFileName, d.owner, d.uploadedAt, d.metadataState, d.metadataJson,
                    d.metadataVendor, d.receiptDate, d.receiptTotal, d.receiptCurrency, d.receiptReview);
        }
    }

    /** The document, or empty when there is none; in a transaction of its own. */
    public Optional<Entry> find(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Document.<Document>findByIdOptional(id).map(Entry::of));
    }

    /** Inside the caller's transaction: the document being corrected. */
    public Entry read(String id) {
        return Entry.of(Document.findById(id));
    }

    /**
     * Inside the caller's transaction: one page of the documents waiting for review, oldest upload
     * first.
     *
     * @param owner whose documents, or null for every owner's
     */
    public List<Entry> needingReview(String owner, int page, int size) {
        return Document.<Document>find(whereNeedsReview(owner) + " order by uploadedAt, id", needsReview(owner))
                .page(page, size).list().stream().map(Entry::of).toList();
    }

    /** Inside the caller's transaction: how many documents wait for review, as {@link #needingReview}. */
    public long countNeedingReview(String owner) {
        return Document.count(whereNeedsReview(owner), needsReview(owner));
    }

    private static String whereNeedsReview(String owner) {
        return "receiptReview = ?1" + (owner == null ? "" : " and owner = ?2");
    }

    private static Object[] needsReview(String owner) {
        return owner == null ? new Object[] { ReviewState.NEEDS_REVIEW.name() }
                : new Object[] { ReviewState.NEEDS_REVIEW.name(), owner };
    }

    /** Inside the caller's transaction: the vendor a person gave. */
    public void correctVendor(String id, String vendor) {
        Document.<Document>findById(id).metadataVendor = vendor;
    }

    /** Inside the caller's transaction: the receipt date a person gave. */
    public void correctDate(String id, LocalDate date) {
        Document.<Document>findById(id).receiptDate = date;
    }

    /** Inside the caller's transaction: the total a person gave. */
    public void correctTotal(String id, BigDecimal total) {
        Document.<Document>findById(id).receiptTotal = total;
    }

    /** Inside the caller's transaction: the currency a person gave. */
    public void correctCurrency(String id, String currency) {
        Document.<Document>findById(id).receiptCurrency = currency;
    }

    /**
     * Inside the caller's transaction, after a correction: the document's review state, and its mark for
     * the search index, whose entry shows the values in effect.
     */
    public void corrected(String id, ReviewState review) {
        Document d = Document.findById(id);
        d.receiptReview = review.name();
        d.searchDirty = true;
        d.searchStamp++;
        SearchMarks.markForEveryHost(id);
    }
}

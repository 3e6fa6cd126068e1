package dev.strongroom.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the search index holds of a document: its names, owner, type, class, dates and size for
 * filters and sorting, the receipt fields, and the words it can be found by.
 */
public record IndexableDocument(String id, String owner, String fileName, String originalFileName,
        String contentType, long sizeBytes, String retentionClass, Instant uploadedAt, Instant retainUntil,
        String description, List<String> tags, String metadataTitle, String metadataAuthor, String metadataVendor,
        String metadataText, String metadataJson, LocalDate receiptDate, BigDecimal receiptTotal,
        String receiptCurrency) {

    static IndexableDocument of(Document d) {
        return new IndexableDocument(d.id, d.owner, d.fileName, d.originalFileName, d.contentType, d.sizeBytes,
                d.retentionClass, d.uploadedAt, d.retainUntil, d.description, List.copyOf(d.tags), d.metadataTitle,
                d.metadataAuthor, d.metadataVendor, d.metadataText, d.metadataJson, d.receiptDate, d.receiptTotal,
                d.receiptCurrency);
    }
}

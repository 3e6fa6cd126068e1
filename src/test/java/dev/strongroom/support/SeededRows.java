package dev.strongroom.support;

import dev.strongroom.catalog.Document;
import dev.strongroom.catalog.MetadataState;
import dev.strongroom.retention.Tombstone;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;

/**
 * Catalog rows a test writes straight into the running app's catalog, without an upload: thousands of documents in
 * a second, or the catalog part of a disposal at a chosen moment.
 */
public final class SeededRows {

    /** Ids that sort before any random UUID: a read in id order meets these documents first. */
    public static final String FIRST = "00000000-0000-4000-8000-";

    private SeededRows() {
    }

    /** Document number {@code n}, id {@link #FIRST} and {@code n}; persist it in a transaction. */
    public static Document document(int n, String owner) {
        Document d = new Document();
        d.id = FIRST + String.format("%012d", n);
        d.owner = owner;
        d.fileName = "receipt-" + n + ".pdf";
        d.originalFileName = d.fileName;
        d.contentType = "application/pdf";
        d.sizeBytes = 1;
        d.sha256 = "0".repeat(64);
        d.retentionClass = "receipt";
        d.retainUntil = Instant.parse("2033-01-01T00:00:00Z");
        d.uploadedAt = Instant.now();
        // Settled as far as background work goes: no extraction or search marks pick these rows up.
        d.metadataState = MetadataState.EXTRACTED;
        return d;
    }

    /** The tombstone a disposal of {@code doc} leaves, with its bytes removed or not; persist it in a transaction. */
    public static Tombstone tombstoneOf(Document doc, String requestedBy, String approvedBy, String reason,
            boolean blobRemoved) {
        Tombstone t = new Tombstone();
        t.documentId = doc.id;
        t.sha256 = doc.sha256;
        t.fileName = doc.fileName;
        t.owner = doc.owner;
        t.sizeBytes = doc.sizeBytes;
        t.requestedBy = requestedBy;
        t.approvedBy = approvedBy;
        t.disposedAt = Instant.now();
        t.reason = reason;
        t.blobRemoved = blobRemoved;
        return t;
    }

    /** Removes every row {@link #document} made, and their tombstones, so that the next test class never meets them. */
    public static void removeAll() {
        QuarkusTransaction.requiringNew().run(() -> {
            Document.delete("id like ?1", FIRST + "%");
            Tombstone.delete("documentId like ?1", FIRST + "%");
        });
    }
}

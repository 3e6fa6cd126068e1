package dev.strongroom.catalog;

import dev.strongroom.writeahead.RowLock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * The document rows as retention changes them: what a hold or a disposal decides on, the hold set or
 * cleared, the row removed when its document is disposed of. The changes run inside the caller's
 * change transaction (retention writes them ahead), so that the row, the request and the tombstone
 * commit together; the reads that come before a change run in transactions of their own.
 */
@ApplicationScoped
public class RetentionRows {

    /** What retention decides on, and what a disposal's tombstone keeps of the document. */
    public record Facts(String id, String owner, String fileName, long sizeBytes, String sha256,
            String retentionClass, Instant retainUntil, boolean legalHold) {

        static Facts of(Document d) {
            return new Facts(d.id, d.owner, d.fileName, d.sizeBytes, d.sha256, d.retentionClass, d.retainUntil,
                    d.legalHold);
        }
    }

    /** The document, or empty when there is none (never was, or disposed of); in a transaction of its own. */
    public Optional<Facts> find(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Document.<Document>findByIdOptional(id).map(Facts::of));
    }

    /**
     * Inside a change's transaction: locks the document's row until the commit, so a change on another
     * host waits for this one and then sees it.
     *
     * @return the document as locked, or empty when its row is gone
     */
    public Optional<Facts> lock(String id) {
        if (!RowLock.lock("document", "id", id)) {
            return Optional.empty();
        }
        return Optional.of(Facts.of(Document.findById(id)));
    }

    /** Inside a change's transaction, on a row {@link #lock(String) locked}: sets or clears the legal hold. */
    public DocumentView hold(String id, boolean hold) {
        Document document = Document.findById(id);
        document.legalHold = hold;
        return DocumentView.of(document);
    }

    /** Inside the transaction remaking a journaled hold change: sets or clears the hold, whatever the row holds. */
    public void remakeHold(String id, boolean hold) {
        Document.update("legalHold = ?1 where id = ?2", hold, id);
    }

    /** Inside a disposal's transaction: removes the document's row. */
    public void remove(String id) {
        Document.deleteById(id);
        SearchMarks.markForEveryHost(id);
    }

    /** Whether any document still refers to these bytes; in a transaction of its own. */
    public boolean anyHolding(String sha256) {
        return QuarkusTransaction.requiringNew().call(() -> Document.count("sha256", sha256) > 0);
    }
}

package dev.strongroom.retention;

import dev.strongroom.KeyedLocks;
import dev.strongroom.catalog.RetentionRows;
import dev.strongroom.store.BlobStore;
import dev.strongroom.writeahead.ChangeHandler;
import dev.strongroom.writeahead.JournaledIntent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What retention changes do to the catalog, made from their journaled intents (so that the live
 * change and its remaking from the journal are the same code), and the one effect beyond the
 * catalog: removing a disposed document's blob when no document shares it.
 */
@ApplicationScoped
public class RetentionChanges implements ChangeHandler {

    static final String REQUEST_ID = "requestId";
    static final String REASON = "reason";

    private final BlobStore store;
    private final RetentionRows rows;

    public RetentionChanges(BlobStore store, RetentionRows rows) {
        this.store = store;
        this.rows = rows;
    }

    @Override
    public List<RetentionChange> kinds() {
        return List.of(RetentionChange.values());
    }

    /**
     * Removes the blob of a disposed document when no document refers to it any more, holding its hash
     * so that an upload of the same bytes either commits its row first (and the blob stays) or comes
     * after (and stores the bytes again). Records the outcome on the tombstone.
     */
    @Override
    public Map<String, String> finish(JournaledIntent intent) {
        if (intent.kind() != RetentionChange.DISPOSAL_APPROVE) {
            return Map.of();
        }
        String sha256 = intent.fact("sha256");
        try (KeyedLocks.Held held = store.lock(sha256)) {
            boolean shared = rows.anyHolding(sha256);
            if (!shared) {
                store.delete(sha256);
            }
            QuarkusTransaction.requiringNew().run(() -> Tombstone.update("blobRemoved = ?1 where documentId = ?2",
                    !shared, intent.subjectId()));
            return Map.of("blobRemoved", Boolean.toString(!shared));
        }
    }

    @Override
    public void remake(JournaledIntent intent, SortedMap<String, String> completion) {
        RetentionChange kind = (RetentionChange) intent.kind();
        switch (kind) {
            case LEGAL_HOLD_SET, LEGAL_HOLD_CLEAR -> rows.remakeHold(intent.subjectId(),
                    kind == RetentionChange.LEGAL_HOLD_SET);
            case DISPOSAL_REQUEST -> {
                // A later request for the same document may stand in the catalog already (this one was
                // withdrawn or rejected since): one pending request per document.
                if (DisposalRequest.count("documentId", intent.subjectId()) == 0
                        && Tombstone.findById(intent.subjectId()) == null) {
                    request(intent).persist();
                }
            }
            case DISPOSAL_APPROVE -> dispose(intent, Boolean.parseBoolean(completion.get("blobRemoved")));
            case DISPOSAL_REJECT, DISPOSAL_WITHDRAW -> DisposalRequest.deleteById(intent.fact(REQUEST_ID));
        }
    }

    static DisposalRequest request(JournaledIntent intent) {
        DisposalRequest request = new DisposalRequest();
        request.id = intent.fact(REQUEST_ID);
        request.documentId = intent.subjectId();
        request.requestedBy = intent.fact("requestedBy");
        request.requestedAt = Instant.parse(intent.fact("requestedAt"));
        request.reason = intent.fact(REASON);
        return request;
    }

    /** The tombstone from the approval's facts, the document row and the request gone; in a transaction. */
    Tombstone dispose(JournaledIntent intent, boolean blobRemoved) {
        Tombstone tombstone = Tombstone.findById(intent.subjectId());
        if (tombstone == null) {
            tombstone = new Tombstone();
            tombstone.documentId = intent.subjectId();
            tombstone.sha256 = intent.fact("sha256");
            tombstone.fileName = intent.fact("fileName");
            tombstone.owner = intent.fact("owner");
            tombstone.sizeBytes = Long.parseLong(intent.fact("size"));
            tombstone.requestedBy = intent.fact("requestedBy");
            tombstone.approvedBy = intent.fact("approvedBy");
            tombstone.disposedAt = Instant.parse(intent.fact("disposedAt"));
            tombstone.reason = intent.fact(REASON);
            tombstone.blobRemoved = blobRemoved;
            tombstone.persist();
        }
        rows.remove(intent.subjectId());
        DisposalRequest.deleteById(intent.fact(REQUEST_ID));
        return tombstone;
    }
}

package dev.strongroom.review;

import dev.strongroom.catalog.DocumentChanged;
import dev.strongroom.catalog.ReceiptCorrections;
import dev.strongroom.catalog.ReviewState;
import dev.strongroom.metadata.extract.Sidecar;
import dev.strongroom.metadata.extract.SidecarJson;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The catalog side of a correction, in one transaction: a row per field, the values in effect in the
 * document's searchable columns, its review state, and its dirty mark for the search index.
 */
@ApplicationScoped
public class CorrectionApplier {

    private final Event<DocumentChanged> changes;
    private final ReceiptCorrections receipts;

    public CorrectionApplier(Event<DocumentChanged> changes, ReceiptCorrections receipts) {
        this.changes = changes;
        this.receipts = receipts;
    }

    void commit(String correctionId, String documentId, List<CorrectionLedger.Change> fields, String actor,
            String reason, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> {
            ReceiptCorrections.Entry d = receipts.read(documentId);
            for (CorrectionLedger.Change c : fields) {
                FieldCorrection row = new FieldCorrection();
                row.id = UUID.randomUUID().toString();
                row.correctionId = correctionId;
                row.documentId = documentId;
                row.field = c.field().json();
                row.oldValue = c.oldValue();
                row.newValue = c.newValue();
                row.correctedBy = actor;
                row.correctedAt = at;
                row.reason = reason;
                row.persist();
                switch (c.field()) {
                    case VENDOR -> receipts.correctVendor(documentId, c.newValue());
                    case DATE -> receipts.correctDate(documentId, LocalDate.parse(c.newValue()));
                    case TOTAL -> receipts.correctTotal(documentId, new BigDecimal(c.newValue()));
                    case CURRENCY -> receipts.correctCurrency(documentId, c.newValue());
                    default -> {
                        // tax, number and payment method live in the correction rows only
                    }
                }
            }
            FieldCorrection.flush();
            receipts.corrected(documentId, reviewState(documentId, d.metadataJson()));
        });
        changes.fire(new DocumentChanged(documentId));
    }

    /** Reviewed once every unsure field has been corrected or confirmed by a person. */
    static ReviewState reviewState(String documentId, String metadataJson) {
        Set<String> corrected = FieldCorrection.correctedFields(documentId);
        Sidecar.Receipt receipt = receipt(metadataJson);
        if (receipt == null || receipt.review() == null) {
            return corrected.isEmpty() ? ReviewState.OK : ReviewState.REVIEWED;
        }
        return corrected.containsAll(receipt.review()) ? ReviewState.REVIEWED : ReviewState.NEEDS_REVIEW;
    }

    /** The receipt the sidecar read, or null for none (or a sidecar this version cannot read). */
    static Sidecar.Receipt receipt(String metadataJson) {
        if (metadataJson == null) {
            return null;
        }
        try {
            return SidecarJson.read(metadataJson).receipt();
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }
}

package dev.strongroom.review;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.catalog.DocumentService;
import dev.strongroom.catalog.DocumentView;
import dev.strongroom.catalog.MetadataState;
import dev.strongroom.catalog.ReceiptCorrections;
import dev.strongroom.catalog.ReviewState;
import dev.strongroom.catalog.Viewer;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.metadata.extract.Sidecar;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shows and corrects a document's receipt fields. Who may: the analyst who owns the document, and
 * auditors (the roles that read its contents); others get the catalog's 403 or 404. Corrections are
 * written ahead ({@link CorrectionLedger}) and audited with the old and new values.
 */
@ApplicationScoped
public class CorrectionService {

    private final DocumentService documents;
    private final ReceiptCorrections receipts;
    private final CorrectionLedger ledger;
    private final Auditor auditor;

    public CorrectionService(DocumentService documents, ReceiptCorrections receipts, CorrectionLedger ledger,
            Auditor auditor) {
        this.documents = documents;
        this.receipts = receipts;
        this.ledger = ledger;
        this.auditor = auditor;
    }

    public ReceiptFieldsView fields(String id, Viewer viewer) {
        documents.contentEntry(id, viewer);
        auditor.record(ReviewAction.FIELDS_VIEW, "document/" + id, Outcome.SUCCESS, Map.of());
        return view(id);
    }

    public ReceiptFieldsView correct(String id, CorrectionRequest request, Viewer viewer) {
        DocumentView document = documents.contentEntry(id, viewer);
        MetadataState state = MetadataState.valueOf(document.metadataState());
        if (state != MetadataState.EXTRACTED && state != MetadataState.UNPARSEABLE) {
            throw new ProblemException(409, ProblemType.METADATA_NOT_FINAL, "Metadata not extracted yet",
                    "The document's fields are still being read (metadata " + state
                            + "); correct them once extraction has finished",
                    Map.of(), Map.of());
        }
        Map<ReceiptField, String> current = inEffect(id, document.metadata());
        List<CorrectionLedger.Change> changes = new ArrayList<>();
        for (Map.Entry<String, String> e : request.fields().entrySet()) {
            ReceiptField field = ReceiptField.of(e.getKey());
            changes.add(new CorrectionLedger.Change(field, current.get(field), field.normalise(e.getValue())));
        }
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        ledger.apply(id, changes, viewer.name(), reason);
        return view(id);
    }

    /** The value in effect per field: the newest correction, else the extraction. */
    static Map<ReceiptField, String> inEffect(String id, String metadataJson) {
        Sidecar.Receipt receipt = CorrectionApplier.receipt(metadataJson);
        Map<ReceiptField, String> values = new EnumMap<>(ReceiptField.class);
        for (ReceiptField f : ReceiptField.values()) {
            String v = f.extracted(receipt);
            if (v != null) {
                values.put(f, v);
            }
        }
        for (FieldCorrection c : corrections(id)) {
            values.put(ReceiptField.of(c.field), c.newValue);
        }
        return values;
    }

    private static List<FieldCorrection> corrections(String id) {
        return QuarkusTransaction.requiringNew().call(() -> FieldCorrection
                .<FieldCorrection>list("documentId = ?1 order by correctedAt, id", id));
    }

    private ReceiptFieldsView view(String id) {
        ReceiptCorrections.Entry d = receipts.find(id)
                .orElseThrow(() -> ProblemException.notFound("No document " + id));
        Sidecar.Receipt receipt = CorrectionApplier.receipt(d.metadataJson());
        List<FieldCorrection> corrections = corrections(id);
        Set<String> unsure = new HashSet<>(receipt == null || receipt.review() == null ? List.of() : receipt.review());
        List<ReceiptFieldsView.Field> fields = new ArrayList<>();
        for (ReceiptField f : ReceiptField.values()) {
            FieldCorrection latest = null;
            for (FieldCorrection c : corrections) {
                if (c.field.equals(f.json())) {
                    latest = c;
                }
            }
            String extracted = f.extracted(receipt);
            Source source = source(receipt, f);
            fields.add(new ReceiptFieldsView.Field(f.json(), latest != null ? latest.newValue : extracted, extracted,
                    source.text, source.at, source.confidence, latest == null && unsure.contains(f.json()),
                    latest == null ? null : latest.correctedBy, latest == null ? null : latest.correctedAt));
        }
        List<ReceiptFieldsView.Correction> history = corrections.stream().map(c -> new ReceiptFieldsView.Correction(
                c.correctionId, c.field, c.oldValue, c.newValue, c.correctedBy, c.correctedAt, c.reason)).toList();
        String review = d.review() != null ? d.review()
                : corrections.isEmpty() ? null : ReviewState.REVIEWED.name();
        return new ReceiptFieldsView(id, d.metadataState().name(), review, fields, history);
    }

    private record Source(String text, String at, Double confidence) {
    }

    private static Source source(Sidecar.Receipt r, ReceiptField f) {
        if (r == null) {
            return new Source(null, null, null);
        }
        return switch (f) {
            case VENDOR -> found(r.vendor());
            case DATE -> found(r.date());
            case TOTAL -> r.total() == null ? new Source(null, null, null)
                    : new Source(r.total().source(), at(r.total().at()), r.total().confidence());
            case CURRENCY -> found(r.currency());
            case TAX -> r.taxes() == null || r.taxes().isEmpty() ? new Source(null, null, null)
                    : new Source(String.join(" | ", r.taxes().stream().map(Sidecar.Tax::source).toList()),
                            at(r.taxes().get(0).at()), r.taxes().stream().map(Sidecar.Tax::confidence)
                                    .filter(java.util.Objects::nonNull).min(Double::compare).orElse(null));
            case NUMBER -> found(r.number());
            case PAYMENT_METHOD -> found(r.paymentMethod());
        };
    }

    private static Source found(Sidecar.Found f) {
        return f == null ? new Source(null, null, null) : new Source(f.source(), at(f.at()), f.confidence());
    }

    private static String at(Sidecar.Location l) {
        return l == null ? null : l.describe();
    }
}

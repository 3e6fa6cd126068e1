package dev.strongroom.ingest;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.catalog.DocumentService;
import dev.strongroom.catalog.DocumentView;
import dev.strongroom.catalog.Viewer;
import dev.strongroom.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Hands out a document's receipt, audited like every read ({@code receipt.view}): who fetched it, and
 * which key signed it; a refusal (not found, or the key missing) is audited as such.
 */
@ApplicationScoped
public class ReceiptService {

    private final DocumentService documents;
    private final ReceiptSigner signer;
    private final Auditor auditor;

    public ReceiptService(DocumentService documents, ReceiptSigner signer, Auditor auditor) {
        this.documents = documents;
        this.signer = signer;
        this.auditor = auditor;
    }

    public DepositReceipt issue(String id, Viewer viewer) {
        DocumentView document = documents.entry(id, viewer, ReceiptAction.VIEW);
        DepositReceipt receipt;
        try {
            receipt = signer.receiptFor(document);
        } catch (ProblemException e) {
            auditor.record(ReceiptAction.VIEW, "document/" + id, Outcome.FAILURE, Map.of("reason", e.slug()));
            throw e;
        }
        auditor.record(ReceiptAction.VIEW, "document/" + id, Outcome.SUCCESS, Map.of("keyId", receipt.keyId()));
        return receipt;
    }
}

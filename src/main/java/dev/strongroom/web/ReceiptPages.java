package dev.strongroom.web;

import dev.strongroom.audit.Outcome;
import dev.strongroom.catalog.DocumentAction;
import dev.strongroom.catalog.DocumentService;
import dev.strongroom.catalog.DocumentView;
import dev.strongroom.catalog.Viewer;
import dev.strongroom.audit.Auditor;
import dev.strongroom.http.ProblemType;
import dev.strongroom.ingest.DepositReceipt;
import dev.strongroom.ingest.ReceiptAction;
import dev.strongroom.ingest.ReceiptSigner;
import dev.strongroom.ingest.ReceiptVerifier;
import dev.strongroom.http.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.Consumes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.http.ProblemException;
import org.jboss.resteasy.reactive.RestForm;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

/**
 * A document's deposit receipt for people: what the vault signed, in words; a "verify" button that
 * checks it (or a receipt the person pastes, the one they kept from the upload) on the server against
 * the published key ({@link ReceiptVerifier}) and against the catalog; and the openssl lines for
 * checking it offline, without trusting the vault.
 */
@Path("/receipts")
@RolesAllowed({ Roles.ANALYST, Roles.AUDITOR })
@CsrfChecked
@Produces(MediaType.TEXT_HTML)
public class ReceiptPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance receipt(Page page, DocumentView doc, DepositReceipt receipt,
                ReceiptVerifier.Verdict verdict, String keyId, boolean verified, boolean pasted);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PageContext pages;
    private final DocumentService documents;
    private final ReceiptSigner signer;
    private final ReceiptVerifier verifier;
    private final Auditor auditor;
    private final SecurityIdentity identity;

    public ReceiptPages(PageContext pages, DocumentService documents, ReceiptSigner signer, ReceiptVerifier verifier,
            Auditor auditor, SecurityIdentity identity) {
        this.pages = pages;
        this.documents = documents;
        this.signer = signer;
        this.verifier = verifier;
        this.auditor = auditor;
        this.identity = identity;
    }

    @GET
    @Path("{id}")
    @Operation(hidden = true)
    public TemplateInstance show(RoutingContext rc, @RestPath String id) {
        return page(rc, id, false);
    }

    /**
     * Checks the receipt the person holds (pasted into the form), or the one the vault issues now when
     * the field is empty. A POST because the check is audited, though it changes nothing.
     */
    @POST
    @Path("{id}/verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response verify(RoutingContext rc, @RestPath String id, @RestForm String receipt) {
        DepositReceipt held = null;
        if (receipt != null && !receipt.isBlank()) {
            try {
                held = JSON.readValue(receipt, DepositReceipt.class);
            } catch (JsonProcessingException e) {
                held = null;
            }
            if (held == null || held.payload() == null || held.signature() == null) {
                auditor.record(ReceiptAction.VERIFY, "document/" + id, Outcome.REJECTED, Map.of("reason", "not a receipt"));
                throw ProblemException.badRequest(ProblemType.INVALID_RECEIPT, "What was pasted is not a deposit receipt: "
                        + "paste the whole JSON object with its payload and signature");
            }
        }
        return Response.ok(page(rc, id, true, held)).build();
    }

    private TemplateInstance page(RoutingContext rc, String id, boolean verify) {
        return page(rc, id, verify, null);
    }

    private TemplateInstance page(RoutingContext rc, String id, boolean verify, DepositReceipt held) {
        DocumentView doc = documents.entry(id, Viewer.of(identity), DocumentAction.VIEW);
        DepositReceipt receipt = held == null ? signer.receiptFor(doc) : held;
        ReceiptVerifier.Verdict verdict = verifier.verify(receipt, doc);
        if (verify) {
            auditor.record(ReceiptAction.VERIFY, "document/" + id, verdict.ok() ? Outcome.SUCCESS : Outcome.FAILURE,
                    Map.of("signatureValid", verdict.signatureValid(), "findings", verdict.findings().size(),
                            "receipt", held == null ? "issued now" : "pasted"));
        } else {
            auditor.record(ReceiptAction.VIEW, "document/" + id, Outcome.SUCCESS, Map.of());
        }
        return Templates.receipt(pages.page(rc, "Receipt for " + doc.originalFileName(), "documents"), doc, receipt,
                verdict, verdict.keyId(), verify, held != null);
    }
}

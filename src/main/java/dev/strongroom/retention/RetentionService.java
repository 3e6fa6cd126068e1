package dev.strongroom.retention;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.GatedWrite;
import dev.strongroom.audit.WriteGate;
import dev.strongroom.catalog.Document;
import dev.strongroom.catalog.DocumentView;
import dev.strongroom.http.ProblemException;
import dev.strongroom.store.BlobStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Legal holds and two-person disposal. Nothing is deleted before its retain-until date or while on
 * hold; after it, one admin requests disposal with a reason and a different admin approves. Approval
 * writes a tombstone and removes the blob only when no other document shares it.
 */
@ApplicationScoped
public class RetentionService {

    private final Auditor auditor;
    private final BlobStore store;
    private final WriteGate gate;
    private final Clock clock;

    public RetentionService(Auditor auditor, BlobStore store, WriteGate gate) {
        this.auditor = auditor;
        this.store = store;
        this.gate = gate;
        this.clock = Clock.systemUTC();
    }

    public DocumentView setLegalHold(String id, boolean hold, String reason) {
        gate.requireWritable(GatedWrite.LEGAL_HOLD);
        Document updated = QuarkusTransaction.requiringNew().call(() -> {
            Document document = Document.findById(id);
            if (document == null) {
                return null;
            }
            document.legalHold = hold;
            return document;
        });
        if (updated == null) {
            throw ProblemException.notFound("No document " + id);
        }
        auditor.record(hold ? "document.legal-hold.set" : "document.legal-hold.clear", "document/" + id,
                Auditor.SUCCESS, Map.of("reason", reason == null ? "" : reason));
        return DocumentView.of(updated);
    }

    /** The first admin's step: refused (409) before retain-until or under hold. */
    public DisposalView requestDisposal(String id, String admin, String reason) {
        gate.requireWritable(GatedWrite.DISPOSAL);
        Document document = QuarkusTransaction.requiringNew().call(() -> Document.<Document>findById(id));
        if (document == null) {
            throw ProblemException.notFound("No document " + id);
        }
        refuseIfKept(document, "dispose.request");
        DisposalRequest request = QuarkusTransaction.requiringNew().call(() -> {
            if (DisposalRequest.count("documentId", id) > 0) {
                return null;
            }
            DisposalRequest r = new DisposalRequest();
            r.id = UUID.randomUUID().toString();
            r.documentId = id;
            r.requestedBy = admin;
            r.requestedAt = clock.instant();
            r.reason = reason;
            r.persist();
            return r;
        });
        if (request == null) {
            throw ProblemException.conflict("disposal-pending",
                    "Disposal of document " + id + " is already requested and waits for approval", Map.of());
        }
        auditor.record("document.dispose.request", "document/" + id, Auditor.SUCCESS,
                Map.of("requestId", request.id, "reason", reason));
        return DisposalView.of(request);
    }

    /** The second admin's step: must be someone else; re-checks retention and hold at this moment. */
    public Tombstone approve(String requestId, String admin) {
        gate.requireWritable(GatedWrite.DISPOSAL);
        DisposalRequest request = QuarkusTransaction.requiringNew()
                .call(() -> DisposalRequest.<DisposalRequest>findById(requestId));
        if (request == null) {
            throw ProblemException.notFound("No pending disposal request " + requestId);
        }
        if (request.requestedBy.equals(admin)) {
            auditor.record("document.dispose.approve", "document/" + request.documentId, Auditor.DENIED,
                    Map.of("reason", "same admin as requester"));
            throw new ProblemException(403, "second-admin-required", "A second admin must approve",
                    "Disposal needs two different admins; " + admin + " requested it and cannot also approve it",
                    Map.of(), Map.of());
        }
        Document document = QuarkusTransaction.requiringNew()
                .call(() -> Document.<Document>findById(request.documentId));
        if (document == null) {
            throw ProblemException.notFound("No document " + request.documentId);
        }
        refuseIfKept(document, "dispose.approve");
        Tombstone tombstone = QuarkusTransaction.requiringNew().call(() -> {
            Tombstone t = new Tombstone();
            t.documentId = document.id;
            t.sha256 = document.sha256;
            t.fileName = document.fileName;
            t.owner = document.owner;
            t.sizeBytes = document.sizeBytes;
            t.requestedBy = request.requestedBy;
            t.approvedBy = admin;
            t.disposedAt = clock.instant();
            t.reason = request.reason;
            t.blobRemoved = Document.count("sha256 = ?1 and id <> ?2", document.sha256, document.id) == 0;
            t.persist();
            Document.deleteById(document.id);
            DisposalRequest.deleteById(request.id);
            return t;
        });
        auditor.record("document.dispose.approve", "document/" + document.id, Auditor.SUCCESS,
                Map.of("sha256", document.sha256, "requestedBy", request.requestedBy, "reason", request.reason,
                        "blobRemoved", tombstone.blobRemoved));
        if (tombstone.blobRemoved) {
            store.delete(document.sha256);
        }
        return tombstone;
    }

    public List<DisposalView> pending() {
        return QuarkusTransaction.requiringNew().call(
                () -> DisposalRequest.<DisposalRequest>listAll().stream().map(DisposalView::of).toList());
    }

    public List<Tombstone> tombstones() {
        return QuarkusTransaction.requiringNew().call(() -> Tombstone.<Tombstone>listAll());
    }

    private void refuseIfKept(Document document, String step) {
        Instant now = clock.instant();
        if (document.legalHold) {
            auditor.record("document." + step, "document/" + document.id, Auditor.REJECTED,
                    Map.of("reason", "legal hold"));
            throw ProblemException.conflict("legal-hold", "Document " + document.id
                    + " is under legal hold and cannot be deleted until the hold is cleared",
                    Map.of("legalHold", true, "retainUntil", document.retainUntil.toString()));
        }
        if (now.isBefore(document.retainUntil)) {
            auditor.record("document." + step, "document/" + document.id, Auditor.REJECTED,
                    Map.of("reason", "retention", "retainUntil", document.retainUntil));
            throw ProblemException.conflict("under-retention", "Document " + document.id + " must be kept until "
                    + document.retainUntil + " (retention class " + document.retentionClass + ")",
                    Map.of("retainUntil", document.retainUntil.toString()));
        }
    }
}

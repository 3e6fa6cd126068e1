package dev.strongroom.retention;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.GatedWrite;
import dev.strongroom.audit.Outcome;
import dev.strongroom.audit.WriteGate;
import dev.strongroom.catalog.DocumentView;
import dev.strongroom.catalog.RetentionRows;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.Problems;
import dev.strongroom.security.TwoPersonStep;
import dev.strongroom.writeahead.Intent;
import dev.strongroom.writeahead.JournaledIntent;
import dev.strongroom.writeahead.RowLock;
import dev.strongroom.writeahead.WriteAhead;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Legal holds and two-person disposal. Nothing is deleted before its retain-until date or while on
 * hold; after it, one admin requests disposal with a reason and a different admin approves (or
 * rejects it; the requester may withdraw it). Approval writes a tombstone and removes the blob only
 * when no other document shares it.
 * <p>
 * Every change is written ahead ({@link WriteAhead}) with the document as its subject, so changes to
 * one document happen one at a time: a hold and an approval racing each other are decided by which
 * commits first, and the other is refused with a 409 naming why. Each commit checks again with the
 * document's row locked, for a change another host made in between.
 */
@ApplicationScoped
public class RetentionService {

    private final Auditor auditor;
    private final WriteAhead changes;
    private final WriteGate gate;
    private final RetentionRows rows;
    private final RetentionChanges catalogChanges;
    private final Clock clock;

    public RetentionService(Auditor auditor, WriteAhead changes, WriteGate gate, RetentionRows rows,
            RetentionChanges catalogChanges) {
        this.auditor = auditor;
        this.changes = changes;
        this.gate = gate;
        this.rows = rows;
        this.catalogChanges = catalogChanges;
        this.clock = Clock.systemUTC();
    }

    public DocumentView setLegalHold(String id, boolean hold, String reason) {
        gate.requireWritable(GatedWrite.LEGAL_HOLD);
        RetentionChange kind = RetentionChange.hold(hold);
        return changes.run(subject(id), () -> {
            present(id, kind);
            return new Intent(kind, subject(id), Map.of(RetentionChanges.REASON, reason == null ? "" : reason));
        }, intent -> {
            locked(id);
            return rows.hold(id, hold);
        });
    }

    /** The first admin's step: refused (409) before retain-until, under hold, or when already requested. */
    public DisposalView requestDisposal(String id, String admin, String reason) {
        gate.requireWritable(GatedWrite.DISPOSAL);
        RetentionChange kind = RetentionChange.DISPOSAL_REQUEST;
        DisposalRequest request = changes.run(subject(id), () -> {
            refuseIfKept(present(id, kind), kind);
            if (QuarkusTransaction.requiringNew().call(() -> DisposalRequest.count("documentId", id)) > 0) {
                auditor.record(kind, subject(id), Outcome.REJECTED, Map.of("reason", "already requested"));
                throw pending(id);
            }
            return new Intent(kind, subject(id), Map.of(RetentionChanges.REQUEST_ID, UUID.randomUUID().toString(),
                    RetentionChanges.REASON, reason, "requestedBy", admin, "requestedAt", clock.instant()));
        }, intent -> {
            refuseIfKept(locked(id), null);
            if (DisposalRequest.count("documentId", id) > 0) {
                throw pending(id);
            }
            DisposalRequest r = RetentionChanges.request(intent);
            r.persist();
            return r;
        });
        return DisposalView.of(request);
    }

    /** The second admin's step: must be someone else; re-checks retention and hold as it commits. */
    public Tombstone approve(String requestId, String admin) {
        gate.requireWritable(GatedWrite.DISPOSAL);
        RetentionChange kind = RetentionChange.DISPOSAL_APPROVE;
        String id = pendingRequest(requestId, kind).documentId;
        changes.run(subject(id), () -> {
            DisposalRequest request = pendingRequest(requestId, kind);
            refuseIfNotAllowed(TwoPersonStep.APPROVE, request, admin, kind);
            RetentionRows.Facts document = present(id, kind);
            refuseIfKept(document, kind);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put(RetentionChanges.REQUEST_ID, requestId);
            facts.put("requestedBy", request.requestedBy);
            facts.put(RetentionChanges.REASON, request.reason);
            facts.put("approvedBy", admin);
            facts.put("disposedAt", clock.instant());
            facts.put("sha256", document.sha256());
            facts.put("fileName", document.fileName());
            facts.put("owner", document.owner());
            facts.put("size", document.sizeBytes());
            return new Intent(kind, subject(id), facts);
        }, intent -> {
            refuseIfKept(locked(id), null);
            lockedRequest(intent);
            return catalogChanges.dispose(intent, false);
        });
        return QuarkusTransaction.requiringNew().call(() -> Tombstone.<Tombstone>findById(id));
    }

    /** A second admin turns a request down, with a reason; the document stays. */
    public DisposalDecision reject(String requestId, String admin, String reason) {
        return decide(requestId, admin, reason, TwoPersonStep.REJECT, RetentionChange.DISPOSAL_REJECT);
    }

    /** The requesting admin takes a request back. */
    public DisposalDecision withdraw(String requestId, String admin, String reason) {
        return decide(requestId, admin, reason, TwoPersonStep.WITHDRAW, RetentionChange.DISPOSAL_WITHDRAW);
    }

    private DisposalDecision decide(String requestId, String admin, String reason, TwoPersonStep step,
            RetentionChange kind) {
        gate.requireWritable(GatedWrite.DISPOSAL);
        String id = pendingRequest(requestId, kind).documentId;
        Instant decidedAt = clock.instant();
        return changes.run(subject(id), () -> {
            DisposalRequest request = pendingRequest(requestId, kind);
            refuseIfNotAllowed(step, request, admin, kind);
            return new Intent(kind, subject(id), Map.of(RetentionChanges.REQUEST_ID, requestId, "requestedBy",
                    request.requestedBy, "decidedBy", admin, "decidedAt", decidedAt, RetentionChanges.REASON,
                    reason == null ? "" : reason));
        }, intent -> {
            DisposalRequest request = lockedRequest(intent);
            DisposalDecision decision = DisposalDecision.of(request, step.decision(), admin, decidedAt, reason);
            request.delete();
            return decision;
        });
    }

    public List<DisposalView> pending() {
        return QuarkusTransaction.requiringNew().call(
                () -> DisposalRequest.<DisposalRequest>listAll().stream().map(DisposalView::of).toList());
    }

    public List<Tombstone> tombstones() {
        return QuarkusTransaction.requiringNew().call(() -> Tombstone.<Tombstone>listAll());
    }

    private static String subject(String documentId) {
        return "document/" + documentId;
    }

    /** The document, or a refusal: 409 when it was disposed of (naming when and by whom), else 404. */
    private RetentionRows.Facts present(String id, RetentionChange kind) {
        return rows.find(id).orElseThrow(() -> {
            ProblemException gone = gone(id);
            auditor.record(kind, subject(id), Outcome.REJECTED,
                    Map.of("reason", gone.status() == 409 ? "disposed" : "no such document"));
            return gone;
        });
    }

    /** Inside a change's transaction: the document's row, locked until the commit. */
    private RetentionRows.Facts locked(String id) {
        return rows.lock(id).orElseThrow(() -> gone(id));
    }

    private static ProblemException gone(String id) {
        Tombstone tombstone = QuarkusTransaction.isActive() ? Tombstone.findById(id)
                : QuarkusTransaction.requiringNew().call(() -> Tombstone.<Tombstone>findById(id));
        if (tombstone == null) {
            return ProblemException.notFound("No document " + id);
        }
        return ProblemException.conflict(ProblemType.DOCUMENT_DISPOSED, "Document " + id + " was disposed of at "
                + tombstone.disposedAt + " (approved by " + tombstone.approvedBy + "); there is nothing left to change",
                Map.of("disposedAt", tombstone.disposedAt.toString(), "approvedBy", tombstone.approvedBy));
    }

    private void refuseIfNotAllowed(TwoPersonStep step, DisposalRequest request, String admin, RetentionChange kind) {
        step.require(request.requestedBy, admin, "disposal", reason -> auditor.record(kind,
                subject(request.documentId), Outcome.DENIED, Map.of("reason", reason)));
    }

    private DisposalRequest pendingRequest(String requestId, RetentionChange kind) {
        DisposalRequest request = QuarkusTransaction.requiringNew()
                .call(() -> DisposalRequest.<DisposalRequest>findById(requestId));
        if (request == null) {
            auditor.record(kind, "disposal/" + Problems.clip(requestId), Outcome.REJECTED,
                    Map.of("reason", "not pending"));
            throw ProblemException.notFound("No pending disposal request " + Problems.clip(requestId)
                    + " (it may have been approved, rejected or withdrawn)");
        }
        return request;
    }

    /** Inside a change's transaction: the request it decides, still pending, locked until the commit. */
    private static DisposalRequest lockedRequest(JournaledIntent intent) {
        String requestId = intent.fact(RetentionChanges.REQUEST_ID);
        if (!RowLock.lock("disposal_request", "id", requestId)) {
            throw ProblemException.conflict(ProblemType.DISPOSAL_DECIDED, "Disposal request " + requestId
                    + " was decided by another admin first", Map.of());
        }
        return DisposalRequest.findById(requestId);
    }

    private static ProblemException pending(String id) {
        return ProblemException.conflict(ProblemType.DISPOSAL_PENDING,
                "Disposal of document " + id + " is already requested and waits for approval", Map.of());
    }

    /**
     * Refuses (409) to let a document go under legal hold or before its retain-until date. Before the
     * intent ({@code kind} set) the refusal is audited here; inside the commit the change's rejected
     * completion records it.
     */
    private void refuseIfKept(RetentionRows.Facts document, RetentionChange kind) {
        if (document.legalHold()) {
            if (kind != null) {
                auditor.record(kind, subject(document.id()), Outcome.REJECTED, Map.of("reason", "legal hold"));
            }
            throw ProblemException.conflict(ProblemType.LEGAL_HOLD, "Document " + document.id()
                    + " is under legal hold and cannot be deleted until the hold is cleared",
                    Map.of("legalHold", true, "retainUntil", document.retainUntil().toString()));
        }
        if (clock.instant().isBefore(document.retainUntil())) {
            if (kind != null) {
                auditor.record(kind, subject(document.id()), Outcome.REJECTED,
                        Map.of("reason", "retention", "retainUntil", document.retainUntil()));
            }
            throw ProblemException.conflict(ProblemType.UNDER_RETENTION, "Document " + document.id() + " must be kept until "
                    + document.retainUntil() + " (retention class " + document.retentionClass() + ")",
                    Map.of("retainUntil", document.retainUntil().toString()));
        }
    }
}

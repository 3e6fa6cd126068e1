package dev.strongroom.keys;

import dev.strongroom.StartupOrder;
import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.IndexedEvent;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.ProblemException;
import dev.strongroom.signing.PublishedKey;
import dev.strongroom.signing.SigningKey;
import dev.strongroom.http.ProblemType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Replaces the signing key, with two people like disposal: one admin requests, a different admin
 * approves. Approval is written ahead in the audit journal: the new key's private file is written
 * and (with a bucket) its envelope backed up, then the intent is journaled (fsynced) with the new
 * key id and the moment it takes over, then the history changes, then the completion is journaled.
 * A stop in between leaves an intent without completion, which the next start finishes
 * ({@link #finishAtStart}). Requests are journal events too: pending are those no approval closed.
 * <p>
 * The write-ahead here is kept small and self-contained (intent and completion events, replay at
 * start, as {@code catalog.DocumentEditor} does) so that it can move onto the vault's shared
 * write-ahead mechanism when that exists.
 */
@ApplicationScoped
public class KeyRotation {

    private static final Logger LOG = Logger.getLogger(KeyRotation.class);
    private static final String RESOURCE = "key-rotation/";

    private final KeyCustody custody;
    private final KeyBackup backup;
    private final Auditor auditor;

    public KeyRotation(KeyCustody custody, KeyBackup backup, Auditor auditor) {
        this.custody = custody;
        this.backup = backup;
        this.auditor = auditor;
    }

    /** A rotation waiting for its second admin. */
    public record RotationRequest(String id, String requestedBy, String requestedAt, String reason,
            String currentKeyId) {
    }

    /** A rotation that took effect: {@code newKeyId} signs from {@code validFrom}, {@code oldKeyId} no more. */
    public record Rotated(String requestId, String oldKeyId, String newKeyId, String validFrom, String requestedBy,
            String approvedBy) {
    }

    public synchronized RotationRequest request(String admin, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.length() < 3 || why.length() > 2000) {
            throw ProblemException.badRequest(ProblemType.INVALID_REASON, "A key rotation needs a reason of 3 to 2000 characters");
        }
        List<RotationRequest> pending = pending();
        if (!pending.isEmpty()) {
            auditor.record(KeyAction.ROTATION_REQUEST, RESOURCE + pending.get(0).id(), Outcome.REJECTED,
                    Map.of("reason", "a rotation is already pending"));
            throw ProblemException.conflict(ProblemType.ROTATION_PENDING, "Rotation " + pending.get(0).id() + ", requested by "
                    + pending.get(0).requestedBy() + ", is waiting for a second admin", Map.of("pendingRotation",
                            pending.get(0).id()));
        }
        String id = UUID.randomUUID().toString();
        String current = custody.history().current().map(PublishedKey::keyId).orElse(null);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("requestId", id);
        detail.put("reason", why);
        detail.put("currentKeyId", current);
        AuditEvent event = auditor.record(KeyAction.ROTATION_REQUEST, RESOURCE + id, Outcome.SUCCESS, detail);
        return new RotationRequest(id, admin, event.time(), why, current);
    }

    /** Requests no approval has closed yet, oldest first. */
    public List<RotationRequest> pending() {
        List<IndexedEvent> requests = QuarkusTransaction.requiringNew().call(() -> IndexedEvent.<IndexedEvent>list(
                "action = ?1 and outcome = ?2 order by seq", KeyAction.ROTATION_REQUEST.action(), Outcome.SUCCESS.value()));
        if (requests.isEmpty()) {
            return List.of();
        }
        Set<String> approved = QuarkusTransaction.requiringNew().call(() -> IndexedEvent.<IndexedEvent>list(
                "action = ?1 and outcome = ?2", KeyAction.ROTATION_INTENT.action(), Outcome.SUCCESS.value())).stream()
                .map(e -> e.resource).collect(Collectors.toSet());
        return requests.stream().filter(r -> !approved.contains(r.resource)).map(r -> {
            AuditEvent e = parse(r.line);
            return new RotationRequest(e.detail().get("requestId"), e.actor(), e.time(), e.detail().get("reason"),
                    e.detail().get("currentKeyId"));
        }).toList();
    }

    /** The second admin's step: must be someone else than the requester. */
    public synchronized Rotated approve(String requestId, String admin) {
        RotationRequest request = pending().stream().filter(r -> r.id().equals(requestId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("No pending key rotation " + requestId));
        if (request.requestedBy().equals(admin)) {
            auditor.record(KeyAction.ROTATION_INTENT, RESOURCE + requestId, Outcome.DENIED,
                    Map.of("reason", "same admin as requester"));
            throw new ProblemException(403, ProblemType.SECOND_ADMIN_REQUIRED, "A second admin must approve",
                    "A key rotation needs two different admins; " + admin + " requested it and cannot also approve it",
                    Map.of(), Map.of());
        }
        String oldKeyId = custody.history().current().map(PublishedKey::keyId).orElse(null);
        SigningKey next = SigningKey.generate();
        custody.ledger().writePrivateKey(next);
        if (backup.bucketConfigured() && !backup.backUp(custody.history(), Optional.of(next))) {
            // Nothing may be signed with a key the bucket cannot give back after losing this host.
            custody.ledger().deletePrivateKey(next.keyId());
            String problem = backup.status(custody.history()).problem();
            auditor.record(KeyAction.ROTATION_INTENT, RESOURCE + requestId, Outcome.FAILURE,
                    Map.of("reason", "the new key could not be backed up: " + problem));
            throw new ProblemException(503, ProblemType.KEY_NOT_BACKED_UP, "New key not backed up",
                    "The rotation did not happen: the new key could not be backed up to the bucket (" + problem
                            + "). The request stays pending; approve it again once the bucket is reachable.",
                    Map.of("rotation", requestId), Map.of());
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("requestId", requestId);
        intent.put("requestedBy", request.requestedBy());
        intent.put("reason", request.reason());
        intent.put("oldKeyId", oldKeyId);
        intent.put("newKeyId", next.keyId());
        intent.put("validFrom", at.toString());
        AuditEvent written = auditor.record(KeyAction.ROTATION_INTENT, RESOURCE + requestId, Outcome.SUCCESS,
                intent);
        return complete(written.seq(), requestId, request.requestedBy(), admin, oldKeyId, next, at, false);
    }

    private Rotated complete(long intentSeq, String requestId, String requestedBy, String approvedBy, String oldKeyId,
            SigningKey next, Instant at, boolean recovered) {
        custody.adopt(next, at);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("intentSeq", intentSeq);
        detail.put("requestId", requestId);
        detail.put("oldKeyId", oldKeyId);
        detail.put("newKeyId", next.keyId());
        detail.put("validFrom", at.toString());
        if (recovered) {
            detail.put("recovered", true);
        }
        auditor.record(KeyAction.ROTATION, RESOURCE + requestId, Outcome.SUCCESS, detail);
        LOG.warnf("Signing key rotated: %s signs from %s; %s is retired (requested by %s, approved by %s)",
                next.keyId(), at, oldKeyId, requestedBy, approvedBy);
        custody.backUpNow();
        return new Rotated(requestId, oldKeyId, next.keyId(), at.toString(), requestedBy, approvedBy);
    }

    /** Finishes every rotation whose intent the journal holds without a completion (a stop in between). */
    void finishAtStart(@Observes @Priority(StartupOrder.KEY_ROTATION) StartupEvent event) {
        List<IndexedEvent> intents = QuarkusTransaction.requiringNew().call(() -> IndexedEvent.<IndexedEvent>list(
                "hostId = ?3 and action = ?1 and outcome = ?2 order by seq", KeyAction.ROTATION_INTENT.action(),
                Outcome.SUCCESS.value(), auditor.host()));
        if (intents.isEmpty()) {
            return;
        }
        Set<Long> completed = QuarkusTransaction.requiringNew().call(() -> IndexedEvent.<IndexedEvent>list(
                "hostId = ?2 and action = ?1", KeyAction.ROTATION.action(), auditor.host())).stream()
                .map(row -> parse(row.line).detail().get("intentSeq")).filter(Objects::nonNull).map(Long::valueOf)
                .collect(Collectors.toCollection(HashSet::new));
        for (IndexedEvent row : intents) {
            if (completed.contains(row.seq)) {
                continue;
            }
            AuditEvent intent = parse(row.line);
            Map<String, String> d = intent.detail();
            String requestId = d.get("requestId");
            Optional<SigningKey> next;
            try {
                next = custody.ledger().privateKey(d.get("newKeyId"));
            } catch (IllegalStateException e) {
                next = Optional.empty();
            }
            if (next.isEmpty()) {
                auditor.record(KeyAction.ROTATION, RESOURCE + requestId, Outcome.FAILURE, Map.of("intentSeq",
                        row.seq, "reason", "the new key " + d.get("newKeyId") + " is not on the volume; nothing changed"));
                LOG.warnf("Key rotation %s (event %d) abandoned: its new key is not on the volume", requestId, row.seq);
                continue;
            }
            complete(row.seq, requestId, d.get("requestedBy"), intent.actor(), d.get("oldKeyId"), next.get(),
                    Instant.parse(d.get("validFrom")), true);
            LOG.warnf("Finished key rotation %s journaled as event %d before the last stop", requestId, row.seq);
        }
    }

    private static AuditEvent parse(String line) {
        try {
            return EventLine.parse(line);
        } catch (Exception e) {
            throw new IllegalStateException("indexed key rotation event is unreadable", e);
        }
    }
}

package dev.strongroom.review;

import dev.strongroom.StartupOrder;
import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.IndexedEvent;
import dev.strongroom.audit.Outcome;
import dev.strongroom.catalog.ReceiptCorrections;
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
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A correction is a change of state, so it is written ahead, as the house rule says: the intent is
 * journaled (fsynced) with every old and new value; then the catalog commits the correction rows and the
 * values in effect; then the completion is journaled, and its audit index row commits together with the
 * rows' {@code completed} mark. The caller's 200 comes after that.
 * <p>
 * At start, {@link #recoverAtStart} finishes what a crash left: an intent without rows is applied (the
 * journal is the truth), rows without a completion get theirs. A restore from S3 leaves every intent without
 * rows (the catalog export has none), so the same step brings every correction back. Either way the trail and
 * the catalog agree.
 * <p>
 * Kept small and on its own on purpose: a general write-ahead mechanism for state changes is being built
 * elsewhere (legal hold, disposal, users); this one moves onto it by replacing {@link #apply} and
 * {@link #recoverAtStart}, the journal format ({@code metadata.correct.intent}, {@code metadata.correct}, the
 * detail keys below) staying as it is.
 */
@ApplicationScoped
public class CorrectionLedger {

    private static final Logger LOG = Logger.getLogger(CorrectionLedger.class);

    /** One field's change. */
    public record Change(ReceiptField field, String oldValue, String newValue) {
    }

    private final Auditor auditor;
    private final CorrectionApplier applier;
    private final ReceiptCorrections receipts;

    public CorrectionLedger(Auditor auditor, CorrectionApplier applier, ReceiptCorrections receipts) {
        this.auditor = auditor;
        this.applier = applier;
        this.receipts = receipts;
    }

    /** Journals, commits and completes one correction; returns its id. */
    public String apply(String documentId, List<Change> changes, String actor, String reason) {
        String correctionId = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        auditor.record(ReviewAction.CORRECT_INTENT, "document/" + documentId, Outcome.SUCCESS,
                detail(correctionId, changes, actor, reason, at));
        applier.commit(correctionId, documentId, changes, actor, reason, at);
        complete(correctionId, documentId, changes, actor, false);
        return correctionId;
    }

    private void complete(String correctionId, String documentId, List<Change> changes, String actor, boolean recovered) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("correctionId", correctionId);
        detail.put("by", actor);
        for (Change c : changes) {
            detail.put(c.field().json() + ".old", c.oldValue());
            detail.put(c.field().json() + ".new", c.newValue());
        }
        if (recovered) {
            detail.put("recovered", true);
        }
        auditor.recordWith(ReviewAction.CORRECT, "document/" + documentId, Outcome.SUCCESS, detail,
                () -> FieldCorrection.update("completed = true where correctionId = ?1", correctionId));
    }

    private static Map<String, Object> detail(String correctionId, List<Change> changes, String actor, String reason,
            Instant at) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("correctionId", correctionId);
        detail.put("by", actor);
        detail.put("at", at);
        detail.put("reason", reason);
        detail.put("fields", String.join(",", changes.stream().map(c -> c.field().json()).toList()));
        for (Change c : changes) {
            detail.put(c.field().json() + ".old", c.oldValue());
            detail.put(c.field().json() + ".new", c.newValue());
        }
        return detail;
    }

    /** After the audit index has caught up with the journal (UploadLedger's recovery runs before), before requests. */
    void recoverAtStart(@Observes @Priority(StartupOrder.CHANGE_REPLAY) StartupEvent event) {
        // A completed correction has every row completed (one update, with its completion's index row): one read
        // of them all, rather than a look at the rows per correction ever made, at every start.
        Set<String> completed = QuarkusTransaction.requiringNew().call(() -> new HashSet<>(FieldCorrection
                .getEntityManager().createQuery("select distinct c.correctionId from FieldCorrection c "
                        + "where c.completed = true", String.class).getResultList()));
        List<IndexedEvent> intents = QuarkusTransaction.requiringNew().call(() -> IndexedEvent
                .<IndexedEvent>find("hostId = ?1 and action = ?2 order by seq", auditor.host(),
                        ReviewAction.CORRECT_INTENT.action()).list());
        for (IndexedEvent row : intents) {
            AuditEvent intent = parse(row.line);
            SortedMap<String, String> d = intent.detail();
            String correctionId = d.get("correctionId");
            if (completed.contains(correctionId)) {
                continue;
            }
            String documentId = intent.documentId();
            List<Change> changes = changes(d);
            boolean committed = QuarkusTransaction.requiringNew()
                    .call(() -> FieldCorrection.count("correctionId", correctionId) > 0);
            if (!committed) {
                if (receipts.find(documentId).isEmpty()) {
                    continue; // disposed of since: nothing to correct
                }
                applier.commit(correctionId, documentId, changes, d.get("by"), d.get("reason"), Instant.parse(d.get("at")));
                LOG.warnf("Correction %s of document %s is in the journal but not in the catalog (a stop before it "
                        + "committed, or a restore from a backup); applied now", correctionId, documentId);
            }
            boolean open = QuarkusTransaction.requiringNew()
                    .call(() -> FieldCorrection.count("correctionId = ?1 and completed = false", correctionId) > 0);
            if (open) {
                boolean journaled = QuarkusTransaction.requiringNew().call(() -> IndexedEvent.count(
                        "action = ?1 and documentId = ?2 and line like ?3", ReviewAction.CORRECT.action(), documentId,
                        "%\"correctionId\":\"" + correctionId + "\"%") > 0);
                if (journaled) {
                    QuarkusTransaction.requiringNew()
                            .run(() -> FieldCorrection.update("completed = true where correctionId = ?1", correctionId));
                } else {
                    complete(correctionId, documentId, changes, d.get("by"), true);
                    LOG.warnf("Correction %s of document %s completed after a stop", correctionId, documentId);
                }
            }
        }
    }

    private static List<Change> changes(SortedMap<String, String> d) {
        return java.util.Arrays.stream(d.get("fields").split(",")).map(ReceiptField::of)
                .map(f -> new Change(f, d.get(f.json() + ".old"), d.get(f.json() + ".new"))).toList();
    }

    private static AuditEvent parse(String line) {
        try {
            return EventLine.parse(line);
        } catch (Exception e) {
            throw new IllegalStateException("an indexed correction event is unreadable", e);
        }
    }
}

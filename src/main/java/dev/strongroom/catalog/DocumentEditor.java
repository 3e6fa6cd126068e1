package dev.strongroom.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.StartupOrder;
import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.IndexedEvent;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Changes a document's description and tags, the only things about it that may change after upload,
 * written ahead in the audit journal: the intent (old and new values) is journaled and fsynced, then
 * the catalog commits, then the completion is journaled. A stop between the two leaves an intent
 * without completion, which the next start finishes ({@link #finishAtStart}): the journal, not the
 * catalog, decides what the document says. Only the owner may edit, and not while the document is
 * under legal hold (a hold freezes the record as it stands). Kept small on purpose, to move onto the
 * vault's shared write-ahead mechanism once there is one.
 */
@ApplicationScoped
public class DocumentEditor {

    private static final Logger LOG = Logger.getLogger(DocumentEditor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Auditor auditor;
    private final DocumentService documents;
    private final Event<DocumentChanged> changes;
    private final boolean embeddedCatalog;

    public DocumentEditor(Auditor auditor, DocumentService documents, Event<DocumentChanged> changes,
            CatalogKind catalogKind) {
        this.auditor = auditor;
        this.documents = documents;
        this.changes = changes;
        this.embeddedCatalog = catalogKind.embedded();
    }

    /**
     * Sets the description and tags; returns the document as it now is.
     *
     * @param maxTags the upload limit on tags ({@code strongroom.upload.max-tags}), which holds here too
     */
    public DocumentView edit(String id, String rawDescription, Set<String> rawTags, int maxTags, Viewer viewer) {
        Document document = documents.find(id, viewer);
        if (!document.owner.equals(viewer.name())) {
            auditor.record(DocumentAction.EDIT, "document/" + id, Outcome.DENIED, Map.of("reason", "not the owner"));
            throw new ProblemException(403, ProblemType.FORBIDDEN, "Forbidden",
                    "Only " + document.owner + ", who uploaded it, can change this document's description and tags",
                    Map.of(), Map.of());
        }
        String description = DocumentFields.description(rawDescription);
        Set<String> tags = new TreeSet<>(DocumentFields.tags(rawTags, maxTags));
        refuseIfHeld(document);
        if (Objects.equals(description, document.description) && tags.equals(document.tags)) {
            return DocumentView.withMetadata(document);
        }
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("oldDescription", document.description);
        intent.put("oldTags", json(document.tags));
        intent.put("description", description);
        intent.put("tags", json(tags));
        AuditEvent written = auditor.record(DocumentAction.EDIT_INTENT, "document/" + id, Outcome.SUCCESS, intent);
        return complete(written.seq(), id, description, tags, false);
    }

    /** Commits the intent's values and journals the completion; refused (and so journaled) under a hold. */
    private DocumentView complete(long intentSeq, String id, String description, Set<String> tags, boolean recovered) {
        Document changed = QuarkusTransaction.requiringNew().call(() -> {
            Document d = Document.findById(id);
            if (d == null || d.legalHold) {
                return d;
            }
            setValues(d, description, tags);
            return d;
        });
        if (changed != null && !changed.legalHold) {
            changes.fire(new DocumentChanged(id));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("intentSeq", intentSeq);
        detail.put("description", description);
        detail.put("tags", json(tags));
        if (recovered) {
            detail.put("recovered", true);
        }
        if (changed == null || changed.legalHold) {
            detail.put("reason", changed == null ? "no such document" : "legal hold");
            auditor.record(DocumentAction.EDIT, "document/" + id, Outcome.REJECTED, detail);
            if (changed == null) {
                throw ProblemException.notFound("No document " + id);
            }
            refuseIfHeld(changed);
        }
        auditor.record(DocumentAction.EDIT, "document/" + id, Outcome.SUCCESS, detail);
        return DocumentView.withMetadata(changed);
    }

    private void refuseIfHeld(Document document) {
        if (document.legalHold) {
            throw ProblemException.conflict(ProblemType.LEGAL_HOLD, "Document " + document.id + " is under legal hold: its "
                    + "description and tags stay as they are until the hold is cleared", Map.of("legalHold", true));
        }
    }

    /** Finishes every edit whose intent the journal holds without a completion (a stop in between). */
    void finishAtStart(@Observes @Priority(StartupOrder.CHANGE_REPLAY) StartupEvent event) {
        List<IndexedEvent> intents = QuarkusTransaction.requiringNew()
                .call(() -> IndexedEvent.<IndexedEvent>list("hostId = ?1 and action = ?2 order by seq", auditor.host(),
                        DocumentAction.EDIT_INTENT.action()));
        if (intents.isEmpty()) {
            return;
        }
        List<IndexedEvent> completions = QuarkusTransaction.requiringNew()
                .call(() -> IndexedEvent.<IndexedEvent>list("hostId = ?1 and action = ?2 order by seq", auditor.host(),
                        DocumentAction.EDIT.action()));
        Set<Long> completed = completions.stream()
                .map(row -> parse(row.line).detail().get("intentSeq")).filter(Objects::nonNull).map(Long::valueOf)
                .collect(Collectors.toCollection(HashSet::new));
        if (embeddedCatalog) {
            putBackLostEdits(completions);
        }
        for (IndexedEvent row : intents) {
            if (completed.contains(row.seq)) {
                continue;
            }
            AuditEvent intent = parse(row.line);
            try {
                complete(row.seq, intent.documentId(), intent.detail().get("description"),
                        tags(intent.detail().get("tags")), true);
                LOG.warnf("Finished the edit of document %s journaled as event %d before the last stop",
                        intent.documentId(), row.seq);
            } catch (ProblemException refused) {
                LOG.warnf("Edit of document %s (event %d) not finished: %s", intent.documentId(), row.seq,
                        refused.getMessage());
            }
        }
    }

    /**
     * An embedded catalog can lose its newest commits at a full volume after the completion was
     * journaled and the owner answered: each document gets the values of its newest successful edit
     * back where the catalog holds others. Only there: an embedded catalog has one host, whose journal
     * holds every edit, while on a shared PostgreSQL catalog (which does not lose commits) another
     * host's later edit must not be overwritten by this host's earlier one.
     */
    private void putBackLostEdits(List<IndexedEvent> completions) {
        Map<String, IndexedEvent> newest = new LinkedHashMap<>();
        for (IndexedEvent row : completions) {
            if (Outcome.SUCCESS.value().equals(row.outcome)) {
                newest.put(row.documentId, row);
            }
        }
        for (IndexedEvent row : newest.values()) {
            AuditEvent edit = parse(row.line);
            String description = edit.detail().get("description");
            Set<String> tags = tags(edit.detail().get("tags"));
            boolean putBack = QuarkusTransaction.requiringNew().call(() -> {
                Document d = Document.findById(row.documentId);
                if (d == null || Objects.equals(description, d.description) && tags.equals(d.tags)) {
                    return false;
                }
                setValues(d, description, tags);
                return true;
            });
            if (putBack) {
                changes.fire(new DocumentChanged(row.documentId));
                auditor.record(DocumentAction.RECOVER, "document/" + row.documentId, Outcome.SUCCESS,
                        Map.of("fromSeq", row.seq, "fields", "description,tags"));
                LOG.warnf("Document %s had lost its edit of event %d from the catalog; put back from the journal",
                        row.documentId, row.seq);
            }
        }
    }

    /** In the caller's transaction. */
    private static void setValues(Document d, String description, Set<String> tags) {
        d.description = description;
        d.tags.clear();
        d.tags.addAll(tags);
        // Description and tags are in the search index: it takes the change from this mark.
        d.searchDirty = true;
        d.searchStamp++;
        SearchMarks.markForEveryHost(d.id);
    }

    private static AuditEvent parse(String line) {
        try {
            return EventLine.parse(line);
        } catch (Exception e) {
            throw new IllegalStateException("indexed edit event is unreadable", e);
        }
    }

    private static String json(Set<String> tags) {
        try {
            return JSON.writeValueAsString(new TreeSet<>(tags));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> tags(String json) {
        if (json == null) {
            return new TreeSet<>();
        }
        try {
            return Arrays.stream(JSON.readValue(json, String[].class)).collect(Collectors.toCollection(TreeSet::new));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tags in edit event are unreadable", e);
        }
    }
}

package dev.strongroom.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.StartupOrder;
import dev.strongroom.VaultIdentity;
import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.IndexedEvent;
import dev.strongroom.audit.Outcome;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Records an accepted upload: first the audit event, which the journal fsyncs, then the catalog row,
 * committed with the event's index row.
 * The event carries every field of the row, so the journal is a write-ahead log for uploads: if the
 * catalog loses a row (a crash between the two steps, or an embedded database that had not flushed),
 * the next start re-creates it from the event. An acknowledged upload is therefore never lost while
 * the journal and the blob survive.
 */
@ApplicationScoped
public class UploadLedger {

    private static final Logger LOG = Logger.getLogger(UploadLedger.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Auditor auditor;
    private final VaultIdentity identity;

    public UploadLedger(Auditor auditor, VaultIdentity identity) {
        this.auditor = auditor;
        this.identity = identity;
    }

    /**
     * Journals the upload and commits its row with the event's index row.
     *
     * @return the new document as the API shows it
     */
    public DocumentView record(AcceptedUpload upload, boolean newlyStored) {
        Document document = row(upload);
        document.storedOn = identity.hostId();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("sha256", document.sha256);
        detail.put("size", document.sizeBytes);
        detail.put("fileName", document.fileName);
        detail.put("originalFileName", document.originalFileName);
        detail.put("contentType", document.contentType);
        detail.put("owner", document.owner);
        detail.put("uploadedAt", document.uploadedAt);
        detail.put("retentionClass", document.retentionClass);
        detail.put("retainUntil", document.retainUntil);
        detail.put("description", document.description);
        detail.put("tags", document.tags.isEmpty() ? null : toJson(document.tags));
        detail.put("deduplicated", !newlyStored);
        auditor.recordWith(DocumentAction.UPLOAD, "document/" + document.id, Outcome.SUCCESS, detail, () -> {
            document.persist();
            SearchMarks.markForEveryHost(document.id);
        });
        return DocumentView.of(document);
    }

    private static Document row(AcceptedUpload upload) {
        Document document = new Document();
        document.id = upload.id();
        document.owner = upload.owner();
        document.fileName = upload.fileName();
        document.originalFileName = upload.originalFileName();
        document.contentType = upload.contentType();
        document.sizeBytes = upload.sizeBytes();
        document.sha256 = upload.sha256();
        document.retentionClass = upload.retentionClass();
        document.uploadedAt = upload.uploadedAt();
        document.retainUntil = upload.retainUntil();
        document.description = upload.description();
        document.tags = new TreeSet<>(upload.tags());
        return document;
    }

    /** Runs after the audit index caught up with the journal, before requests are served. */
    void recoverAtStart(@Observes @Priority(StartupOrder.UPLOAD_RECOVERY) StartupEvent event) {
        List<IndexedEvent> orphans = QuarkusTransaction.requiringNew().call(() -> IndexedEvent.<IndexedEvent>find(
                "hostId = ?3 and action = ?1 and outcome = ?2 and documentId not in (select d.id from Document d) "
                        + "and documentId not in (select t.documentId from Tombstone t) order by seq",
                DocumentAction.UPLOAD.action(), Outcome.SUCCESS.value(), auditor.host()).list());
        for (IndexedEvent row : orphans) {
            Document document = fromEvent(parse(row.line));
            document.storedOn = identity.hostId();
            QuarkusTransaction.requiringNew().run(() -> {
                document.persist();
                SearchMarks.markForEveryHost(document.id);
            });
            auditor.record(DocumentAction.RECOVER, "document/" + document.id, Outcome.SUCCESS,
                    Map.of("fromSeq", row.seq, "sha256", document.sha256));
            LOG.warnf("Re-created catalog row for document %s from audit event %d", document.id, row.seq);
        }
    }

    private static Document fromEvent(AuditEvent event) {
        SortedMap<String, String> d = event.detail();
        Document document = new Document();
        document.id = event.documentId();
        document.owner = d.get("owner");
        document.fileName = d.get("fileName");
        document.originalFileName = d.get("originalFileName");
        document.contentType = d.get("contentType");
        document.sizeBytes = Long.parseLong(d.get("size"));
        document.sha256 = d.get("sha256");
        document.retentionClass = d.get("retentionClass");
        document.retainUntil = Instant.parse(d.get("retainUntil"));
        document.uploadedAt = Instant.parse(d.get("uploadedAt"));
        document.description = d.get("description");
        document.tags = d.get("tags") == null ? new TreeSet<>() : fromJson(d.get("tags"));
        return document;
    }

    private static AuditEvent parse(String line) {
        try {
            return EventLine.parse(line);
        } catch (Exception e) {
            throw new IllegalStateException("indexed upload event is unreadable", e);
        }
    }

    private static String toJson(java.util.Set<String> tags) {
        try {
            return JSON.writeValueAsString(tags);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TreeSet<String> fromJson(String tags) {
        try {
            return Arrays.stream(JSON.readValue(tags, String[].class)).collect(Collectors.toCollection(TreeSet::new));
        } catch (Exception e) {
            throw new IllegalStateException("tags in upload event are unreadable", e);
        }
    }
}

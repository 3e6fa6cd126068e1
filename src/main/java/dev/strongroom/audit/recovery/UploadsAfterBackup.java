package dev.strongroom.audit.recovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.AuditLogAction;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.JournalSegments;
import dev.strongroom.audit.Outcome;
import dev.strongroom.store.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The documents the restored backup cannot hold: every upload acknowledged in the tail taken back
 * from CloudWatch happened after the backup's copy of the journal, so no backup run saw it. Each is
 * named, by id, file name, owner and SHA-256, in the log and in one audit event, with whether its
 * bytes happen to be on this volume (the same file stored under another document), so ops can ask
 * the owners for the others again.
 */
@ApplicationScoped
public class UploadsAfterBackup {

    private static final Logger LOG = Logger.getLogger(UploadsAfterBackup.class);
    private static final String DOCUMENT = "document/";
    /** Named in the event; the log names every one. */
    private static final int LISTED = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One acknowledged upload the backup does not hold. */
    public record LateUpload(String documentId, String fileName, String owner, String sha256, String acknowledgedAt,
            boolean bytesOnVolume) {
    }

    private final BlobStore blobs;
    private final Auditor auditor;
    private final String uploadAction;

    public UploadsAfterBackup(BlobStore blobs, Auditor auditor, AcknowledgedUploadAction upload) {
        this.blobs = blobs;
        this.auditor = auditor;
        this.uploadAction = upload.action().action();
    }

    /** Lists and records the uploads among events {@code fromSeq} to {@code toSeq} of the journal. */
    public List<LateUpload> report(JournalSegments segments, long fromSeq, long toSeq) {
        List<LateUpload> late = new ArrayList<>();
        segments.forEachLine(fromSeq, line -> {
            long seq = JournalSegments.seqOf(line);
            if (seq < fromSeq || seq > toSeq || !line.contains("\"action\":\"" + uploadAction + "\"")) {
                return;
            }
            AuditEvent event = parse(line);
            if (event != null && uploadAction.equals(event.action()) && Outcome.SUCCESS.is(event.outcome())
                    && event.resource().startsWith(DOCUMENT)) {
                String sha256 = event.detail().get("sha256");
                late.add(new LateUpload(event.resource().substring(DOCUMENT.length()), event.detail().get("fileName"),
                        event.detail().get("owner"), sha256, event.time(), sha256 != null && blobs.exists(sha256)));
            }
        });
        for (LateUpload upload : late) {
            LOG.warnf("Restored volume: document %s (%s, owner %s, SHA-256 %s) was acknowledged at %s, after the last "
                    + "backup; the restore does not hold it%s", upload.documentId(), upload.fileName(), upload.owner(),
                    upload.sha256(), upload.acknowledgedAt(), upload.bytesOnVolume()
                            ? " (the same bytes are on this volume under another document)"
                            : ": ask " + upload.owner() + " for the file again");
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("fromSeq", fromSeq);
        detail.put("toSeq", toSeq);
        detail.put("documents", late.size());
        detail.put("uploads", json(late.subList(0, Math.min(late.size(), LISTED))));
        auditor.record(AuditLogAction.RECOVERY_UPLOADS_AFTER_BACKUP, "audit/journal", Outcome.SUCCESS, detail);
        LOG.warnf("Restored volume: %d document(s) were acknowledged after the last backup (events %d to %d); the "
                + "audit event %s lists them", late.size(), fromSeq, toSeq, AuditLogAction.RECOVERY_UPLOADS_AFTER_BACKUP.action());
        return late;
    }

    private static AuditEvent parse(String line) {
        try {
            return EventLine.parse(line);
        } catch (JsonProcessingException e) {
            // The tail was verified before it was appended; an unreadable line is the verification's finding.
            return null;
        }
    }

    private static String json(List<LateUpload> uploads) {
        try {
            return JSON.writeValueAsString(uploads);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the list of uploads after the backup", e);
        }
    }
}

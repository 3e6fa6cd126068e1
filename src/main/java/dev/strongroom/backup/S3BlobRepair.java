package dev.strongroom.backup;

import dev.strongroom.catalog.BackupState;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.ObjectKeys;
import dev.strongroom.storage.StorageFailure;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.catalog.BlobRepair;
import dev.strongroom.catalog.DocumentBlob;
import dev.strongroom.store.BlobStore;
import dev.strongroom.store.PendingBlob;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Read-through repair from the S3 backup: streams the document's confirmed version into a pending
 * blob, and commits it only when its SHA-256 is the catalog's. Audited as {@code document.repair}.
 */
@ApplicationScoped
public class S3BlobRepair implements BlobRepair {

    private static final Logger LOG = Logger.getLogger(S3BlobRepair.class);

    private final BackupTarget target;
    private final BlobStore store;
    private final Auditor auditor;

    public S3BlobRepair(BackupTarget target, BlobStore store, Auditor auditor) {
        this.target = target;
        this.store = store;
        this.auditor = auditor;
    }

    @Override
    public boolean repair(DocumentBlob document, String reason) {
        String resource = "document/" + document.id();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reason", reason);
        detail.put("sha256", document.sha256());
        if (!target.configured() || document.backupState() != BackupState.BACKED_UP) {
            detail.put("problem", !target.configured() ? "backups not configured" : "not backed up yet");
            auditor.record(BackupAction.DOCUMENT_REPAIR, resource, Outcome.FAILURE, detail);
            return false;
        }
        String bucket = target.location();
        String key = ObjectKeys.document(document.id());
        detail.put("source", "s3://" + bucket + "/" + key);
        detail.put("versionId", document.backupVersionId());
        try (PendingBlob pending = store.begin();
                InputStream in = target.open(key, document.backupVersionId())) {
            in.transferTo(pending.output());
            String actual = pending.seal();
            if (!actual.equals(document.sha256())) {
                detail.put("problem", "the S3 copy hashes to " + actual);
                auditor.record(BackupAction.DOCUMENT_REPAIR, resource, Outcome.FAILURE, detail);
                LOG.errorf("Repair of document %s refused: the S3 copy hashes to %s, not %s", document.id(), actual,
                        document.sha256());
                return false;
            }
            pending.commit();
        } catch (StorageFailure | IOException | UncheckedIOException e) {
            detail.put("problem", e.getMessage());
            auditor.record(BackupAction.DOCUMENT_REPAIR, resource, Outcome.FAILURE, detail);
            LOG.errorf("Repair of document %s from %s failed: %s", document.id(), key, e.getMessage());
            return false;
        }
        auditor.record(BackupAction.DOCUMENT_REPAIR, resource, Outcome.SUCCESS, detail);
        LOG.warnf("Repaired the %s local blob of document %s from s3://%s/%s (version %s)", reason, document.id(),
                bucket, key, document.backupVersionId());
        return true;
    }
}

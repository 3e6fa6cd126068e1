package dev.strongroom.backup;

import dev.strongroom.catalog.DocumentToBackUp;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.ExpectedChecksum;
import dev.strongroom.storage.ObjectInfo;
import dev.strongroom.storage.ObjectKeys;
import dev.strongroom.storage.ObjectRefused;
import dev.strongroom.storage.ObjectSource;
import dev.strongroom.storage.ObjectUpload;
import dev.strongroom.storage.PartDigests;
import dev.strongroom.storage.Retention;
import dev.strongroom.storage.StoredVersion;
import dev.strongroom.store.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * Puts one document into {@code documents/<id>} of the backup target and confirms it: the target's checksum equals the catalog's
 * SHA-256 (for multipart, the composite of the part checksums, with the whole-file SHA-256 checked
 * locally before completing and kept in the metadata), and the version is under Object Lock until
 * the document's retain-until.
 * <p>
 * A single PUT is confirmed by its own response (docs/backup.md, "When a document counts as backed
 * up"): S3 answers 200 only after it checked the body against the {@code x-amz-checksum-sha256} we
 * sent and applied the Object Lock settings of the same request, and the response carries the
 * checksum and the version id. A multipart upload is read back with a HEAD, because its lock
 * settings travel on a different request than its bytes.
 * <p>
 * Idempotent: when the key already holds a version with this document's SHA-256 (a run that was cut
 * off after S3 stored it but before the catalog recorded it), that version is adopted instead of
 * writing a second one. The caller says whether the key may be there ({@link DocumentKeysInBucket}).
 */
@ApplicationScoped
public class DocumentUploader {

    private static final Logger LOG = Logger.getLogger(DocumentUploader.class);
    static final String META_DOCUMENT_ID = "document-id";
    static final String META_SHA256 = "sha256";
    /** Tells the metadata Lambda which documents are statements to validate (docs/statements.md). */
    static final String META_RETENTION_CLASS = "retention-class";

    private final BackupTarget target;
    private final BlobStore store;
    private final BackupConfig config;

    public DocumentUploader(BackupTarget target, BlobStore store, BackupConfig config) {
        this.target = target;
        this.store = store;
        this.config = config;
    }

    /**
     * @param mayBeInBucket false only when a listing of this run showed no object under the document's key
     * @param bytesSent told of the bytes of each request S3 accepted
     * @param alive told of every read of the blob on its way to S3
     */
    ConfirmedVersion upload(DocumentToBackUp doc, boolean mayBeInBucket, LongConsumer bytesSent, Runnable alive) {
        String key = ObjectKeys.document(doc.id());
        Path blob = store.pathOf(doc.sha256());
        if (!Files.isRegularFile(blob)) {
            throw new DocumentBackupFailure(doc.id(), "the local blob " + doc.sha256() + " is missing");
        }
        try {
            Optional<ConfirmedVersion> existing = mayBeInBucket ? adoptable(key, doc, blob) : Optional.empty();
            if (existing.isPresent()) {
                LOG.infof("Document %s was already in S3 as version %s (an earlier run was cut off); adopted", doc.id(),
                        existing.get().versionId());
                return existing.get();
            }
            boolean inParts = doc.size() >= config.multipartThreshold();
            StoredVersion stored = target.put(new ObjectUpload(key, ObjectSource.of(blob, doc.size()),
                    doc.contentType(), doc.sha256(), metadata(doc), lockable(doc) ? retention(doc) : null,
                    doc.legalHold(), inParts ? PartDigests.partSize(config.partSize()) : 0, alive, bytesSent));
            if (!inParts) {
                // The lock settings went on the same request, so the target applied them or refused the put;
                // where the answer names them (emulators do, AWS does not), they must match, else read back.
                if (lockable(doc) && stored.echoedRetention() != null
                        && !stored.echoedRetention().covers(retention(doc))) {
                    confirm(key, stored.versionId(), doc, ExpectedChecksum.wholeObject(doc.sha256()));
                }
                return new ConfirmedVersion(key, stored.versionId(), null, false, doc.size());
            }
            // In parts the lock travels on another request than the bytes: read the version back.
            PartDigests.Composite composite = stored.composite();
            confirm(key, stored.versionId(), doc, ExpectedChecksum.composite(doc.sha256(), composite.checksum(),
                    composite.parts()));
            LOG.infof("Document %s (%d bytes) uploaded in %d parts", doc.id(), doc.size(), composite.parts());
            return new ConfirmedVersion(key, stored.versionId(), composite, false, doc.size());
        } catch (DocumentBackupFailure e) {
            throw e.documentId() == null ? new DocumentBackupFailure(doc.id(), e.getMessage(), e) : e;
        } catch (ObjectRefused e) {
            throw new DocumentBackupFailure(doc.id(), e.getMessage(), e);
        }
    }

    /** Reads the version back and checks its checksum and lock; sets the retention if the put's did not stick. */
    private void confirm(String key, String versionId, DocumentToBackUp doc, ExpectedChecksum expected) {
        ObjectInfo head = target.head(key, versionId)
                .orElseThrow(() -> new DocumentBackupFailure(doc.id(), key + ": version " + versionId
                        + " is not in the backup target right after it was stored"));
        String mismatch = expected.mismatch(head.checksum(), head.checksumType(), versionId);
        if (mismatch != null) {
            throw new DocumentBackupFailure(doc.id(), key + ": " + mismatch);
        }
        ensureLocked(key, versionId, doc, head);
    }

    /**
     * Object Lock is what makes the copy immutable, so it is read back, not assumed. A retain-until
     * already past (a class with no retention) cannot be set; the bucket's default retention applies.
     */
    private void ensureLocked(String key, String versionId, DocumentToBackUp doc, ObjectInfo head) {
        if (!lockable(doc)) {
            return;
        }
        if (head.retention() != null && !head.retention().retainUntil().isBefore(doc.retainUntil())) {
            return;
        }
        LOG.warnf("S3 version %s of %s came back without its retention; setting it explicitly", versionId, key);
        target.retain(key, versionId, retention(doc));
    }

    private Optional<ConfirmedVersion> adoptable(String key, DocumentToBackUp doc, Path blob) {
        Optional<ObjectInfo> found = target.head(key, null);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ObjectInfo head = found.get();
        if (!doc.sha256().equals(head.metadata().get(META_SHA256)) || head.size() != doc.size()
                || head.checksum() == null) {
            return Optional.empty();
        }
        PartDigests.Composite composite = doc.size() >= config.multipartThreshold()
                ? PartDigests.of(blob, doc.size(), PartDigests.partSize(config.partSize()), null) : null;
        ExpectedChecksum expected = composite == null ? ExpectedChecksum.wholeObject(doc.sha256())
                : ExpectedChecksum.composite(doc.sha256(), composite.checksum(), composite.parts());
        if (expected.mismatch(head.checksum(), head.checksumType(), head.versionId()) != null) {
            return Optional.empty();
        }
        ensureLocked(key, head.versionId(), doc, head);
        return Optional.of(new ConfirmedVersion(key, head.versionId(), composite, true, 0));
    }

    static Map<String, String> metadata(DocumentToBackUp doc) {
        return Map.of(META_DOCUMENT_ID, doc.id(),
                "file-name", URLEncoder.encode(doc.fileName(), StandardCharsets.UTF_8).replace("+", "%20"),
                "uploader", URLEncoder.encode(doc.owner(), StandardCharsets.UTF_8),
                "uploaded-at", doc.uploadedAt().toString(),
                META_RETENTION_CLASS, doc.retentionClass(),
                META_SHA256, doc.sha256());
    }

    private Retention retention(DocumentToBackUp doc) {
        return new Retention(config.objectLockMode().toUpperCase(Locale.ROOT), doc.retainUntil());
    }

    private static boolean lockable(DocumentToBackUp doc) {
        return doc.retainUntil().isAfter(Instant.now().plusSeconds(60));
    }
}

package dev.strongroom.snapshots;

import dev.strongroom.backup.BackupConfig;
import dev.strongroom.backup.CatalogRows;
import dev.strongroom.catalog.BackupState;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.ObjectKeys;
import dev.strongroom.storage.StorageFailure;
import dev.strongroom.storage.Sha256;
import dev.strongroom.catalog.BlobRepair;
import dev.strongroom.catalog.DocumentBlob;
import dev.strongroom.catalog.PortableCatalog;
import dev.strongroom.restore.CopySource;
import dev.strongroom.restore.RestoreVerdict;
import dev.strongroom.store.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Verifies every document's blob against the catalog's SHA-256 and brings back from S3 those that
 * are missing (written after the snapshot) or corrupt, through the catalog's {@link BlobRepair},
 * which keeps only bytes that hash right and audits each repair. Blobs shared by several documents
 * are hashed once. In a dry run nothing is written: a missing blob is only looked up in S3 (HEAD of
 * the recorded version).
 */
@ApplicationScoped
public class BlobCheck {

    private final BlobStore store;
    private final BlobRepair repair;
    private final BackupTarget bucket;
    private final BackupConfig backup;
    private final PortableCatalog catalog;

    public BlobCheck(BlobStore store, BlobRepair repair, BackupTarget bucket, BackupConfig backup,
            PortableCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
        this.repair = repair;
        this.bucket = bucket;
        this.backup = backup;
    }

    /** Live counters while it runs. */
    static final class Progress {
        final AtomicInteger documents = new AtomicInteger();
        final AtomicInteger checked = new AtomicInteger();
        final AtomicInteger verified = new AtomicInteger();
        final List<ReconcileReport.Fetched> fetched = new ArrayList<>();
        final List<ReconcileReport.Failure> failed = new ArrayList<>();

        synchronized ReconcileReport.Blobs view() {
            return new ReconcileReport.Blobs(documents.get(), checked.get(), verified.get(), List.copyOf(fetched),
                    List.copyOf(failed));
        }

        synchronized void fetched(ReconcileReport.Fetched f) {
            fetched.add(f);
        }

        synchronized void failed(ReconcileReport.Failure f) {
            failed.add(f);
        }
    }

    /**
     * @param planned documents a dry run would have added to the catalog, checked as if they were there
     * @param adopted backup versions a dry run would have adopted, by document id, applied the same way
     */
    void run(boolean dryRun, Collection<DocumentBlob> planned, Map<String, CatalogRows.DocumentRow> adopted,
            Progress progress) {
        List<DocumentBlob> documents = new ArrayList<>();
        for (DocumentBlob d : catalog.blobs()) {
            CatalogRows.DocumentRow row = adopted.get(d.id());
            documents.add(row == null ? d : d.withBackup(row.backupState(), row.backupVersionId()));
        }
        documents.addAll(planned);
        progress.documents.set(documents.size());
        Map<String, String> bySha = new HashMap<>();
        for (DocumentBlob d : documents) {
            String reason = bySha.computeIfAbsent(d.sha256(), this::problemOf);
            if (reason == null) {
                progress.verified.incrementAndGet();
            } else if (reason.startsWith("fetched:")) {
                // The same bytes were already brought back for another document.
                progress.verified.incrementAndGet();
            } else {
                ReconcileReport.Fetched fetched = new ReconcileReport.Fetched(d.id(), d.fileName(), d.sha256(),
                        d.sizeBytes(), reason);
                String failure = dryRun ? wouldFail(d) : fetch(d, reason);
                if (failure == null) {
                    progress.fetched(fetched);
                    bySha.put(d.sha256(), "fetched:" + reason);
                } else {
                    progress.failed(new ReconcileReport.Failure(d.id(), d.fileName(), d.owner(), d.sha256(), failure,
                            leads(d)));
                }
            }
            progress.checked.incrementAndGet();
        }
    }

    /** Null when the blob is there and hashes to the SHA-256, else "missing" or "corrupt". */
    private String problemOf(String sha256) {
        Path blob = store.pathOf(sha256);
        if (!Files.isRegularFile(blob)) {
            return "missing";
        }
        try {
            return Sha256.hexOf(blob).equals(sha256) ? null : "corrupt";
        } catch (UncheckedIOException e) {
            return "corrupt";
        }
    }

    private String fetch(DocumentBlob d, String reason) {
        if (d.backupState() != BackupState.BACKED_UP) {
            return notInBackup(reason);
        }
        return repair.repair(d, "reconcile: " + reason) ? null
                : "the S3 copy could not be fetched or does not hash to " + d.sha256()
                        + " (see the document.repair event)";
    }

    private String wouldFail(DocumentBlob d) {
        if (d.backupState() != BackupState.BACKED_UP) {
            return notInBackup("missing");
        }
        try {
            return bucket.head(ObjectKeys.document(d.id()), d.backupVersionId()).isPresent() ? null
                    : "S3 has no usable copy of version " + d.backupVersionId() + ": it is not in the bucket";
        } catch (StorageFailure e) {
            return "S3 has no usable copy of version " + d.backupVersionId() + ": " + e.getMessage();
        }
    }

    /**
     * Where the bytes may still be: a document never confirmed in S3 only on the volume that took the
     * upload (the runbook keeps the replaced volume attached until it is deleted); a confirmed one
     * also in the replica, under the same version id.
     */
    private List<RestoreVerdict.Lead> leads(DocumentBlob d) {
        List<RestoreVerdict.Lead> leads = new ArrayList<>();
        if (d.backupState() == BackupState.BACKED_UP) {
            leads.add(new RestoreVerdict.Lead(CopySource.REPLICA_BUCKET, backup.replicaBucket().map(r -> "aws s3api "
                    + "get-object --bucket " + r + " --key " + ObjectKeys.document(d.id()) + " --version-id "
                    + d.backupVersionId() + " (replication keeps version ids)")
                    .orElse("no replica bucket is configured here (strongroom.backup.replica-bucket)")));
        }
        leads.add(new RestoreVerdict.Lead(CopySource.DATA_VOLUME, "the volume this snapshot replaced (kept attached "
                + "until deploy/RUNBOOK.md step 9 deletes it), blobs/" + d.sha256().substring(0, 2) + "/"
                + d.sha256().substring(2, 4) + "/" + d.sha256() + "; uploaded at " + d.uploadedAt()));
        return leads;
    }

    private static String notInBackup(String reason) {
        return "the blob is " + reason + " and the document was never confirmed in S3 (uploaded after the last "
                + "backup run): its bytes cannot be brought back from the backup";
    }
}

package dev.strongroom.backup;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.catalog.DocumentBackups;
import dev.strongroom.catalog.DocumentToBackUp;
import dev.strongroom.ingest.DocumentStored;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.ObjectKeys;
import dev.strongroom.storage.StorageFailure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * On a vault of several hosts, copies each new document to the bucket while its upload waits, so every host
 * can serve it from the moment its 201 is sent: another host reads it back from the confirmed version, as it
 * reads any backed-up document ({@link S3BlobRepair}). The copy is the backup itself (the document is
 * confirmed and recorded BACKED_UP as a run would), and the next run of any host lists it in its manifest.
 * <p>
 * The deposit does not depend on the copy: the document is already durable on this host's volume and
 * recorded. A copy that fails (or a bucket that belongs to another vault) leaves the document pending for
 * the next run, and other hosts answer 503 with the host that holds it until then. An upload waits for its
 * copy at most {@code waitAtMost}; past it, the copy goes on and is recorded when S3 confirms it.
 */
@ApplicationScoped
public class WriteThrough {

    private static final Logger LOG = Logger.getLogger(WriteThrough.class);
    /** How long a copy waits for the bucket's claim when no recent check said the bucket is this vault's. */
    private static final Duration CLAIM_CHECK = Duration.ofSeconds(5);

    private final BackupConfig config;
    private final BackupTarget target;
    private final DocumentBackups documents;
    private final DocumentUploader uploader;
    private final BucketClaimCheck claims;
    private final Auditor auditor;
    private final ExecutorService copies;

    public WriteThrough(BackupConfig config, BackupTarget target, DocumentBackups documents, DocumentUploader uploader,
            BucketClaimCheck claims, Auditor auditor) {
        this.config = config;
        this.target = target;
        this.documents = documents;
        this.uploader = uploader;
        this.claims = claims;
        this.auditor = auditor;
        this.copies = Executors.newFixedThreadPool(Math.max(2, config.parallelism()), r -> {
            Thread thread = new Thread(r, "write-through");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        copies.shutdownNow();
    }

    void onStored(@Observes DocumentStored stored) {
        if (!config.writeThrough().enabled() || !target.configured()) {
            return;
        }
        Future<?> copy = copies.submit(() -> copy(stored.id()));
        Duration wait = config.writeThrough().waitAtMost();
        try {
            copy.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("Document %s is not in the bucket after %s; the upload is answered, the copy goes on", stored.id(),
                    wait);
        } catch (ExecutionException e) {
            LOG.warnf("Copy of document %s to the bucket failed (%s); the next backup run takes it", stored.id(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void copy(String id) {
        Optional<DocumentToBackUp> pending = documents.unconfirmed(id);
        if (pending.isEmpty()) {
            return;
        }
        DocumentToBackUp doc = pending.get();
        String resource = "document/" + id;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("key", ObjectKeys.document(id));
        detail.put("sha256", doc.sha256());
        Optional<BucketClaimCheck.Result> claim = claims.latest().filter(r -> r.outcome().mayWrite())
                .or(() -> claims.checkWithin(CLAIM_CHECK));
        if (claim.isEmpty() || !claim.get().outcome().mayWrite()) {
            detail.put("problem", claim.map(BucketClaimCheck.Result::refusal).orElse("the bucket's claim could not "
                    + "be checked within " + CLAIM_CHECK));
            auditor.record(BackupAction.DOCUMENT_WRITE_THROUGH, resource, Outcome.FAILURE, detail);
            LOG.warnf("Document %s was not copied to the bucket: %s", id, detail.get("problem"));
            return;
        }
        ConfirmedVersion version;
        try {
            version = uploader.upload(doc, false, sent -> {
            }, () -> {
            });
        } catch (DocumentBackupFailure | StorageFailure e) {
            detail.put("problem", e.getMessage());
            auditor.record(BackupAction.DOCUMENT_WRITE_THROUGH, resource, Outcome.FAILURE, detail);
            LOG.warnf("Document %s was not copied to the bucket (%s); the next backup run takes it", id,
                    e.getMessage());
            return;
        }
        Instant at = Instant.now();
        boolean marked = QuarkusTransaction.requiringNew().call(() -> {
            boolean recorded = documents.recordBackedUp(id, doc.sha256(), version.versionId(), at);
            if (recorded && version.composite() != null) {
                CompositeChecksum.keep(id, version.versionId(), version.composite());
            }
            return recorded;
        });
        detail.put("versionId", version.versionId());
        auditor.record(BackupAction.DOCUMENT_WRITE_THROUGH, resource, marked ? Outcome.SUCCESS : Outcome.FAILURE,
                marked ? detail : withProblem(detail, "the document changed or was disposed of during the copy"));
    }

    private static Map<String, Object> withProblem(Map<String, Object> detail, String problem) {
        detail.put("problem", problem);
        return detail;
    }
}

package dev.strongroom.metadata.sync;

import dev.strongroom.Stopping;
import dev.strongroom.audit.Auditor;
import dev.strongroom.backup.BackupConfig;
import dev.strongroom.catalog.DocumentMetadata;
import dev.strongroom.catalog.MetadataState;
import dev.strongroom.metadata.MetadataAction;
import dev.strongroom.metadata.MetadataCatalog;
import dev.strongroom.metadata.MetadataConfig;
import dev.strongroom.metadata.MetadataWorker;
import dev.strongroom.metadata.PreviewStore;
import dev.strongroom.metadata.extract.Sidecar;
import dev.strongroom.metadata.extract.SidecarJson;
import dev.strongroom.metadata.extract.SidecarKeys;
import dev.strongroom.metadata.extract.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Brings the metadata Lambda's sidecars from S3 into the catalog, scheduled and on demand.
 * <p>
 * Only documents still PENDING need one, and only those already backed up can have one (the Lambda
 * runs on the bucket's new objects), so the sync reads {@code metadata/documents/<id>.json} for each
 * of those, oldest first, in pages of {@code batch}, instead of listing the whole prefix every period.
 * A pass goes on to the next page while the last one found sidecars: the Lambda works through the
 * bucket's new objects roughly in upload order, so a page without any means it has not reached
 * newer documents either, and the pass ends rather than asking S3 for every one of them.
 * A sidecar is taken only when its {@code sha256} is the catalog's for that document: the checksum
 * ledger runs through the sidecar too. An ok or unparseable sidecar (and its preview) becomes the
 * document's metadata, exactly the fields the in-process lanes write; a deferred one hands the
 * document to the heavy lane. Writes are conditional on PENDING, so a lane that finished first wins.
 * <p>
 * Nothing here touches uploads, downloads or backups: a missing, late or unreachable sidecar leaves
 * the document PENDING and is looked for again next time.
 */
@ApplicationScoped
public class MetadataSync {

    private static final Logger LOG = Logger.getLogger(MetadataSync.class);
    static final String LANE = "lambda";

    private final MetadataConfig config;
    private final BackupConfig backup;
    private final S3Client s3;
    private final MetadataCatalog catalog;
    private final MetadataWorker worker;
    private final PreviewStore previews;
    private final Auditor auditor;
    private final MeterRegistry registry;

    public MetadataSync(MetadataConfig config, BackupConfig backup, S3Client s3, MetadataCatalog catalog,
            MetadataWorker worker, PreviewStore previews, Auditor auditor, MeterRegistry registry) {
        this.config = config;
        this.backup = backup;
        this.s3 = s3;
        this.catalog = catalog;
        this.worker = worker;
        this.previews = previews;
        this.auditor = auditor;
        this.registry = registry;
    }

    /** True when there is a bucket to read sidecars from and the sync is on. */
    public boolean configured() {
        return config.sync().enabled() && backup.bucket().filter(b -> !b.isBlank()).isPresent();
    }

    @Scheduled(every = "{strongroom.metadata.sync.every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Stopping.Skip.class)
    void scheduled() {
        if (!configured()) {
            return;
        }
        try {
            SyncReport report = run();
            if (report.applied() + report.deferred() + report.findings().size() > 0) {
                LOG.infof("Metadata sync: %d sidecars applied, %d deferred to the heavy lane, %d not in S3 yet, "
                        + "%d refused", report.applied(), report.deferred(), report.missing(), report.findings().size());
            }
        } catch (SdkException e) {
            LOG.warnf("Metadata sync could not read S3 (%s); trying again in %s", e.getMessage(),
                    config.sync().every());
        } catch (RuntimeException e) {
            if (!Stopping.now()) {
                throw e;
            }
            // Begun before the stop, cut off by it (its S3 client closed): the next start syncs again.
            LOG.infof("Metadata sync cut off by the stop: %s", e.toString());
        }
    }

    /** What became of one document's sidecar. */
    private enum Outcome {
        APPLIED, DEFERRED, MISSING, REFUSED, SKIPPED
    }

    /** One pass over the PENDING documents. Throws only when S3 cannot be read at all. */
    public synchronized SyncReport run() {
        String bucket = backup.bucket().orElseThrow(() -> new IllegalStateException("no bucket configured"));
        int batch = Math.max(1, config.sync().batch());
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        List<String> findings = new ArrayList<>();
        int lookedAt = 0;
        DocumentMetadata.Waiting after = null;
        boolean more = true;
        while (more && !Stopping.now()) {
            List<DocumentMetadata.Waiting> page = catalog.waitingInBucket(MetadataState.PENDING, after, batch);
            int missingInPage = 0;
            for (DocumentMetadata.Waiting waiting : page) {
                Outcome outcome = syncOne(bucket, waiting.id(), findings);
                counts.merge(outcome, 1, Integer::sum);
                missingInPage += outcome == Outcome.MISSING ? 1 : 0;
            }
            lookedAt += page.size();
            more = page.size() == batch && missingInPage < page.size();
            after = page.isEmpty() ? after : page.get(page.size() - 1);
        }
        return new SyncReport(lookedAt, counts.getOrDefault(Outcome.APPLIED, 0),
                counts.getOrDefault(Outcome.DEFERRED, 0), counts.getOrDefault(Outcome.MISSING, 0),
                List.copyOf(findings));
    }

    private Outcome syncOne(String bucket, String id, List<String> findings) {
        Optional<String> json = read(bucket, SidecarKeys.sidecarOfDocument(id));
        if (json.isEmpty()) {
            return Outcome.MISSING;
        }
        Optional<DocumentMetadata.Target> target = catalog.find(id);
        if (target.isEmpty()) {
            return Outcome.SKIPPED;
        }
        Sidecar sidecar;
        try {
            sidecar = SidecarJson.read(json.get());
        } catch (IllegalArgumentException e) {
            findings.add(refuse(target.get(), "unreadable sidecar: " + e.getMessage()));
            return Outcome.REFUSED;
        }
        if (!target.get().sha256().equals(sidecar.sha256())) {
            findings.add(refuse(target.get(), "the sidecar describes sha256 " + sidecar.sha256()
                    + ", the catalog has " + target.get().sha256()));
            return Outcome.REFUSED;
        }
        if (sidecar.status() == Status.DEFERRED) {
            // A photo waiting for OCR already has its thumbnail: the page shows it meanwhile.
            copyPreview(bucket, target.get(), sidecar);
            return worker.handOverDeferredDocument(id) ? Outcome.DEFERRED : Outcome.SKIPPED;
        }
        return apply(bucket, target.get(), sidecar, json.get()) ? Outcome.APPLIED : Outcome.SKIPPED;
    }

    private void copyPreview(String bucket, DocumentMetadata.Target target, Sidecar sidecar) {
        if (Boolean.TRUE.equals(sidecar.preview())) {
            try {
                readBytes(bucket, SidecarKeys.previewOfDocument(target.id()))
                        .ifPresent(png -> previews.save(target.sha256(), png));
            } catch (SdkException | java.io.UncheckedIOException e) {
                // The metadata is worth having without its thumbnail; the page says there is no preview.
                LOG.warnf("Preview of document %s not copied from S3 (%s)", target.id(), e.getMessage());
            }
        }
    }

    private boolean apply(String bucket, DocumentMetadata.Target target, Sidecar sidecar, String json) {
        copyPreview(bucket, target, sidecar);
        if (!catalog.record(target.id(), MetadataState.PENDING, sidecar, json, null)) {
            return false;
        }
        registry.counter("strongroom.metadata.extractions", "lane", LANE, "status", sidecar.status().json())
                .increment();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("sha256", target.sha256());
        detail.put("status", sidecar.status().json());
        detail.put("lane", LANE);
        if (sidecar.reason() != null) {
            detail.put("reason", sidecar.reason().slug());
        }
        if (sidecar.detectedType() != null) {
            detail.put("detectedType", sidecar.detectedType());
        }
        detail.put("millis", sidecar.extraction() == null ? 0 : sidecar.extraction().millis());
        auditor.record(MetadataAction.EXTRACT, "document/" + target.id(),
                sidecar.status() == Status.UNPARSEABLE ? dev.strongroom.audit.Outcome.FAILURE
                        : dev.strongroom.audit.Outcome.SUCCESS, detail);
        return true;
    }

    /** Logged and reported, not audited: the same sidecar is met again every period until someone fixes it. */
    private static String refuse(DocumentMetadata.Target target, String why) {
        LOG.warnf("Metadata sidecar of document %s refused: %s", target.id(), why);
        return "document " + target.id() + ": " + why;
    }

    private Optional<String> read(String bucket, String key) {
        return readBytes(bucket, key).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    private Optional<byte[]> readBytes(String bucket, String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}

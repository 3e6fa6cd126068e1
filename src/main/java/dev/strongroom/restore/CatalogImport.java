package dev.strongroom.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.strongroom.StartupOrder;
import dev.strongroom.VaultConfig;
import dev.strongroom.VaultIdentity;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.backup.BackupJson;
import dev.strongroom.backup.BackupRun;
import dev.strongroom.backup.CatalogRows;
import dev.strongroom.backup.JournalSegmentUpload;
import dev.strongroom.catalog.PortableCatalog;
import dev.strongroom.jobs.JobState;
import dev.strongroom.retention.DisposalRequest;
import dev.strongroom.retention.Tombstone;
import dev.strongroom.security.VaultUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * At the first start on a restored data directory, loads the catalog export the restore left in
 * {@code restore/catalog.ndjson} into the (empty, freshly migrated) catalog and records the restore
 * in the audit trail, which the restored journal continues.
 * <p>
 * Runs after the audit index has caught up with the restored journal and before upload recovery
 * and first-admin creation, which must see the imported rows.
 */
@ApplicationScoped
public class CatalogImport {

    private static final Logger LOG = Logger.getLogger(CatalogImport.class);
    private static final int BATCH = 500;

    private final Path restoreDir;
    private final Auditor auditor;
    private final PortableCatalog documents;
    private final VaultIdentity identity;

    public CatalogImport(VaultConfig config, Auditor auditor, PortableCatalog documents, VaultIdentity identity) {
        this.restoreDir = config.dataDir().resolve(S3Restore.RESTORE_DIR);
        this.identity = identity;
        this.auditor = auditor;
        this.documents = documents;
    }

    void importAtStart(@Observes @Priority(StartupOrder.CATALOG_IMPORT) StartupEvent event) {
        Path catalog = restoreDir.resolve(S3Restore.CATALOG_FILE);
        if (!Files.isRegularFile(catalog)) {
            return;
        }
        try {
            RestoreReport report = BackupJson.MAPPER.readValue(restoreDir.resolve(S3Restore.REPORT_FILE).toFile(),
                    RestoreReport.class);
            long existing = QuarkusTransaction.requiringNew().call(() -> documents.documentCount() + VaultUser.count());
            boolean merging = existing > 0;
            if (merging) {
                LOG.warnf("The catalog already holds %d rows (another host of this vault imported the export, or the "
                        + "catalog outlived the data volumes): %s adds only the rows it lacks and changes none", existing,
                        catalog);
            }
            Map<String, Long> counts = QuarkusTransaction.requiringNew().call(() -> load(catalog, report, merging));
            Files.move(catalog, catalog.resolveSibling(S3Restore.CATALOG_FILE + ".imported"),
                    StandardCopyOption.ATOMIC_MOVE);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("bucket", report.source().bucket());
            detail.put("region", report.source().region());
            detail.put("run", report.source().runId());
            detail.put("manifest", report.source().manifestKey());
            detail.put("restored", report.restored());
            detail.put("skipped", report.skipped());
            detail.put("failed", report.failed());
            detail.put("journalVerified", report.journal().verified());
            detail.put("catalog", merging ? "merged" : "loaded");
            detail.putAll(counts);
            if (report.source().hostsLeftOut() != null && !report.source().hostsLeftOut().isEmpty()) {
                detail.put("hostsLeftOut", report.source().hostsLeftOut());
            }
            auditor.record(RestoreAction.COMPLETE, "backup/run/" + report.source().runId(),
                    report.completeForThisHost() ? Outcome.SUCCESS : Outcome.FAILURE, detail);
            LOG.warnf("Imported the restored catalog (%s) from run %s of s3://%s: %d restored, %d skipped, %d failed",
                    counts, report.source().runId(), report.source().bucket(), report.restored(), report.skipped(),
                    report.failed());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot import the restored catalog " + catalog, e);
        }
    }

    /**
     * Loads the export into the catalog. {@code merging} (the catalog is not empty) adds only rows the catalog lacks:
     * a row it has is at least as new as the export's, and a document it holds a tombstone for was disposed of.
     */
    private Map<String, Long> load(Path catalog, RestoreReport report, boolean merging) {
        Map<String, Long> counts = new LinkedHashMap<>();
        EntityManager em = VaultUser.getEntityManager();
        String runId = report.source().runId();
        try (MappingIterator<JsonNode> lines = BackupJson.MAPPER.readerFor(JsonNode.class).readValues(catalog.toFile())) {
            lines.next();
            long n = 0;
            while (lines.hasNext()) {
                CatalogRows.Line line = BackupJson.MAPPER.treeToValue(lines.next(), CatalogRows.Line.class);
                if (line.document() != null) {
                    String id = line.document().id();
                    if (!merging || !documents.holds(id) && em.find(Tombstone.class, id) == null) {
                        documents.add(line.document().toPortable(), runId);
                        counts.merge("documents", 1L, Long::sum);
                    }
                } else if (line.user() != null) {
                    if (!merging || em.find(VaultUser.class, line.user().username()) == null) {
                        em.persist(line.user().toEntity());
                        counts.merge("users", 1L, Long::sum);
                    }
                } else if (line.disposal() != null) {
                    if (!merging || em.find(DisposalRequest.class, line.disposal().id()) == null) {
                        em.persist(line.disposal().toEntity());
                        counts.merge("disposalRequests", 1L, Long::sum);
                    }
                } else if (line.tombstone() != null) {
                    if (!merging || em.find(Tombstone.class, line.tombstone().documentId()) == null) {
                        em.persist(line.tombstone().toEntity());
                        counts.merge("tombstones", 1L, Long::sum);
                    }
                }
                if (++n % BATCH == 0) {
                    em.flush();
                    em.clear();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The next backup chains its manifest to the one restored from, and does not re-ship
        // journal segments that are already in the bucket.
        if (BackupRun.findById(runId) == null) {
            BackupRun source = new BackupRun();
            source.id = runId;
            source.trigger = "restored";
            source.triggeredBy = "restore";
            source.state = JobState.SUCCEEDED;
            source.startedAt = report.startedAt();
            source.finishedAt = report.finishedAt();
            source.manifestKey = report.source().manifestKey();
            source.manifestSha256 = report.source().manifestSha256();
            source.hostId = identity.hostId();
            em.persist(source);
        }
        // The restored segments are this host's journal: the restore rebuilt its chain.
        String hostId = identity.hostId();
        for (RestoreReport.Segment s : report.segments()) {
            JournalSegmentUpload.Key key = new JournalSegmentUpload.Key();
            key.hostId = hostId;
            key.name = s.name();
            if (em.find(JournalSegmentUpload.class, key) != null) {
                continue;
            }
            JournalSegmentUpload row = new JournalSegmentUpload();
            row.hostId = hostId;
            row.name = s.name();
            row.sizeBytes = s.size();
            row.sha256 = s.sha256();
            row.versionId = s.versionId();
            row.uploadedAt = Instant.now();
            em.persist(row);
        }
        return counts;
    }
}

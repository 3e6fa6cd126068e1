package dev.strongroom.snapshots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.strongroom.backup.BackupJson;
import dev.strongroom.backup.CatalogRows;
import dev.strongroom.catalog.BackupState;
import dev.strongroom.catalog.PortableCatalog;
import dev.strongroom.metadata.SidecarColumns;
import dev.strongroom.retention.DisposalRequest;
import dev.strongroom.retention.Tombstone;
import dev.strongroom.security.VaultUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings a restored catalog up to the backup's catalog export: documents, users, disposal requests
 * and tombstones written after the snapshot are added; documents the snapshot had as pending but S3
 * confirmed take their backup version; a legal hold set since is applied. Nothing is taken away
 * except what a tombstone says was disposed of, and a hold is never released here: releasing one
 * is a person's decision. Only catalog rows change here; blobs are {@link BlobCheck}'s.
 */
@ApplicationScoped
public class CatalogCatchUp {

    private final PortableCatalog catalog;
    private final SidecarColumns sidecarColumns;

    public CatalogCatchUp(PortableCatalog catalog, SidecarColumns sidecarColumns) {
        this.catalog = catalog;
        this.sidecarColumns = sidecarColumns;
    }

    /** The differences found; {@link #apply} makes them. */
    record Delta(List<CatalogRows.DocumentRow> add, List<CatalogRows.DocumentRow> adopt, List<String> holds,
            List<String> holdsKept, List<CatalogRows.UserRow> users, List<CatalogRows.DisposalRow> disposals,
            List<CatalogRows.TombstoneRow> tombstones, int documentsInExport) {
    }

    Delta compare(Path export) {
        Map<String, PortableCatalog.Held> local = new HashMap<>();
        Set<String> tombstoned = new HashSet<>();
        Set<String> users = new HashSet<>();
        Set<String> disposals = new HashSet<>();
        QuarkusTransaction.requiringNew().run(() -> {
            catalog.forEachHeld(d -> local.put(d.id(), d));
            Tombstone.<Tombstone>streamAll().forEach(t -> tombstoned.add(t.documentId));
            VaultUser.<VaultUser>streamAll().forEach(u -> users.add(u.username));
            DisposalRequest.<DisposalRequest>streamAll().forEach(d -> disposals.add(d.id));
        });
        List<CatalogRows.DocumentRow> add = new ArrayList<>();
        List<CatalogRows.DocumentRow> adopt = new ArrayList<>();
        List<String> holds = new ArrayList<>();
        List<String> holdsKept = new ArrayList<>();
        List<CatalogRows.UserRow> newUsers = new ArrayList<>();
        List<CatalogRows.DisposalRow> newDisposals = new ArrayList<>();
        List<CatalogRows.TombstoneRow> newTombstones = new ArrayList<>();
        int documents = 0;
        try (MappingIterator<JsonNode> lines = BackupJson.MAPPER.readerFor(JsonNode.class).readValues(export.toFile())) {
            JsonNode header = lines.next();
            if (!CatalogRows.FORMAT.equals(header.path("format").asText())) {
                throw new IllegalStateException("the catalog export is not in the " + CatalogRows.FORMAT + " format");
            }
            while (lines.hasNext()) {
                CatalogRows.Line line = BackupJson.MAPPER.treeToValue(lines.next(), CatalogRows.Line.class);
                if (line.document() != null) {
                    documents++;
                    CatalogRows.DocumentRow row = line.document();
                    PortableCatalog.Held mine = local.get(row.id());
                    if (tombstoned.contains(row.id())) {
                        continue;
                    }
                    if (mine == null) {
                        add.add(row);
                        continue;
                    }
                    if (mine.backupState() != BackupState.BACKED_UP && row.backupState() == BackupState.BACKED_UP
                            && row.sha256().equals(mine.sha256())) {
                        adopt.add(row);
                    }
                    if (row.legalHold() && !mine.legalHold()) {
                        holds.add(row.id());
                    } else if (!row.legalHold() && mine.legalHold()) {
                        holdsKept.add(row.id());
                    }
                } else if (line.user() != null && !users.contains(line.user().username())) {
                    newUsers.add(line.user());
                } else if (line.disposal() != null && !disposals.contains(line.disposal().id())) {
                    newDisposals.add(line.disposal());
                } else if (line.tombstone() != null && !tombstoned.contains(line.tombstone().documentId())) {
                    newTombstones.add(line.tombstone());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the catalog export " + export, e);
        }
        Set<String> disposed = new HashSet<>();
        newTombstones.forEach(t -> disposed.add(t.documentId()));
        add.removeIf(r -> disposed.contains(r.id()));
        newDisposals.removeIf(d -> disposed.contains(d.documentId()) || tombstoned.contains(d.documentId()));
        return new Delta(add, adopt, holds, holdsKept, newUsers, newDisposals, newTombstones, documents);
    }

    /**
     * Writes the delta in one transaction. Returns the SHA-256 of blobs that disposed documents
     * left without any document, for the caller to delete once the rows are gone.
     */
    Set<String> apply(Delta delta, String headRunId) {
        Set<String> unused = QuarkusTransaction.requiringNew().call(() -> {
            // Confirmed documents are listed in the head manifest or an earlier one, as after an S3 restore.
            for (CatalogRows.DocumentRow row : delta.add()) {
                catalog.add(row.toPortable(), headRunId);
            }
            for (CatalogRows.DocumentRow row : delta.adopt()) {
                catalog.adoptBackup(row.id(), row.backupState(), row.backupVersionId(), row.backedUpAt(),
                        row.backupManifestRun() == null ? headRunId : row.backupManifestRun());
            }
            catalog.placeLegalHolds(delta.holds());
            delta.users().forEach(u -> u.toEntity().persist());
            delta.disposals().forEach(d -> d.toEntity().persist());
            Set<String> orphaned = new HashSet<>();
            for (CatalogRows.TombstoneRow t : delta.tombstones()) {
                t.toEntity().persist();
                DisposalRequest.delete("documentId", t.documentId());
                catalog.removeDisposed(t.documentId()).ifPresent(orphaned::add);
            }
            return catalog.unused(orphaned);
        });
        // The added documents are searchable by what their sidecars say, as after an S3 restore.
        if (!delta.add().isEmpty()) {
            sidecarColumns.fill();
        }
        return unused;
    }
}

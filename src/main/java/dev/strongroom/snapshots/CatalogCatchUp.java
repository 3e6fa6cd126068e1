package dev.strongroom.snapshots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.strongroom.backup.BackupJson;
import dev.strongroom.backup.CatalogRows;
import dev.strongroom.catalog.BackupState;
import dev.strongroom.catalog.Document;
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

    /** The differences found; {@link #apply} makes them. */
    record Delta(List<CatalogRows.DocumentRow> add, List<CatalogRows.DocumentRow> adopt, List<String> holds,
            List<String> holdsKept, List<CatalogRows.UserRow> users, List<CatalogRows.DisposalRow> disposals,
            List<CatalogRows.TombstoneRow> tombstones, int documentsInExport) {
    }

    Delta compare(Path export) {
        Map<String, Object[]> local = new HashMap<>();
        Set<String> tombstoned = new HashSet<>();
        Set<String> users = new HashSet<>();
        Set<String> disposals = new HashSet<>();
        QuarkusTransaction.requiringNew().run(() -> {
            Document.getEntityManager().createQuery("select d.id, d.sha256, d.backupState, d.legalHold from Document d",
                    Object[].class).getResultStream().forEach(r -> local.put((String) r[0], r));
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
                    Object[] mine = local.get(row.id());
                    if (tombstoned.contains(row.id())) {
                        continue;
                    }
                    if (mine == null) {
                        add.add(row);
                        continue;
                    }
                    if (mine[2] != BackupState.BACKED_UP && row.backupState() == BackupState.BACKED_UP
                            && row.sha256().equals(mine[1])) {
                        adopt.add(row);
                    }
                    if (row.legalHold() && !Boolean.TRUE.equals(mine[3])) {
                        holds.add(row.id());
                    } else if (!row.legalHold() && Boolean.TRUE.equals(mine[3])) {
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
        return QuarkusTransaction.requiringNew().call(() -> {
            for (CatalogRows.DocumentRow row : delta.add()) {
                Document d = row.toEntity();
                // Confirmed documents are listed in the head manifest or an earlier one, as after an S3 restore.
                if (d.backupState == BackupState.BACKED_UP && d.backupManifestRun == null) {
                    d.backupManifestRun = headRunId;
                }
                d.persist();
            }
            for (CatalogRows.DocumentRow row : delta.adopt()) {
                Document.update("backupState = ?1, backupVersionId = ?2, backedUpAt = ?3, backupManifestRun = ?4 "
                        + "where id = ?5", row.backupState(), row.backupVersionId(), row.backedUpAt(),
                        row.backupManifestRun() == null ? headRunId : row.backupManifestRun(), row.id());
            }
            if (!delta.holds().isEmpty()) {
                Document.update("legalHold = true where id in ?1", delta.holds());
            }
            delta.users().forEach(u -> u.toEntity().persist());
            delta.disposals().forEach(d -> d.toEntity().persist());
            Set<String> orphaned = new HashSet<>();
            for (CatalogRows.TombstoneRow t : delta.tombstones()) {
                t.toEntity().persist();
                DisposalRequest.delete("documentId", t.documentId());
                Document gone = Document.findById(t.documentId());
                if (gone != null) {
                    gone.delete();
                    orphaned.add(gone.sha256);
                }
            }
            Document.getEntityManager().flush();
            orphaned.removeIf(sha -> Document.count("sha256", sha) > 0);
            return orphaned;
        });
    }
}

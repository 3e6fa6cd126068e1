package dev.strongroom.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strongroom.backup.BackupJson;
import dev.strongroom.backup.CatalogRows;
import dev.strongroom.backup.Manifest;
import dev.strongroom.catalog.BackupState;
import dev.strongroom.catalog.MetadataState;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.storage.InMemoryBackupTarget;
import dev.strongroom.storage.ObjectKeys;
import dev.strongroom.storage.ObjectSource;
import dev.strongroom.storage.ObjectUpload;
import dev.strongroom.storage.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog export written by an earlier release while a document was being disposed of can name the document
 * both as a row and as a tombstone. A restore from it keeps the disposal: the document's bytes are not fetched and
 * the catalog the next start imports has its tombstone, not its row.
 */
class DisposedInTheExportTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final String RUN = "20261201T100000Z-0ld0e4a1";
    private static final HostKeys HOST = HostKeys.of("host-a");

    @TempDir
    Path dataDir;

    private final InMemoryBackupTarget bucket = new InMemoryBackupTarget();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void aDocumentWithARowAndATombstoneInTheExportStaysDisposedOf() throws IOException {
        List<String> catalog = new ArrayList<>();
        catalog.add(BackupJson.MAPPER.writeValueAsString(Map.of("format", CatalogRows.FORMAT, "version",
                CatalogRows.VERSION, "exportedAt", AT.toString(), "runId", RUN)));
        List<Manifest.DocumentEntry> entries = new ArrayList<>();
        for (String id : List.of("doc-kept", "doc-disposed")) {
            byte[] bytes = ("the bytes of " + id).getBytes(StandardCharsets.UTF_8);
            String sha256 = Sha256.hexOf(bytes);
            String versionId = put(ObjectKeys.document(id), bytes);
            entries.add(new Manifest.DocumentEntry(id, ObjectKeys.document(id), versionId, sha256, bytes.length, false));
            catalog.add(BackupJson.MAPPER.writeValueAsString(new CatalogRows.Line(new CatalogRows.DocumentRow(id,
                    "alice", id + ".txt", id + ".txt", "text/plain", bytes.length, sha256, "default", null, false, null,
                    AT, BackupState.BACKED_UP, versionId, AT, RUN, MetadataState.PENDING, null, List.of()), null, null,
                    null)));
        }
        catalog.add(BackupJson.MAPPER.writeValueAsString(new CatalogRows.Line(null, null, null,
                new CatalogRows.TombstoneRow("doc-disposed", entries.get(1).sha256(), "doc-disposed.txt", "alice",
                        entries.get(1).size(), "alice", "bob", AT.plusSeconds(1), "past retention", true))));
        byte[] export = (String.join("\n", catalog) + "\n").getBytes(StandardCharsets.UTF_8);
        String catalogVersion = put(HOST.catalog(RUN), export);
        Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.VERSION, new Manifest.Run(RUN, "schedule",
                "system", AT, AT, 2, 2, 0, 0, 0), bucket.location(), null, entries,
                new Manifest.ObjectRef(HOST.catalog(RUN), catalogVersion, Sha256.hexOf(export), export.length),
                List.of(), null, null, null);
        put(HOST.manifest(RUN), BackupJson.MAPPER.writeValueAsBytes(manifest));

        RestoreReport report = new S3Restore(bucket, "eu-central-1", dataDir, 2,
                new PrintStream(printed, true, StandardCharsets.UTF_8),
                new S3Restore.Buckets(CopySource.PRIMARY_BUCKET, Optional.empty(), "/strongroom/audit"))
                .run(Optional.empty(), Optional.empty());

        assertEquals(1, report.restored(), "only the document that was not disposed of");
        assertEquals(List.of(), report.verdict().missing().stream().map(RestoreVerdict.Missing::id)
                .filter(id -> id.startsWith("doc-")).toList(), "a disposed document is not missing");
        List<String> documentRows = new ArrayList<>();
        List<String> tombstones = new ArrayList<>();
        try (var lines = BackupJson.MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(
                dataDir.resolve(S3Restore.RESTORE_DIR).resolve(S3Restore.CATALOG_FILE).toFile())) {
            assertEquals(CatalogRows.FORMAT, lines.next().path("format").asText(), "the header stays first");
            lines.forEachRemaining(line -> {
                if (line.has("document")) {
                    documentRows.add(line.get("document").get("id").asText());
                } else if (line.has("tombstone")) {
                    tombstones.add(line.get("tombstone").get("documentId").asText());
                }
            });
        }
        assertEquals(List.of("doc-kept"), documentRows, "the catalog the next start imports");
        assertEquals(List.of("doc-disposed"), tombstones);
        String said = printed.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("not restored, they were disposed of: doc-disposed"), said);
        try (var blobs = Files.walk(dataDir)) {
            assertEquals(0, blobs.filter(Files::isRegularFile).filter(f -> readable(f).equals("the bytes of doc-disposed"))
                    .count(), "the disposed document's bytes are not on the volume");
        }
    }

    private static String readable(Path file) {
        try {
            return Files.size(file) < 100 ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private String put(String key, byte[] bytes) {
        return bucket.put(ObjectUpload.of(key, ObjectSource.of(bytes), "application/octet-stream", Sha256.hexOf(bytes)))
                .versionId();
    }
}

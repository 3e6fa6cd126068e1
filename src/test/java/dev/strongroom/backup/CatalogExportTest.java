package dev.strongroom.backup;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strongroom.catalog.Document;
import dev.strongroom.support.SeededRows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog export is one picture of the catalog: a document disposed of while the export is being written is
 * in it either as a document or as a tombstone, never as both (a restore from such an export would bring the
 * disposed document back).
 */
@QuarkusTest
class CatalogExportTest {

    private static final int DOCUMENTS = 10_000;
    private static final int DISPOSED = 20;

    @Inject
    CatalogExporter exporter;

    @TempDir
    Path work;

    @AfterEach
    void removeTheRowsOfThisTest() {
        SeededRows.removeAll();
    }

    @Test
    void aDocumentDisposedOfWhileTheExportIsWrittenIsInItOnceAsADocumentOrATombstone() throws Exception {
        List<String> ids = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 1; i <= DOCUMENTS; i++) {
                Document d = SeededRows.document(i, "exporting");
                d.persist();
                ids.add(d.id);
            }
        });
        Path file = work.resolve("catalog.ndjson");

        CompletableFuture<CatalogExporter.Export> exporting = CompletableFuture.supplyAsync(() -> {
            CatalogExporter.Export written = exporter.export("20261206T080000Z-0000test", file);
            // The pool hands this thread its connection again: back at the catalog's default for the writes after.
            assertEquals(Connection.TRANSACTION_READ_COMMITTED, QuarkusTransaction.requiringNew().call(() -> Document
                    .getEntityManager().unwrap(Session.class).doReturningWork(Connection::getTransactionIsolation)));
            return written;
        });
        // Document lines in the file: the export has read its first page, which holds the documents disposed of
        // below, and has thousands of documents to go before it reads the tombstones.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                .until(() -> Files.exists(file) && Files.size(file) > 8_192);
        QuarkusTransaction.requiringNew().run(() -> ids.subList(0, DISPOSED).forEach(CatalogExportTest::dispose));
        assertFalse(exporting.isDone(), "the disposal waited for the export to end");
        CatalogExporter.Export export = exporting.get();

        Set<String> documents = new HashSet<>();
        Set<String> tombstones = new HashSet<>();
        read(export.file(), documents, tombstones);
        List<String> both = ids.stream().filter(id -> documents.contains(id) && tombstones.contains(id)).toList();
        assertEquals(List.of(), both, "documents in the export both as a row and as a tombstone");
        assertTrue(ids.stream().allMatch(id -> documents.contains(id) || tombstones.contains(id)),
                "every document is in the export as one or the other");
    }

    /** The catalog part of a disposal: the row goes, the tombstone comes, in one transaction. */
    private static void dispose(String id) {
        Document gone = Document.findById(id);
        SeededRows.tombstoneOf(gone, "requester", "approver", "past retention", true).persist();
        gone.delete();
    }

    private static void read(Path file, Set<String> documents, Set<String> tombstones) throws IOException {
        try (var lines = BackupJson.MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            lines.next();
            while (lines.hasNext()) {
                JsonNode line = lines.next();
                if (line.has("document")) {
                    documents.add(line.get("document").get("id").asText());
                } else if (line.has("tombstone")) {
                    tombstones.add(line.get("tombstone").get("documentId").asText());
                }
            }
        }
    }
}

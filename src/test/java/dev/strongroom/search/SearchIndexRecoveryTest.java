package dev.strongroom.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index on disk: private files, a build that must finish before it answers, and a corrupt index moved aside. */
class SearchIndexRecoveryTest {

    @TempDir
    Path tmp;

    @Test
    void aNewIndexIsPrivateAndNeedsABuildUntilOneFinishedAndCommitsSurviveAReopen() throws IOException {
        Path dir = tmp.resolve("search-index");
        SearchIndex index = new SearchIndex(config(dir), null);
        assertTrue(index.needsBuild(), "a new index is built from the catalog first");
        index.put("doc-1", entry("doc-1"));
        index.commit();
        index.built();
        index.close();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> !f.getFileName().toString().equals("write.lock")).forEach(f -> {
                try {
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        SearchIndex reopened = new SearchIndex(config(dir), null);
        assertFalse(reopened.needsBuild(), "a finished build is remembered in the commit");
        assertEquals(1, reopened.searchers().acquire().getIndexReader().numDocs());
        reopened.close();
    }

    @Test
    void aCorruptIndexIsMovedAsideAndBuiltAnew() throws IOException {
        Path dir = tmp.resolve("search-index");
        SearchIndex index = new SearchIndex(config(dir), null);
        index.needsBuild();
        index.put("doc-1", entry("doc-1"));
        index.commit();
        index.built();
        index.close();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
                Files.write(f, new byte[] { 1, 2, 3 });
            }
        }
        SearchIndex recovered = new SearchIndex(config(dir), null);
        assertTrue(recovered.needsBuild(), "built again from the catalog");
        assertEquals(0, recovered.searchers().acquire().getIndexReader().numDocs());
        recovered.close();
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertTrue(siblings.anyMatch(p -> p.getFileName().toString().startsWith("search-index.corrupt-")),
                    "the unreadable index is kept aside for a look, not deleted");
        }
    }

    private static Document entry(String id) {
        Document d = new Document();
        d.add(new StringField(Entries.ID, id, Field.Store.YES));
        return d;
    }

    private static SearchConfig config(Path dir) {
        return new TestSearchConfig(dir, Duration.ofSeconds(1), 10);
    }

}

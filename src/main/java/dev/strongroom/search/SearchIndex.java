package dev.strongroom.search;

import dev.strongroom.VaultConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Map;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.jboss.logging.Logger;

/**
 * The Lucene index on the data volume ({@code <data-dir>/search-index}, 0700, files 0600): derived data.
 * <p>
 * Crash safety is Lucene's commit: an entry counts only once a commit (segments written and fsynced, then
 * the new {@code segments_N} renamed into place) holds it, and the catalog clears a document's dirty mark
 * only after that. A kill -9 at any moment leaves the last commit readable and the documents after it
 * dirty, so the indexer does them again (idempotent: an entry is replaced by id). An index that is
 * missing, unreadable or corrupt (or written by another Lucene) is moved aside and built anew from the
 * catalog; until it has caught up, searches go to the catalog's own SQL.
 */
@ApplicationScoped
public class SearchIndex {

    private static final Logger LOG = Logger.getLogger(SearchIndex.class);
    /** Commit user data: "0" until a build from the catalog finished, then when it finished. */
    static final String BUILT = "strongroom.built";

    private final Path dir;
    private IndexWriter writer;
    private SearcherManager searchers;
    private boolean fresh;

    public SearchIndex(SearchConfig config, VaultConfig vault) {
        this.dir = config.indexDir().orElseGet(() -> vault.dataDir().resolve("search-index"));
    }

    /** Opens the index, creating it (and saying so) when it is missing or unreadable. */
    synchronized void open() {
        if (writer != null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            FSDirectory fs = FSDirectory.open(dir);
            PrivateDirectory directory = new PrivateDirectory(fs, dir);
            boolean existed = DirectoryReader.indexExists(directory);
            if (existed) {
                try (DirectoryReader check = DirectoryReader.open(directory)) {
                    String built = check.getIndexCommit().getUserData().get(BUILT);
                    fresh = built == null || "0".equals(built);
                } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException
                        | java.io.EOFException | java.nio.file.NoSuchFileException e) {
                    directory.close();
                    directory = new PrivateDirectory(FSDirectory.open(moveAside(e)), dir);
                    existed = false;
                }
            }
            IndexWriterConfig config = new IndexWriterConfig(SearchAnalyzers.perField())
                    .setOpenMode(existed ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND : IndexWriterConfig.OpenMode.CREATE);
            writer = new IndexWriter(directory, config);
            if (!existed) {
                fresh = true;
                writer.setLiveCommitData(Map.of(BUILT, "0").entrySet());
                writer.commit();
            }
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + dir, e);
        }
    }

    private Path moveAside(Exception why) throws IOException {
        Path aside = dir.resolveSibling(dir.getFileName() + ".corrupt-" + System.currentTimeMillis());
        LOG.warnf("The search index in %s cannot be read (%s); moved to %s and rebuilt from the catalog", dir,
                why.toString(), aside);
        Files.move(dir, aside);
        Files.createDirectories(dir);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        return dir;
    }

    /** Whether the index was just created (or had never finished a build) and must be filled from the catalog. */
    synchronized boolean needsBuild() {
        open();
        return fresh;
    }

    /** Marks the index as complete for the catalog: from now on it answers searches. */
    synchronized void built() throws IOException {
        writer.setLiveCommitData(Map.of(BUILT, Long.toString(System.currentTimeMillis())).entrySet());
        writer.commit();
        fresh = false;
    }

    synchronized void put(String id, org.apache.lucene.document.Document entry) throws IOException {
        writer.updateDocument(new Term(Entries.ID, id), Entries.FACETS.build(entry));
    }

    synchronized void remove(Collection<String> ids) throws IOException {
        for (String id : ids) {
            writer.deleteDocuments(new Term(Entries.ID, id));
        }
    }

    /** Makes every change so far durable (Lucene's commit) and visible to new searches. */
    synchronized void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    SearcherManager searchers() {
        open();
        return searchers;
    }

    Path directory() {
        return dir;
    }

    @PreDestroy
    synchronized void close() {
        try {
            if (searchers != null) {
                searchers.close();
            }
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            LOG.warnf("Closing the search index: %s (its last commit stands)", e.getMessage());
        }
    }
}

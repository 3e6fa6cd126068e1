package dev.strongroom.search;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.VaultIdentity;
import dev.strongroom.VaultIdentityConfig;
import dev.strongroom.catalog.DocumentQuery;
import dev.strongroom.catalog.DocumentSearch;
import dev.strongroom.catalog.SearchMarks;
import dev.strongroom.catalog.VaultHosts;
import dev.strongroom.support.Vault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several hosts on one catalog, each with its own index: a document indexed here stays marked for the other
 * hosts, and a host that joins with an empty index indexes the documents that were there before it.
 */
@QuarkusTest
class SearchMarksPerHostTest {

    @Inject
    VaultIdentity identity;

    @TempDir
    Path tmp;

    @Test
    void aDocumentThisHostIndexedStaysMarkedForAnotherHost() {
        String other = "host-other-" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> VaultHosts.register(other, true));
        try {
            String alice = Vault.user("alice", "analyst");
            String word = "plover" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9-]", "q");
            String id = Vault.upload(alice, "note.txt", ("Field note " + word + "\n").getBytes(StandardCharsets.UTF_8))
                    .then().statusCode(201).extract().path("id");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !markedFor(identity.hostId(), id));
            Vault.as(alice).queryParam("q", "note").get("/api/documents").then().statusCode(200);
            assertTrue(markedFor(other, id), "this host indexed the document; the other host has not");
        } finally {
            withdraw(other);
        }
    }

    @Test
    void aHostJoiningWithAnEmptyIndexIndexesTheDocumentsThatWereThereBefore() throws IOException {
        String alice = Vault.user("alice", "analyst");
        String word = "godwit" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9-]", "q");
        String id = Vault.upload(alice, "before.txt", ("Seen " + word + " at the shore\n").getBytes(StandardCharsets.UTF_8))
                .then().statusCode(201).extract().path("id");
        // Found here once extracted: the document is in the catalog, with its text, before the other host joins.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> Vault.as(alice)
                .queryParam("q", word).get("/api/documents").then().extract().jsonPath().getList("items.id")
                .contains(id));

        String joining = "host-joining-" + UUID.randomUUID().toString().substring(0, 8);
        SearchConfig config = config(tmp.resolve("search-index"));
        SearchIndex index = new SearchIndex(config, null);
        SearchIndexer indexer = new SearchIndexer(config, index, new VaultIdentity(null, hostNamed(joining)));
        indexer.start(null);
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> holds(index, id) && indexer.ready());
        } finally {
            indexer.stop(null);
            index.close();
            withdraw(joining);
        }
    }

    /**
     * Another host's upload announces nothing here: it marks its document for this host in the catalog. This host's
     * next search takes the marks first, so the document is in it without waiting for the indexer's poll.
     */
    @Test
    void aDocumentAnotherHostUploadedIsInThisHostsNextSearch() {
        String here = "host-here-" + UUID.randomUUID().toString().substring(0, 8);
        // Polled far apart: only the search's own catch-up can bring the other host's upload in.
        SearchConfig config = new TestSearchConfig(tmp.resolve("index-here"), Duration.ofMinutes(30), 50);
        SearchIndex index = new SearchIndex(config, null);
        SearchIndexer indexer = new SearchIndexer(config, index, new VaultIdentity(null, hostNamed(here)));
        LuceneSearch search = new LuceneSearch(config, index, indexer);
        indexer.start(null);
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(indexer::ready);
            String alice = Vault.user("alice", "analyst");
            String id = Vault.upload(alice, "on-the-other-host.txt", "Uploaded elsewhere\n".getBytes(StandardCharsets.UTF_8))
                    .then().statusCode(201).extract().path("id");

            DocumentQuery hers = new DocumentQuery(alice, null, null, null, null, null, null, false, 0, 50);
            // A search answers at its freshness wait (1 s here) even when a loaded machine indexes slower; the next
            // search then finds what the first set going. Without that, nothing would until the 30-minute poll.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> search.search(hers).orElseThrow().ids().contains(id));
            DocumentSearch.Hits hits = search.search(hers).orElseThrow();
            assertEquals(List.of(id), hits.ids(), "the upload answered on the other host is listed here");
            assertEquals(1, hits.total());
        } finally {
            indexer.stop(null);
            index.close();
            withdraw(here);
        }
    }

    private static boolean markedFor(String host, String id) {
        return QuarkusTransaction.requiringNew().call(() -> SearchMarks.marked(host, Integer.MAX_VALUE)).stream()
                .anyMatch(m -> m.id().equals(id));
    }

    private static boolean holds(SearchIndex index, String id) {
        try {
            SearcherManager searchers = index.searchers();
            searchers.maybeRefreshBlocking();
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.count(new TermQuery(new Term(Entries.ID, id))) == 1;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The other host leaves the catalog as it found it for the tests after this one. */
    private static void withdraw(String host) {
        QuarkusTransaction.requiringNew().run(() -> {
            VaultHosts.register(host, false);
            SearchMarks.forget(host);
        });
    }

    private static VaultIdentityConfig hostNamed(String host) {
        return new VaultIdentityConfig() {
            public Optional<String> id() {
                return Optional.empty();
            }

            public Optional<String> hostId() {
                return Optional.of(host);
            }
        };
    }

    private static SearchConfig config(Path dir) {
        return new TestSearchConfig(dir, Duration.ofMillis(200), 50);
    }
}

package dev.strongroom.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strongroom.catalog.IndexableDocument;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** What a typed query matches in an entry, on an index in memory: folding, amounts, OCR's confusions. */
class SearchQueryTest {

    @Test
    void foldedWordsAmountsInAnyFormatAndOcrConfusionsMatch() throws IOException {
        IndexableDocument photo = document("photo", "{\"language\":\"de\",\"ocr\":{\"state\":\"done\"}}", "Café Zürich");
        IndexableDocument typed = document("typed", "{\"language\":\"en\"}", "Northwind Stationery Ltd");
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
                IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(SearchAnalyzers.perField()))) {
            writer.addDocument(Entries.FACETS.build(Entries.of(photo, "CAFE ZURICH\nSumme CHF 1.893,40\nRef zuzulivoll",
                    Set.of())));
            writer.addDocument(Entries.FACETS.build(Entries.of(typed, "Invoices for the travel\nTotal 15.12", Set.of("16.00"))));
            writer.commit();
            IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(dir));
            assertEquals(1, searcher.count(LuceneSearch.text("zurich")), "folded");
            assertEquals(1, searcher.count(LuceneSearch.text("ZÜRICH café")));
            assertEquals(1, searcher.count(LuceneSearch.text("1893.4")), "the amount in another format");
            assertEquals(1, searcher.count(LuceneSearch.text("1,893.40")));
            assertEquals(1, searcher.count(LuceneSearch.text("16")), "a corrected amount");
            assertEquals(1, searcher.count(LuceneSearch.text("zuzulivo11")), "OCR read 11 as ll");
            assertEquals(0, searcher.count(LuceneSearch.text("zuzulivo99")), "but not just anything");
            assertEquals(1, searcher.count(LuceneSearch.text("invoice")), "English is stemmed");
            assertEquals(0, searcher.count(LuceneSearch.text("_")), "nothing to search for finds nothing");
            assertEquals(0, searcher.count(LuceneSearch.text("zurich -cafe")));
        }
    }

    private static IndexableDocument document(String id, String sidecar, String vendor) {
        return new IndexableDocument(id, "alice", id + ".txt", id + ".txt", "text/plain", 10, "receipt",
                Instant.parse("2026-03-14T10:00:00Z"), Instant.parse("2033-03-14T10:00:00Z"), null, List.of(), null,
                null, vendor, null, sidecar, null, new BigDecimal("1.00"), null);
    }
}

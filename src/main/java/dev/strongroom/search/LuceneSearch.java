package dev.strongroom.search;

import dev.strongroom.catalog.DocumentQuery;
import dev.strongroom.catalog.DocumentSearch;
import dev.strongroom.catalog.ReceiptFilter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.document.LongPoint;

/**
 * {@link DocumentSearch} on the Lucene index of this host. What people type is read by Lucene's simple
 * query parser (words must all match, "quoted phrases", {@code -word}, {@code prefix*}; no syntax error
 * is possible), over the folded text, the vendor (weighted higher) and the stemmed text of each
 * language. A typed amount ({@code 1893.4}, {@code 1.893,40}) matches any document printing that amount
 * in whatever format; a word of five letters or more also matches with one letter different (OCR's usual
 * misreading), ranked below exact matches. Filters never affect ranking. A search first waits briefly for the indexer to take
 * the changes made before it, so a document is found right after its upload or correction.
 */
@ApplicationScoped
public class LuceneSearch implements DocumentSearch {

    private static final Pattern AMOUNT = Pattern.compile("\\d{1,3}(?:[.,']\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?");
    private static final Map<String, Float> WEIGHTS = Map.of(SearchAnalyzers.TEXT, 1f, SearchAnalyzers.VENDOR, 2f,
            "text_en", 0.7f, "text_de", 0.7f, "text_pt", 0.7f, SearchAnalyzers.OCR_TEXT, 0.3f);
    private static final List<String> FACET_DIMENSIONS = List.of(SearchAnalyzers.VENDOR, Entries.CURRENCY,
            Entries.TYPE, Entries.TAG);
    private static final int FACET_VALUES = 20;
    /** A bare word (no operator, quote or wildcard) long enough to be matched with one edit as well. */
    private static final Pattern FUZZY_WORD = Pattern.compile("[\\p{L}\\p{N}]{5,}");

    private final SearchConfig config;
    private final SearchIndex index;
    private final SearchIndexer indexer;

    public LuceneSearch(SearchConfig config, SearchIndex index, SearchIndexer indexer) {
        this.config = config;
        this.index = index;
        this.indexer = indexer;
    }

    @Override
    public Optional<Hits> search(DocumentQuery query) {
        if (!indexer.ready()) {
            return Optional.empty();
        }
        long pending = indexer.awaitFresh(config.freshnessWait());
        try {
            IndexSearcher searcher = index.searchers().acquire();
            try {
                Query lucene = query(query);
                int wanted = Math.min((query.page() + 1) * query.size(), 100_000);
                TopDocs top = searcher.search(lucene, Math.max(1, wanted), sort(query));
                List<String> ids = new ArrayList<>();
                ScoreDoc[] docs = top.scoreDocs;
                for (int i = query.page() * query.size(); i < docs.length; i++) {
                    ids.add(searcher.storedFields().document(docs[i].doc).get(Entries.ID));
                }
                long total = searcher.count(lucene);
                return Optional.of(new Hits(ids, total, query.facets() ? facets(searcher, lucene) : null, pending));
            } finally {
                index.searchers().release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the search index could not be read", e);
        }
    }

    static Query query(DocumentQuery q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean any = false;
        if (q.owner() != null) {
            b.add(new TermQuery(new Term(Entries.OWNER, q.owner())), BooleanClause.Occur.FILTER);
        }
        if (q.from() != null || q.to() != null) {
            long from = q.from() == null ? Long.MIN_VALUE : q.from().toEpochMilli();
            long to = q.to() == null ? Long.MAX_VALUE : q.to().toEpochMilli() - 1;
            b.add(LongPoint.newRangeQuery(Entries.UPLOADED, from, to), BooleanClause.Occur.FILTER);
        }
        if (q.contentType() != null) {
            b.add(new TermQuery(new Term(Entries.TYPE, q.contentType())), BooleanClause.Occur.FILTER);
        }
        if (q.retentionClass() != null) {
            b.add(new TermQuery(new Term(Entries.RETENTION, q.retentionClass())), BooleanClause.Occur.FILTER);
        }
        ReceiptFilter r = q.receipt();
        if (r.vendor() != null) {
            b.add(new TermQuery(new Term(Entries.VENDOR_EXACT, SearchAnalyzers.vendorKey(r.vendor()))),
                    BooleanClause.Occur.FILTER);
        }
        if (r.dateFrom() != null || r.dateTo() != null) {
            long from = r.dateFrom() == null ? Long.MIN_VALUE : r.dateFrom().toEpochDay();
            long to = r.dateTo() == null ? Long.MAX_VALUE : r.dateTo().toEpochDay();
            b.add(LongPoint.newRangeQuery(Entries.DATE, from, to), BooleanClause.Occur.FILTER);
        }
        if (r.totalMin() != null || r.totalMax() != null) {
            long min = r.totalMin() == null ? Long.MIN_VALUE : Entries.cents(r.totalMin());
            long max = r.totalMax() == null ? Long.MAX_VALUE : Entries.cents(r.totalMax());
            b.add(LongPoint.newRangeQuery(Entries.TOTAL, min, max), BooleanClause.Occur.FILTER);
        }
        if (r.currency() != null) {
            b.add(new TermQuery(new Term(Entries.CURRENCY, r.currency())), BooleanClause.Occur.FILTER);
        }
        if (r.tag() != null) {
            b.add(new TermQuery(new Term(Entries.TAG, r.tag())), BooleanClause.Occur.FILTER);
        }
        if (q.text() != null) {
            b.add(text(q.text()), BooleanClause.Occur.MUST);
            any = true;
        }
        if (!any) {
            b.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
        }
        return b.build();
    }

    /** Words through the parser (all must match); each amount as an amount anywhere or as a word. */
    static Query text(String typed) {
        SimpleQueryParser parser = new SimpleQueryParser(SearchAnalyzers.perField(), WEIGHTS);
        parser.setDefaultOperator(BooleanClause.Occur.MUST);
        List<String> words = new ArrayList<>();
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean clauses = false;
        for (String token : typed.strip().split("\\s+")) {
            if (AMOUNT.matcher(token).matches()) {
                BooleanQuery.Builder either = new BooleanQuery.Builder();
                either.add(LongPoint.newExactQuery(Entries.AMOUNT, Entries.cents(amount(token))), BooleanClause.Occur.SHOULD);
                Query word = parser.parse(token);
                if (word != null) {
                    either.add(word, BooleanClause.Occur.SHOULD);
                }
                b.add(either.build(), BooleanClause.Occur.MUST);
                clauses = true;
            } else {
                words.add(token);
            }
        }
        List<String> plain = new ArrayList<>();
        for (String word : words) {
            if (FUZZY_WORD.matcher(word).matches()) {
                // OCR misreads single letters (1 and l, q and g): a word of five letters or more also matches
                // with one edit, ranked below an exact match.
                BooleanQuery.Builder either = new BooleanQuery.Builder();
                Query exact = parser.parse(word);
                Query near = parser.parse(word + "~1");
                if (exact != null) {
                    either.add(exact, BooleanClause.Occur.SHOULD);
                }
                if (near != null) {
                    either.add(new BoostQuery(near, 0.3f), BooleanClause.Occur.SHOULD);
                }
                b.add(either.build(), BooleanClause.Occur.MUST);
                clauses = true;
            } else {
                plain.add(word);
            }
        }
        if (!plain.isEmpty()) {
            Query parsed = parser.parse(String.join(" ", plain));
            // Nothing but punctuation ("_"): nothing matches it, rather than everything.
            b.add(parsed == null ? new MatchNoDocsQuery() : parsed, BooleanClause.Occur.MUST);
            clauses = true;
        }
        return clauses ? b.build() : new MatchNoDocsQuery();
    }

    /** "1.893,40", "1,893.40", "1893.4" and "1893" as a decimal; three digits after one separator are thousands. */
    static BigDecimal amount(String token) {
        int last = Math.max(token.lastIndexOf('.'), token.lastIndexOf(','));
        if (last < 0 || token.length() - last - 1 == 3) {
            return new BigDecimal(token.replaceAll("[^0-9]", ""));
        }
        return new BigDecimal(token.substring(0, last).replaceAll("[^0-9]", "") + "." + token.substring(last + 1));
    }

    static Sort sort(DocumentQuery q) {
        boolean reverse = !q.ascending();
        SortField byUpload = new SortField(Entries.UPLOADED, SortField.Type.LONG, true);
        return switch (q.sortOrDefault()) {
            case "relevance" -> new Sort(SortField.FIELD_SCORE, byUpload);
            case "name" -> new Sort(new SortField(Entries.NAME_SORT, SortField.Type.STRING, reverse), byUpload);
            case "size" -> new Sort(new SortField(Entries.SIZE, SortField.Type.LONG, reverse), byUpload);
            case "retainUntil" -> new Sort(new SortField(Entries.RETAIN, SortField.Type.LONG, reverse), byUpload);
            case "date" -> new Sort(missingLast(new SortField(Entries.DATE, SortField.Type.LONG, reverse)), byUpload);
            case "total" -> new Sort(missingLast(new SortField(Entries.TOTAL, SortField.Type.LONG, reverse)), byUpload);
            default -> new Sort(new SortField(Entries.UPLOADED, SortField.Type.LONG, reverse));
        };
    }

    private static SortField missingLast(SortField field) {
        field.setMissingValue(field.getReverse() ? Long.MIN_VALUE : Long.MAX_VALUE);
        return field;
    }

    private static Map<String, List<FacetCount>> facets(IndexSearcher searcher, Query query) throws IOException {
        Map<String, List<FacetCount>> out = new LinkedHashMap<>();
        FacetsCollector collected = searcher.search(query, new FacetsCollectorManager());
        Facets counts;
        try {
            counts = new SortedSetDocValuesFacetCounts(
                    new DefaultSortedSetDocValuesReaderState(searcher.getIndexReader(), Entries.FACETS), collected);
        } catch (IllegalArgumentException noFacetsYet) {
            return out;
        }
        for (String dim : FACET_DIMENSIONS) {
            List<FacetCount> values = new ArrayList<>();
            FacetResult result;
            try {
                result = counts.getTopChildren(FACET_VALUES, dim);
            } catch (IllegalArgumentException noSuchDimension) {
                result = null;
            }
            if (result != null) {
                for (LabelAndValue lv : result.labelValues) {
                    values.add(new FacetCount(lv.label, lv.value.longValue()));
                }
            }
            out.put(dim, values);
        }
        return out;
    }

}

package dev.strongroom.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.catalog.IndexableDocument;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.util.BytesRef;

/**
 * One document's index entry, from its catalog row (receipt fields in effect, corrections included) and
 * its whole extracted text. Amounts are indexed as cents, so 1893.4, 1893.40 and 1.893,40 are one value:
 * the total, the taxes, and every amount the text prints.
 */
final class Entries {

    static final String ID = "id";
    static final String OWNER = "owner";
    static final String TYPE = "type";
    static final String RETENTION = "retention";
    static final String TAG = "tag";
    static final String CURRENCY = "currency";
    static final String VENDOR_EXACT = "vendor_exact";
    static final String UPLOADED = "uploaded";
    static final String NAME_SORT = "name_sort";
    static final String SIZE = "size";
    static final String RETAIN = "retain";
    static final String DATE = "receipt_date";
    static final String TOTAL = "total_cents";
    static final String AMOUNT = "amount";
    static final FacetsConfig FACETS = facets();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AMOUNTS = Pattern.compile(
            "(?<![\\d.,])(\\d{1,3}(?:[,.'\\u00A0 ]\\d{3})+|\\d+)[.,](\\d{2})(?![\\d%])");
    private static final int MAX_AMOUNTS = 500;

    private Entries() {
    }

    private static FacetsConfig facets() {
        FacetsConfig config = new FacetsConfig();
        config.setMultiValued(TAG, true);
        return config;
    }

    static org.apache.lucene.document.Document of(IndexableDocument d, String text, Set<String> correctedAmounts) {
        org.apache.lucene.document.Document e = new org.apache.lucene.document.Document();
        e.add(new StringField(ID, d.id(), Field.Store.YES));
        e.add(new StringField(OWNER, d.owner(), Field.Store.NO));
        e.add(new StringField(TYPE, d.contentType(), Field.Store.NO));
        e.add(new SortedSetDocValuesFacetField(TYPE, d.contentType()));
        e.add(new StringField(RETENTION, d.retentionClass(), Field.Store.NO));
        for (String tag : d.tags()) {
            e.add(new StringField(TAG, tag, Field.Store.NO));
            e.add(new SortedSetDocValuesFacetField(TAG, tag));
        }
        long uploaded = d.uploadedAt().toEpochMilli();
        e.add(new LongPoint(UPLOADED, uploaded));
        e.add(new NumericDocValuesField(UPLOADED, uploaded));
        e.add(new SortedDocValuesField(NAME_SORT, new BytesRef(d.fileName().toLowerCase(Locale.ROOT))));
        e.add(new NumericDocValuesField(SIZE, d.sizeBytes()));
        e.add(new NumericDocValuesField(RETAIN, d.retainUntil().toEpochMilli()));
        if (d.metadataVendor() != null && !d.metadataVendor().isBlank()) {
            e.add(new TextField(SearchAnalyzers.VENDOR, d.metadataVendor(), Field.Store.NO));
            e.add(new StringField(VENDOR_EXACT, SearchAnalyzers.vendorKey(d.metadataVendor()), Field.Store.NO));
            e.add(new SortedSetDocValuesFacetField(SearchAnalyzers.VENDOR, d.metadataVendor().strip()));
        }
        if (d.receiptDate() != null) {
            e.add(new LongPoint(DATE, d.receiptDate().toEpochDay()));
            e.add(new NumericDocValuesField(DATE, d.receiptDate().toEpochDay()));
        }
        Set<Long> amounts = new TreeSet<>();
        if (d.receiptTotal() != null) {
            long cents = cents(d.receiptTotal());
            e.add(new LongPoint(TOTAL, cents));
            e.add(new NumericDocValuesField(TOTAL, cents));
            amounts.add(cents);
        }
        if (d.receiptCurrency() != null) {
            e.add(new StringField(CURRENCY, d.receiptCurrency(), Field.Store.NO));
            e.add(new SortedSetDocValuesFacetField(CURRENCY, d.receiptCurrency()));
        }
        String body = text != null ? text : d.metadataText();
        StringBuilder all = new StringBuilder();
        for (String part : new String[] { d.originalFileName(), d.fileName(), d.description(), String.join(" ", d.tags()),
            d.metadataTitle(), d.metadataAuthor(), d.metadataVendor(), body }) {
            if (part != null) {
                all.append(part).append('\n');
            }
        }
        e.add(new TextField(SearchAnalyzers.TEXT, all.toString(), Field.Store.NO));
        String language = language(d.metadataJson());
        String stemmed = language == null ? null : SearchAnalyzers.STEMMED.get(language);
        if (stemmed != null) {
            e.add(new TextField(stemmed, all.toString(), Field.Store.NO));
        }
        if (readByOcr(d.metadataJson()) && body != null) {
            e.add(new TextField(SearchAnalyzers.OCR_TEXT, body, Field.Store.NO));
        }
        if (body != null) {
            Matcher m = AMOUNTS.matcher(body);
            while (m.find() && amounts.size() < MAX_AMOUNTS) {
                amounts.add(Long.parseLong(m.group(1).replaceAll("[^0-9]", "") + m.group(2)));
            }
        }
        for (String corrected : correctedAmounts) {
            amounts.add(cents(new BigDecimal(corrected)));
        }
        for (long cents : amounts) {
            e.add(new LongPoint(AMOUNT, cents));
        }
        return e;
    }

    static long cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    private static boolean readByOcr(String sidecar) {
        if (sidecar == null) {
            return false;
        }
        try {
            return "done".equals(JSON.readTree(sidecar).path("ocr").path("state").asText());
        } catch (java.io.IOException unreadable) {
            return false;
        }
    }

    private static String language(String sidecar) {
        if (sidecar == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(sidecar).path("language");
            return n.isTextual() ? n.asText() : null;
        } catch (java.io.IOException unreadable) {
            return null;
        }
    }
}

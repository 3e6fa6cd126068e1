package dev.strongroom.catalog;

import io.quarkus.panache.common.Parameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A search over the catalog: {@code text} (what a person typed), filters, sorting and paging. The search
 * index answers it (dev.strongroom.search); {@link #where(Parameters)} is the catalog's own SQL version,
 * used while the index is rebuilt or when it is off: there {@code text} matches file name, description, a
 * tag, or the extracted metadata (title, author, receipt vendor, text excerpt), case-insensitively, with
 * LIKE wildcards in it taken literally.
 *
 * @param sort    one of {@link #SORTS}; null: by relevance when there is text, else by upload time
 * @param receipt filters on receipt fields and tags
 * @param facets  whether to count documents per vendor, currency, type and tag
 */
public record DocumentQuery(String owner, Instant from, Instant to, String contentType, String retentionClass,
        String text, String sort, boolean ascending, int page, int size, ReceiptFilter receipt, boolean facets) {

    static final Map<String, String> SORTS = Map.of("uploaded", "uploadedAt", "name", "fileName", "size", "sizeBytes",
            "retainUntil", "retainUntil", "date", "receiptDate", "total", "receiptTotal", "relevance", "uploadedAt");

    public DocumentQuery(String owner, Instant from, Instant to, String contentType, String retentionClass,
            String text, String sort, boolean ascending, int page, int size) {
        this(owner, from, to, contentType, retentionClass, text, sort, ascending, page, size, ReceiptFilter.NONE,
                false);
    }

    /** The sort in effect: relevance when there is text and no sort was asked for. */
    public String sortOrDefault() {
        return sort != null ? sort : text != null ? "relevance" : "uploaded";
    }

    DocumentQuery ownedBy(String viewer) {
        return new DocumentQuery(viewer, from, to, contentType, retentionClass, text, sort, ascending, page, size,
                receipt, facets);
    }

    DocumentQuery withTag(String tag) {
        ReceiptFilter r = new ReceiptFilter(receipt.vendor(), receipt.dateFrom(), receipt.dateTo(), receipt.totalMin(),
                receipt.totalMax(), receipt.currency(), tag);
        return new DocumentQuery(owner, from, to, contentType, retentionClass, text, sort, ascending, page, size, r,
                facets);
    }

    /** Conditions over the alias {@code d}. */
    String where(Parameters params) {
        List<String> where = new ArrayList<>();
        if (owner != null) {
            where.add("d.owner = :owner");
            params.and("owner", owner);
        }
        if (from != null) {
            where.add("d.uploadedAt >= :from");
            params.and("from", from);
        }
        if (to != null) {
            where.add("d.uploadedAt < :to");
            params.and("to", to);
        }
        if (contentType != null) {
            where.add("d.contentType = :contentType");
            params.and("contentType", contentType);
        }
        if (retentionClass != null) {
            where.add("d.retentionClass = :retentionClass");
            params.and("retentionClass", retentionClass);
        }
        if (text != null) {
            where.add("(lower(d.fileName) like :text escape '\\' or lower(d.description) like :text escape '\\' "
                    + "or lower(d.metadataTitle) like :text escape '\\' or lower(d.metadataAuthor) like :text escape '\\' "
                    + "or lower(d.metadataVendor) like :text escape '\\' or lower(d.metadataText) like :text escape '\\' "
                    + "or exists (select 1 from Document d2 join d2.tags tag where d2.id = d.id "
                    + "and lower(tag) like :text escape '\\'))");
            params.and("text", "%" + escapeLike(text.toLowerCase(Locale.ROOT)) + "%");
        }
        ReceiptFilter r = receipt;
        if (r.vendor() != null) {
            where.add("lower(d.metadataVendor) = :vendor");
            params.and("vendor", r.vendor().toLowerCase(Locale.ROOT));
        }
        if (r.dateFrom() != null) {
            where.add("d.receiptDate >= :dateFrom");
            params.and("dateFrom", r.dateFrom());
        }
        if (r.dateTo() != null) {
            where.add("d.receiptDate <= :dateTo");
            params.and("dateTo", r.dateTo());
        }
        if (r.totalMin() != null) {
            where.add("d.receiptTotal >= :totalMin");
            params.and("totalMin", r.totalMin());
        }
        if (r.totalMax() != null) {
            where.add("d.receiptTotal <= :totalMax");
            params.and("totalMax", r.totalMax());
        }
        if (r.currency() != null) {
            where.add("d.receiptCurrency = :currency");
            params.and("currency", r.currency());
        }
        if (r.tag() != null) {
            where.add("exists (select 1 from Document d3 join d3.tags t3 where d3.id = d.id and t3 = :tag)");
            params.and("tag", r.tag());
        }
        return where.isEmpty() ? "1 = 1" : String.join(" and ", where);
    }

    String orderBy() {
        String direction = ascending ? " asc" : " desc";
        return " order by d." + SORTS.getOrDefault(sortOrDefault(), "uploadedAt") + direction + ", d.id" + direction;
    }

    Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        put(d, "owner", owner);
        put(d, "from", from);
        put(d, "to", to);
        put(d, "type", contentType);
        put(d, "retentionClass", retentionClass);
        put(d, "q", text);
        put(d, "vendor", receipt.vendor());
        put(d, "dateFrom", receipt.dateFrom());
        put(d, "dateTo", receipt.dateTo());
        put(d, "totalMin", receipt.totalMin());
        put(d, "totalMax", receipt.totalMax());
        put(d, "currency", receipt.currency());
        put(d, "tag", receipt.tag());
        return d;
    }

    private static void put(Map<String, String> d, String key, Object value) {
        if (value != null) {
            d.put(key, value.toString());
        }
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

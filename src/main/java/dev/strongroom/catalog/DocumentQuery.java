package dev.strongroom.catalog;

import io.quarkus.panache.common.Parameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A search over the catalog. Every value is bound as a parameter; {@code text} matches file name,
 * description, a tag, or the extracted metadata (title, author, receipt vendor, text excerpt),
 * case-insensitively, with LIKE wildcards in it taken literally.
 */
public record DocumentQuery(String owner, Instant from, Instant to, String contentType, String retentionClass,
        String text, String sort, boolean ascending, int page, int size) {

    static final Map<String, String> SORTS = Map.of("uploaded", "uploadedAt", "name", "fileName", "size", "sizeBytes",
            "retainUntil", "retainUntil");

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
        return where.isEmpty() ? "1 = 1" : String.join(" and ", where);
    }

    String orderBy() {
        String direction = ascending ? " asc" : " desc";
        return " order by d." + SORTS.getOrDefault(sort, "uploadedAt") + direction + ", d.id" + direction;
    }

    Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        put(d, "owner", owner);
        put(d, "from", from);
        put(d, "to", to);
        put(d, "type", contentType);
        put(d, "retentionClass", retentionClass);
        put(d, "q", text);
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

package dev.strongroom.catalog;

import io.quarkus.panache.common.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The document list's facet filters, beside a {@link DocumentQuery}: a tag (exact), legal hold (on or
 * off) and backup state. All optional; they narrow the query with AND.
 */
public record DocumentFacetFilter(String tag, Boolean legalHold, BackupState backupState) {

    public static final DocumentFacetFilter NONE = new DocumentFacetFilter(null, null, null);

    /** Conditions over the alias {@code d}, or null when there are none. */
    String where(Parameters params) {
        List<String> where = new ArrayList<>();
        if (tag != null) {
            where.add("exists (select 1 from Document d3 join d3.tags t3 where d3.id = d.id and t3 = :facetTag)");
            params.and("facetTag", tag);
        }
        if (legalHold != null) {
            where.add("d.legalHold = :facetHold");
            params.and("facetHold", legalHold);
        }
        if (backupState != null) {
            where.add("d.backupState = :facetBackup");
            params.and("facetBackup", backupState);
        }
        return where.isEmpty() ? null : String.join(" and ", where);
    }

    void describe(Map<String, String> detail) {
        if (tag != null) {
            detail.put("tag", tag);
        }
        if (legalHold != null) {
            detail.put("legalHold", legalHold.toString());
        }
        if (backupState != null) {
            detail.put("backupState", backupState.name());
        }
    }
}

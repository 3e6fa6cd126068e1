package dev.strongroom.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog's reads for capabilities that build on filed documents (statements and their receipts).
 * They run in the caller's transaction, like the entity's own finders.
 */
public final class FiledDocuments {

    private FiledDocuments() {
    }

    public static Optional<FiledDocument> find(String id) {
        return Document.<Document>findByIdOptional(id).map(FiledDocument::of);
    }

    /** The documents among {@code ids} that exist, by id. */
    public static Map<String, FiledDocument> byId(Collection<String> ids) {
        Map<String, FiledDocument> found = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Document d : Document.<Document>list("id in ?1", ids)) {
                found.put(d.id, FiledDocument.of(d));
            }
        }
        return found;
    }

    /** An owner's documents with a metadata sidecar, except those of one retention class. */
    public static List<FiledDocument> describedOf(String owner, String exceptClass) {
        return Document.<Document>list("owner = ?1 and retentionClass <> ?2 and metadataJson is not null", owner,
                exceptClass).stream().map(FiledDocument::of).toList();
    }

    /** As {@link #describedOf}, oldest upload first. */
    public static List<FiledDocument> describedOfInUploadOrder(String owner, String exceptClass) {
        return Document.<Document>list("owner = ?1 and retentionClass <> ?2 and metadataJson is not null "
                + "order by uploadedAt", owner, exceptClass).stream().map(FiledDocument::of).toList();
    }

    /** Up to {@code limit} documents of a retention class not among {@code known}, oldest upload first. */
    public static List<FiledDocument> ofClassExcept(String retentionClass, Set<String> known, int limit) {
        var query = known.isEmpty()
                ? Document.<Document>find("retentionClass = ?1 order by uploadedAt", retentionClass)
                : Document.<Document>find("retentionClass = ?1 and id not in ?2 order by uploadedAt", retentionClass,
                        known);
        return query.page(0, limit).list().stream().map(FiledDocument::of).toList();
    }
}

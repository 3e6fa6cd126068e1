package dev.strongroom.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The catalog's marks of documents whose search entry is out of date. A change marks its document and
 * bumps its stamp; the indexer clears a mark only for the stamp it indexed, so a change made while the
 * entry was being written stays marked. Each call runs in the caller's transaction.
 */
public final class SearchMarks {

    /** A marked document as of one stamp. */
    public record Mark(String id, long stamp) {
    }

    private SearchMarks() {
    }

    /** Marks every document, for an index built from nothing; returns how many. */
    public static int markAll() {
        return Document.update("searchDirty = true");
    }

    /** Up to {@code limit} marked documents, in id order. */
    public static List<Mark> marked(int limit) {
        return Document.getEntityManager()
                .createQuery("select d.id, d.searchStamp from Document d where d.searchDirty = true order by d.id",
                        Object[].class)
                .setMaxResults(limit).getResultList().stream().map(r -> new Mark((String) r[0], (Long) r[1])).toList();
    }

    public static long markedCount() {
        return Document.count("searchDirty = true");
    }

    /** Clears the marks that were not renewed since they were read. */
    public static void clear(List<Mark> indexed) {
        for (Mark mark : indexed) {
            Document.update("searchDirty = false where id = ?1 and searchStamp = ?2", mark.id(), mark.stamp());
        }
    }

    /** The document as the index needs it, or empty once it is gone. */
    public static Optional<IndexableDocument> indexable(String id) {
        return Document.<Document>findByIdOptional(id).map(IndexableDocument::of);
    }
}

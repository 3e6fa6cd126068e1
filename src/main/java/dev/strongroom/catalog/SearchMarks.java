package dev.strongroom.catalog;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * The catalog's marks of documents whose entry in a host's search index is out of date ({@code search_pending}).
 * Each host keeps its own Lucene index on its own volume, so each host has its own marks: a change marks its
 * document for every host that keeps an index ({@link VaultHosts}), in the change's transaction, and a host's
 * indexer reads and clears only its own. A mark is a row with an increasing {@code seq}; the indexer clears a
 * document's rows only up to the newest seq it read, so a change made while the entry was being written stays
 * marked.
 * <p>
 * Why rows appended, not one row per (host, document) updated in place: marking then never needs an upsert
 * (which H2 and PostgreSQL spell differently) and two transactions marking one document, or a change racing a
 * host marking every document for itself, never collide on a key. Duplicates fold into one mark when read.
 * <p>
 * Marks carry no foreign key: a removed document stays marked, and each host then removes its entry. The
 * {@code document.search_dirty} / {@code search_stamp} columns of earlier releases are still set by changes but
 * no longer read. Each call runs in the caller's transaction.
 */
public final class SearchMarks {

    /** A document marked for one host, as of the newest mark read. */
    public record Mark(String id, long stamp) {
    }

    private SearchMarks() {
    }

    /** Marks a document changed, added or removed, for every host keeping a search index. */
    public static void markForEveryHost(String id) {
        // Through JDBC, not a native query: Hibernate flushes and dirty-checks every entity of the session before a
        // native query, and the group commit's session holds every write of its batch, so each upload's mark
        // flushed all the uploads before it in the batch. A mark needs nothing flushed first (no foreign key); the
        // rows it marks are flushed at commit, in the same transaction.
        Document.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into search_pending "
                    + "(host_id, document_id) select host_id, ? from vault_host where indexes_search = true")) {
                insert.setString(1, id);
                insert.executeUpdate();
            }
        });
    }

    /** Marks every document for one host, for an index built from nothing or a host that joins; returns how many. */
    public static int markAll(String hostId) {
        return Document.getEntityManager()
                .createNativeQuery("insert into search_pending (host_id, document_id) select ?1, id from document")
                .setParameter(1, hostId).executeUpdate();
    }

    /** Up to {@code limit} documents marked for this host, in id order. */
    public static List<Mark> marked(String hostId, int limit) {
        List<Object[]> rows = Document.getEntityManager()
                .createNativeQuery("select document_id, max(seq) from search_pending where host_id = ?1 "
                        + "group by document_id order by document_id", Object[].class)
                .setParameter(1, hostId).setMaxResults(limit).getResultList();
        return rows.stream().map(r -> new Mark((String) r[0], ((Number) r[1]).longValue())).toList();
    }

    /** How many documents are marked for this host. */
    public static long markedCount(String hostId) {
        return ((Number) Document.getEntityManager()
                .createNativeQuery("select count(distinct document_id) from search_pending where host_id = ?1")
                .setParameter(1, hostId).getSingleResult()).longValue();
    }

    /** Clears this host's marks that were not renewed since they were read. */
    public static void clear(String hostId, List<Mark> indexed) {
        // One statement sent as a JDBC batch: through the entity manager each mark was a query of its own, with a
        // flush check before it. Each mark keeps its own seq: a batch-wide one could clear a mark not yet read.
        Document.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from search_pending where host_id = ? and document_id = ? and seq <= ?")) {
                for (Mark mark : indexed) {
                    delete.setString(1, hostId);
                    delete.setString(2, mark.id());
                    delete.setLong(3, mark.stamp());
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        });
    }

    /** Removes every mark of a host that no longer keeps an index. */
    public static int forget(String hostId) {
        return Document.getEntityManager().createNativeQuery("delete from search_pending where host_id = ?1")
                .setParameter(1, hostId).executeUpdate();
    }

    /**
     * The documents as the index needs them, by id; a document that is gone has no entry. One query with the tags
     * joined, read-only: loaded one by one, each document cost a query for its row, one for its tags and a snapshot
     * for dirty checking, which was most of the indexer's CPU in an upload burst.
     */
    public static Map<String, IndexableDocument> indexable(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        // setParameterList: given a collection, setParameter first tries it as one id and throws and catches on the way.
        List<Document> rows = Document.getEntityManager().unwrap(Session.class)
                .createSelectionQuery("select d from Document d left join fetch d.tags where d.id in :ids",
                        Document.class)
                .setParameterList("ids", ids).setReadOnly(true).getResultList();
        Map<String, IndexableDocument> found = new HashMap<>();
        for (Document d : rows) {
            found.putIfAbsent(d.id, IndexableDocument.of(d));
        }
        return found;
    }
}

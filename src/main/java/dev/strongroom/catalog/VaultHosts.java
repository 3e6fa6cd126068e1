package dev.strongroom.catalog;

import java.util.List;

/**
 * The hosts that share this catalog ({@code vault_host}): each records itself at start with its own host id
 * ({@code VaultIdentity.hostId()}), and says whether it keeps a search index, so that changes are marked for
 * it ({@link SearchMarks}). A host that is gone for good keeps its row until an operator removes it (its marks
 * with {@link SearchMarks#forget(String)}); until then changes are still marked for it, which costs rows, never a
 * missed change. Each call runs in the caller's transaction.
 */
public final class VaultHosts {

    private VaultHosts() {
    }

    /**
     * Records this host as seen now, keeping a search index or not.
     *
     * @return true when the host starts keeping an index with this call (first start against this catalog, or
     *         search enabled again): changes were not marked for it before, so it must mark every document
     */
    public static boolean register(String hostId, boolean indexesSearch) {
        var em = Document.getEntityManager();
        List<?> before = em.createNativeQuery("select indexes_search from vault_host where host_id = ?1")
                .setParameter(1, hostId).getResultList();
        if (before.isEmpty()) {
            em.createNativeQuery("insert into vault_host (host_id, registered_at, seen_at, indexes_search) "
                    + "values (?1, current_timestamp, current_timestamp, ?2)")
                    .setParameter(1, hostId).setParameter(2, indexesSearch).executeUpdate();
            return indexesSearch;
        }
        em.createNativeQuery("update vault_host set seen_at = current_timestamp, indexes_search = ?2 where host_id = ?1")
                .setParameter(1, hostId).setParameter(2, indexesSearch).executeUpdate();
        return indexesSearch && !Boolean.TRUE.equals(before.get(0));
    }

    /** The hosts changes are marked for, in id order. */
    public static List<String> indexing() {
        return Document.getEntityManager()
                .createNativeQuery("select host_id from vault_host where indexes_search = true order by host_id")
                .getResultList().stream().map(Object::toString).toList();
    }
}

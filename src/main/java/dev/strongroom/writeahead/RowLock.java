package dev.strongroom.writeahead;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Locks one catalog row until the current transaction ends ({@code select … for update}, which H2
 * and PostgreSQL both take), so that a change on another host waits for this one to commit and then
 * sees it. Plain SQL rather than JPA's pessimistic lock: Hibernate's follow-on locking fails on an
 * entity with an eagerly fetched collection, as a document's tags are.
 */
public final class RowLock {

    private RowLock() {
    }

    /**
     * @param table and {@code keyColumn} are constants of the calling code, never input
     * @return whether the row exists (and is now locked)
     */
    public static boolean lock(String table, String keyColumn, String key) {
        return !Panache.getEntityManager()
                .createNativeQuery("select " + keyColumn + " from " + table + " where " + keyColumn + " = ?1 for update")
                .setParameter(1, key).getResultList().isEmpty();
    }
}

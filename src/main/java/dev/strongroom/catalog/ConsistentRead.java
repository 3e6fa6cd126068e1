package dev.strongroom.catalog;

import java.sql.Connection;
import org.hibernate.Session;

/**
 * Makes the transaction in progress read the catalog as of one moment. The catalog's default isolation, READ
 * COMMITTED, lets each statement see what committed before it, so a read made of several statements (the backup's
 * catalog export: the documents a page at a time, then the tombstones) could show a document disposed of half-way
 * through both as a row and as a tombstone. PostgreSQL's REPEATABLE READ is a snapshot; H2's lets rows other
 * transactions add appear (the tombstone), so H2 gets its own SNAPSHOT level. Neither makes writers wait. For reads
 * only: a snapshot that writes may be refused at commit. The pool sets the connection back to its default isolation
 * when the transaction returns it.
 */
public final class ConsistentRead {

    /** H2's {@code Constants.TRANSACTION_SNAPSHOT}, its JDBC code for SNAPSHOT isolation. */
    private static final int H2_SNAPSHOT = 6;

    private ConsistentRead() {
    }

    /**
     * Call inside the transaction, first, before it reads anything: the snapshot is taken at its first statement.
     */
    public static void fromHere() {
        Document.getEntityManager().unwrap(Session.class).doWork(connection -> connection.setTransactionIsolation(
                "H2".equals(connection.getMetaData().getDatabaseProductName()) ? H2_SNAPSHOT
                        : Connection.TRANSACTION_REPEATABLE_READ));
    }
}

package dev.strongroom.http;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells a lost or unreachable catalog database from other failures, so clients get a 503 they can
 * retry instead of an internal error: connection-class SQL states (08xxx), H2's "connection broken"
 * and "database is closed", the JDBC exception types that mean "try again", and Hibernate's "Unable
 * to acquire JDBC Connection", which is all that is left when the pool fails to enlist a dead
 * connection in a transaction (the driver's own exception is only logged by the pool).
 */
final class CatalogOutage {

    private static final int H2_CONNECTION_BROKEN = 90067;
    private static final int H2_DATABASE_CLOSED = 90098;

    private CatalogOutage() {
    }

    static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().startsWith("Unable to acquire JDBC Connection")) {
                return true;
            }
            if (t instanceof SQLException sql && (sql.getSQLState() != null && sql.getSQLState().startsWith("08")
                    || sql.getErrorCode() == H2_CONNECTION_BROKEN || sql.getErrorCode() == H2_DATABASE_CLOSED)) {
                return true;
            }
        }
        return false;
    }
}

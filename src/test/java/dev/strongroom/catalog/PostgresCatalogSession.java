package dev.strongroom.catalog;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs a test session's catalog on PostgreSQL when {@code test-catalog.kind=postgresql} (the
 * pom's {@code postgresql} surefire execution sets it): starts one throw-away cluster for the whole
 * session, points the vault's datasource at it, and stops it when the session closes. Each vault
 * start gets a schema of its own ({@link PostgresSchemaPerStart}), as each gets its own H2 file.
 * <p>
 * Where PostgreSQL is not installed the session's tests are skipped with the reason
 * ({@link PostgresRequired}); with {@code CI=true} they fail instead, since CI installs it.
 */
public class PostgresCatalogSession implements LauncherSessionListener {

    static final String CATALOG = "test-catalog.kind";
    static final String BASE_URL = "test-catalog.postgres-url";

    private PostgresCluster cluster;

    public static boolean wanted() {
        return "postgresql".equals(System.getProperty(CATALOG));
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!wanted() || cluster != null) {
            return;
        }
        if (!PostgresCluster.installed()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL 15 is not installed at " + PostgresCluster.BIN
                        + " (Debian package postgresql-15; .ci/run installs it)");
            }
            return;
        }
        cluster = PostgresCluster.start();
        System.setProperty("quarkus.datasource.db-kind", "postgresql");
        System.setProperty("quarkus.datasource.username", PostgresCluster.USER);
        System.setProperty("quarkus.datasource.password", PostgresCluster.PASSWORD);
        System.setProperty(BASE_URL, cluster.jdbcUrl());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}

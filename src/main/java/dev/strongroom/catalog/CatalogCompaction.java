package dev.strongroom.catalog;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Gives the embedded H2 catalog's dead space back at a clean stop. H2's store appends a chunk for every
 * commit and, with the WRITE_DELAY=0 the catalog needs (CatalogUrlConfigSource), never compacts in the
 * background; H2 2.x shrinks the file only when the database is closed with {@code SHUTDOWN COMPACT}
 * (docs/performance.md, issue 27: 75 to 94 % of a file as left was dead). So the last step of a stop, once
 * every other stop step that writes to the catalog has finished, closes the database that way, bounded by
 * {@link CompactAtStopConfig#timeout()}. PostgreSQL reuses its space itself: nothing is done there.
 */
@ApplicationScoped
public class CatalogCompaction {

    /**
     * After every other ShutdownEvent observer (those of the vault run at 1 to
     * {@code Interceptor.Priority.APPLICATION + 500}): the database is closed under whatever comes later.
     */
    static final int LAST_STOP_STEP = Interceptor.Priority.LIBRARY_AFTER + 1000;

    private static final Logger LOG = Logger.getLogger(CatalogCompaction.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CompactAtStopConfig config;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    void compactAtStop(@Observes @Priority(LAST_STOP_STEP) ShutdownEvent event) {
        if (!config.enabled()) {
            return;
        }
        Optional<H2File> file = h2File();
        if (file.isEmpty()) {
            return;
        }
        long before = size(file.get().path());
        long started = System.nanoTime();
        CompletableFuture<Void> compaction = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            // A session of its own, outside the pool: the pool would try to reset a connection of the closed
            // database when it is handed back, and warn that it cannot.
            try (Connection connection = DriverManager.getConnection(file.get().url(), username, password.orElse(""));
                    Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN COMPACT");
                compaction.complete(null);
            } catch (SQLException | RuntimeException e) {
                compaction.completeExceptionally(e);
            }
        }, "catalog-compact-at-stop");
        worker.setDaemon(true);
        worker.start();
        try {
            compaction.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            long after = size(file.get().path());
            LOG.infof("Catalog %s compacted at stop: %s -> %s (%d %% given back) in %d ms", file.get(),
                    megabytes(before), megabytes(after), before > 0 ? Math.round(100.0 * (before - after) / before) : 0,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (TimeoutException e) {
            LOG.warnf("Catalog %s (%s) not compacted within %s at stop; the stop goes on and leaves it as it was."
                    + " The next clean stop tries again", file.get(), megabytes(before), config.timeout());
        } catch (ExecutionException e) {
            LOG.warnf("Catalog %s (%s) not compacted at stop: %s", file.get(), megabytes(before), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warnf("Catalog %s not compacted at stop: the stop was interrupted", file.get());
        }
    }

    /** The catalog's H2 file and the URL of the open database, or empty on any other database. */
    private record H2File(Path path, String url) {

        @Override
        public String toString() {
            return path.toString();
        }
    }

    private Optional<H2File> h2File() {
        try (Connection connection = dataSource.getConnection()) {
            if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
                return Optional.empty();
            }
            try (Statement statement = connection.createStatement();
                    ResultSet path = statement.executeQuery("SELECT DATABASE_PATH()")) {
                if (!path.next() || path.getString(1) == null) {
                    return Optional.empty(); // an in-memory database has no file
                }
                return Optional.of(new H2File(Path.of(path.getString(1) + ".mv.db"), connection.getMetaData().getURL()));
            }
        } catch (SQLException e) {
            LOG.warnf("Catalog not compacted at stop: it could not be reached: %s", e.toString());
            return Optional.empty();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1_000_000.0);
    }
}

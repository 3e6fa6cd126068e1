package dev.strongroom.catalog;

import dev.strongroom.Stopping;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.jboss.logging.Logger;

/**
 * Keeps the embedded H2 catalog's file near the size of its rows while the vault runs. H2's store writes every
 * commit as a new chunk and frees a chunk once none of its pages is live; a chunk that keeps a few live pages keeps
 * all its space. H2's own background writer moves those pages on, but it runs only with a WRITE_DELAY above 0,
 * and the catalog needs 0 (CatalogUrlConfigSource). Without it the file grew to about 50 times its rows
 * (docs/performance.md: 12 GB for 50,000 documents). Each pass does what that writer does: it rewrites the live
 * pages of the emptiest chunks, a bounded amount at a time, through H2's own compaction, and commits, so the
 * chunks they leave are freed once H2's retention time has passed and their space is written again. The rewrite
 * is an ordinary store commit: a process killed during it, or a volume that fills during it, keeps the catalog as
 * the last commit left it (CatalogHousekeepingCrashTest).
 * PostgreSQL reuses its space itself: nothing is done there.
 */
@ApplicationScoped
public class CatalogHousekeeping {

    /** Below this share of live data in the store's chunks, a pass rewrites the emptiest ones. */
    static final int TARGET_FILL_PERCENT = 80;

    /** The live bytes one pass moves at most, so that a pass never holds the store's writers up for long. */
    static final int BYTES_PER_PASS = 16 * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(CatalogHousekeeping.class);

    private final AgroalDataSource dataSource;
    private final CatalogHousekeepingConfig config;

    public CatalogHousekeeping(AgroalDataSource dataSource, CatalogHousekeepingConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Scheduled(every = "{strongroom.catalog.housekeeping.every}", delayed = "{strongroom.startup.background-delay}",
            identity = "catalog-housekeeping", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Stopping.Skip.class)
    void scheduled() {
        pass().filter(Pass::rewrote).ifPresent(pass -> LOG.debugf(
                "Catalog store: live data in its chunks %d %% -> %d %%; the next pass in %s", pass.fillBefore(),
                pass.fillAfter(), config.every()));
    }

    /** One pass over the catalog's store; empty when the catalog is not an H2 file or cannot be reached now. */
    Optional<Pass> pass() {
        try (Connection connection = dataSource.getConnection()) {
            return store(connection).map(CatalogHousekeeping::tidy);
        } catch (SQLException | MVStoreException e) {
            // The catalog is closing or unreachable for a moment; the next pass tries again.
            LOG.debugf("Catalog housekeeping skipped: %s", e.toString());
            return Optional.empty();
        }
    }

    /** One pass over an open H2 store: what share of its chunks' bytes was live before and after. */
    static Pass tidy(MVStore store) {
        int before = store.getFileStore().getChunksFillRate();
        boolean rewrote = store.compact(TARGET_FILL_PERCENT, BYTES_PER_PASS);
        if (rewrote) {
            store.tryCommit();
        }
        return new Pass(before, store.getFileStore().getChunksFillRate(), rewrote);
    }

    /** The file store behind a connection to an embedded H2 database, or empty for any other catalog. */
    static Optional<MVStore> store(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) {
            return Optional.empty();
        }
        Session session = connection.unwrap(JdbcConnection.class).getSession();
        if (!(session instanceof SessionLocal local) || !local.getDatabase().isPersistent()) {
            return Optional.empty();
        }
        return Optional.ofNullable(local.getDatabase().getStore()).map(s -> s.getMvStore());
    }

    /** The share of live bytes in the store's chunks before and after a pass, and whether it rewrote any. */
    record Pass(int fillBefore, int fillAfter, boolean rewrote) {
    }
}

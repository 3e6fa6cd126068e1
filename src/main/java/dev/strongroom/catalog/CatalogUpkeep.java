package dev.strongroom.catalog;

import dev.strongroom.Stopping;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.jboss.logging.Logger;

/**
 * Keeps an embedded H2 catalog's file near the size of its rows while the vault runs. H2's store writes a
 * new chunk for every commit, and only its background writer, which WRITE_DELAY=0 switches off
 * (CatalogUrlConfigSource), rewrites the live pages of mostly dead chunks and frees them: left alone the
 * file grew to 235 KB per document at 50,000 documents, where the rows take about 5 KB (docs/performance.md).
 * Each pass does that writer's work in bounded steps: it rewrites the live pages of the emptiest chunks into
 * new ones, then frees the chunks nothing points at any more and moves the last chunks into the holes so
 * that the file can shrink. Chunks younger than H2's retention time (45 s) are left as they are, as H2 does
 * itself, so the last chunks a crash could need are never overwritten. PostgreSQL reuses its space itself:
 * nothing is done there.
 */
@ApplicationScoped
public class CatalogUpkeep {

    private static final Logger LOG = Logger.getLogger(CatalogUpkeep.class);
    /** Rewrite chunks whose share of live pages is below this, as H2's own background writer does. */
    private static final int FILL_RATE = 90;
    /**
     * Bytes one step rewrites or moves while it holds the store's lock (16 MB moved in 90 ms on this machine's
     * disk). Smaller moves did not shrink the file: H2 moves the chunks it ranks first, not the last ones.
     */
    private static final int STEP_BYTES = 16 * 1024 * 1024;

    /** The file's size before and after one pass. */
    public record Pass(long before, long after) {
    }

    private final DataSource dataSource;
    private final CatalogUpkeepConfig config;

    public CatalogUpkeep(DataSource dataSource, CatalogUpkeepConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Scheduled(every = "{strongroom.catalog.upkeep.every}", delayed = "{strongroom.startup.background-delay}",
            identity = "catalog-upkeep", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Stopping.Skip.class)
    void scheduled() {
        pass().filter(p -> p.after() < p.before()).ifPresent(p -> LOG.debugf(
                "Catalog upkeep gave back %d KB (file %d -> %d KB)", (p.before() - p.after()) / 1024,
                p.before() / 1024, p.after() / 1024));
    }

    /** One pass; empty when the catalog is no H2 file (PostgreSQL, or an in-memory database). */
    public Optional<Pass> pass() {
        try (Connection connection = dataSource.getConnection()) {
            if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
                return Optional.empty();
            }
            MVStore store = ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase()
                    .getStore().getMvStore();
            FileStore<?> file = store.getFileStore();
            if (!(file instanceof RandomAccessStore chunks) || file.getFileName() == null) {
                return Optional.empty();
            }
            long before = file.size();
            long deadline = System.nanoTime() + config.passTime().toNanos();
            boolean rewrote = true;
            while (rewrote && System.nanoTime() < deadline) {
                rewrote = store.compact(FILL_RATE, STEP_BYTES);
            }
            // Frees the chunks that were dead before the last commit (those this pass rewrote wait for the next
            // commit), then moves chunks from the end of the file into the holes until the file is dense again.
            int fill;
            do {
                fill = store.getFillRate();
                chunks.compactMoveChunks(FILL_RATE, STEP_BYTES, store);
            } while (System.nanoTime() < deadline && store.getFillRate() < FILL_RATE && store.getFillRate() != fill);
            return Optional.of(new Pass(before, file.size()));
        } catch (SQLException e) {
            LOG.warnf("Catalog upkeep skipped: the catalog could not be reached: %s", e.toString());
            return Optional.empty();
        }
    }
}

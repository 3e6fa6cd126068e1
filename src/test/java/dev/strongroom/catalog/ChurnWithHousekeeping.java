package dev.strongroom.catalog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.locks.LockSupport;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The process {@link CatalogHousekeepingCrashTest} kills: it opens an H2 catalog as the vault opens its own, makes
 * {@link CatalogChurn}'s changes one commit at a time from a given operation on, and runs housekeeping passes back to
 * back on a second thread, as the vault's scheduler does beside its writers. It never stops by itself.
 * <p>
 * Standard output, one line per fact, each written only once it is true: {@code acked N} after operation N's commit
 * returned; {@code rewriting K} when pass K starts with chunks to rewrite, {@code rewrote K} when it returned;
 * {@code refused N} when operation N's change or commit failed, after which it exits with {@link #REFUSED}.
 */
public final class ChurnWithHousekeeping {

    /** Dead chunks are freed after this, so that their space is written again within the run (45 s in the vault). */
    static final int RETENTION_MILLIS = 100;

    /** The exit status after a commit failed (a full volume): the line before it names the operation. */
    static final int REFUSED = 3;

    private ChurnWithHousekeeping() {
    }

    public static void main(String[] args) throws SQLException {
        Path dataDir = Path.of(args[0]);
        long firstOp = Long.parseLong(args[1]);
        PrintStream out = System.out;
        try (Connection connection = DriverManager.getConnection(CatalogUrlConfigSource.h2Url(dataDir), "sa", "")) {
            CatalogChurn.createIfAbsent(connection);
            MVStore store = CatalogHousekeeping.store(connection).orElseThrow();
            store.setRetentionTime(RETENTION_MILLIS);
            Thread passes = new Thread(() -> passes(store, out), "catalog-housekeeping");
            passes.setDaemon(true);
            passes.start();
            connection.setAutoCommit(false);
            for (long op = firstOp; ; op++) {
                try {
                    CatalogChurn.apply(connection, op);
                    connection.commit();
                } catch (SQLException e) {
                    say(out, "refused " + op + " " + e);
                    System.exit(REFUSED);
                }
                say(out, "acked " + op);
            }
        }
    }

    private static void passes(MVStore store, PrintStream out) {
        for (long pass = 1; ; pass++) {
            if (store.getFileStore().getChunksFillRate() >= CatalogHousekeeping.TARGET_FILL_PERCENT) {
                // Nothing to rewrite yet: look again in a millisecond rather than spin beside the writer.
                LockSupport.parkNanos(1_000_000);
                continue;
            }
            say(out, "rewriting " + pass);
            try {
                CatalogHousekeeping.tidy(store);
            } catch (MVStoreException e) {
                say(out, "pass failed " + pass + " " + e);
                return;
            }
            say(out, "rewrote " + pass);
        }
    }

    private static void say(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}

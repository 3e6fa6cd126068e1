package dev.strongroom.catalog;

import dev.strongroom.DirectorySync;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jboss.logging.Logger;

/**
 * A copy of the embedded H2 catalog taken just before its first pending migration, and put back if the
 * start that took it died before the migrations finished. H2 commits each DDL statement by itself and
 * Flyway records a migration only after its whole script, so a kill inside a script leaves part of it
 * applied and unrecorded: the next start would run it again and fail on "already exists", every start.
 * PostgreSQL runs each migration in one transaction and needs no copy.
 *
 * <p>The copy is H2's own online backup (a zip holding the store file), renamed into place once whole,
 * so its presence means exactly "a migration began and did not finish".
 */
public final class PreMigrationCopy {

    private static final Logger LOG = Logger.getLogger(PreMigrationCopy.class);
    private static final String H2_FILE_URL = "jdbc:h2:file:";
    private static final String STORE_SUFFIX = ".mv.db";

    private final Path store;
    private final Path copy;

    private PreMigrationCopy(Path database) {
        this.store = database.resolveSibling(database.getFileName() + STORE_SUFFIX);
        this.copy = database.resolveSibling(database.getFileName() + ".pre-migration.zip");
    }

    /** The copy for the catalog at {@code jdbcUrl}, or empty when that is not an H2 file database. */
    public static Optional<PreMigrationCopy> forUrl(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(H2_FILE_URL)) {
            return Optional.empty();
        }
        String path = jdbcUrl.substring(H2_FILE_URL.length());
        int options = path.indexOf(';');
        if (options >= 0) {
            path = path.substring(0, options);
        }
        // H2 reads a leading ~ as the user's home directory.
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Optional.of(new PreMigrationCopy(Path.of(path).toAbsolutePath().normalize()));
    }

    Path copy() {
        return copy;
    }

    /**
     * Puts the catalog back as it was before a migration that did not finish. Must run before anything
     * opens the catalog: it refuses if the store file is locked, since H2 locks it while open.
     */
    public void restoreIfLeft() throws IOException {
        if (!Files.exists(copy)) {
            return;
        }
        LOG.warnf("A start stopped inside a catalog migration: putting %s back from %s, taken before it, and "
                + "migrating again", store, copy);
        Path restoring = store.resolveSibling(store.getFileName() + ".restoring");
        try (FileChannel held = FileChannel.open(store, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(held)) {
            if (lock == null) {
                throw new IOException("The catalog " + store + " is open in another process; stop it first");
            }
            try (ZipFile zip = new ZipFile(copy.toFile());
                    InputStream in = zip.getInputStream(storeEntry(zip));
                    FileChannel out = FileChannel.open(restoring, StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream sink = Channels.newOutputStream(out);
                in.transferTo(sink);
                out.force(true);
            }
            ownerOnly(restoring);
            Files.move(restoring, store, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DirectorySync.fsync(store.getParent());
        }
    }

    /** Takes the copy through {@code connection}, an open connection to the catalog. */
    public void take(Connection connection) throws SQLException, IOException {
        long started = System.nanoTime();
        Path partial = copy.resolveSibling(copy.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        try (Statement statement = connection.createStatement()) {
            statement.execute("BACKUP TO '" + partial.toString().replace("'", "''") + "'");
            try (FileChannel written = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                written.force(true);
            }
        } catch (SQLException | IOException e) {
            // On a full volume the half-written copy would hold the space the operator has to free.
            Files.deleteIfExists(partial);
            throw e;
        }
        ownerOnly(partial);
        Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DirectorySync.fsync(store.getParent());
        LOG.infof("Took a copy of the catalog before migrating it (%d bytes in %d ms): %s", Files.size(copy),
                (System.nanoTime() - started) / 1_000_000, copy);
    }

    /** Drops the copy once every migration is recorded. */
    void discard() throws IOException {
        if (Files.deleteIfExists(copy)) {
            DirectorySync.fsync(store.getParent());
        }
    }

    private ZipEntry storeEntry(ZipFile zip) throws IOException {
        return zip.stream().filter(entry -> entry.getName().endsWith(STORE_SUFFIX)).findFirst()
                .orElseThrow(() -> new IOException("The copy " + copy + " holds no catalog store file"));
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new IOException("The catalog is already open in this process; the copy cannot be put back", e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}

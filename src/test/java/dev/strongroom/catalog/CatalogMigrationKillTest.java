package dev.strongroom.catalog;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.hardening.DiskSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 inside a migration of the embedded catalog. A process migrates a catalog that is one migration behind, as
 * an upgraded vault's start does, and is killed inside that migration after its first statement (H2 commits DDL by
 * itself, so the statement stays). The next start must migrate to the end, from the copy taken before the migration,
 * where it would otherwise fail on that statement every time; and the copy must be gone once it has. On a volume
 * without room for the copy the migration is not begun, nothing half-written holds the space, and the start after
 * space was freed migrates.
 */
class CatalogMigrationKillTest {

    private static final int SMALL_VOLUME_MIB = 16;
    /** Room for H2 to open the catalog, not for the copy of it (about 31 KB zipped). */
    private static final long ROOM_LEFT = 12 * 1024;

    @TempDir
    Path work;

    @Test
    void aMigrationKilledHalfWayIsMadeAgainFromTheCatalogAsItWasBefore() throws Exception {
        Path data = work.resolve("data");
        String url = CatalogUrlConfigSource.h2Url(data);
        MigrateUntilKilled.vaultMigrations(url).load().migrate();
        try (Connection catalog = DriverManager.getConnection(url, "strongroom", "");
                Statement statement = catalog.createStatement()) {
            statement.execute("insert into vault_user (username, password_hash, roles, created_at, created_by) "
                    + "values ('kept', 'x', 'analyst', current_timestamp, 'admin')");
        }
        Path copy = data.resolve("catalog").resolve("strongroom.pre-migration.zip");

        Path announce = work.resolve("inside");
        Process start = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), MigrateUntilKilled.class.getName(), url,
                announce.toString()).redirectErrorStream(true).redirectOutput(work.resolve("start.out").toFile())
                .start();
        try {
            await("the start inside the last migration").atMost(Duration.ofSeconds(90))
                    .until(() -> Files.exists(announce) || !start.isAlive());
            assertTrue(start.isAlive(), () -> "the start ended early: " + read(work.resolve("start.out")));
        } finally {
            start.destroyForcibly();
            start.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(Files.exists(copy), "the copy taken before the migration is there after the kill");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));

        FluentConfiguration next = MigrateUntilKilled.withTheLastMigration(url, null);
        next.load().migrate();

        assertArrayEquals(new MigrationInfo[0], next.load().info().pending(), "every migration is applied");
        assertFalse(Files.exists(copy), "the copy is dropped once every migration is recorded");
        assertEquals(1, count(url, "select count(*) from vault_user where username = 'kept'"),
                "a row stored before the upgrade is still there");
        assertEquals(0, count(url, "select count(*) from " + MigrateUntilKilled.TABLE));
    }

    @Test
    void aVolumeTooFullForTheCopyRefusesTheMigrationAndTakesItOnceSpaceIsFreed() throws Exception {
        Path volume = Files.createDirectories(work.resolve("volume"));
        DiskSpace.requireMounted(DiskSpace.mountTmpfs(volume, SMALL_VOLUME_MIB), volume);
        try {
            String url = CatalogUrlConfigSource.h2Url(volume);
            MigrateUntilKilled.vaultMigrations(url).load().migrate();
            Path filler = volume.resolve("filler");
            DiskSpace.fill(filler, Files.getFileStore(volume).getUsableSpace() - ROOM_LEFT);

            FluentConfiguration upgrade = MigrateUntilKilled.withTheLastMigration(url, null);
            RuntimeException refused = assertThrows(RuntimeException.class, () -> upgrade.load().migrate());
            assertTrue(String.valueOf(refused.getMessage()).contains("Cannot take a copy of the catalog"),
                    () -> "the start names the copy it could not take: " + refused);
            try (Stream<Path> left = Files.list(volume.resolve("catalog"))) {
                assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                        .filter(name -> name.contains("pre-migration")).toList(),
                        "no copy, whole or half-written, holds the space");
            }
            assertEquals(1, upgrade.load().info().pending().length, "the migration was not begun");

            Files.delete(filler);
            upgrade.load().migrate();
            assertArrayEquals(new MigrationInfo[0], upgrade.load().info().pending(), "every migration is applied");
            assertEquals(0, count(url, "select count(*) from " + MigrateUntilKilled.TABLE));
        } finally {
            DiskSpace.unmount(volume);
        }
    }

    private static int count(String url, String query) throws SQLException {
        try (Connection catalog = DriverManager.getConnection(url, "strongroom", "");
                Statement statement = catalog.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getInt(1);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}

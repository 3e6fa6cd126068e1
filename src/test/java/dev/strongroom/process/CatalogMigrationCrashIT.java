package dev.strongroom.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.catalog.CatalogUrlConfigSource;
import dev.strongroom.catalog.MigrateUntilKilled;
import dev.strongroom.catalog.PreMigrationCopy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An upgrade killed inside a migration of the embedded catalog. H2 commits each DDL statement by itself and Flyway
 * records a migration after its whole script, so the kill leaves the migration's first statement applied and the
 * migration unrecorded, beside the copy the start took before it. Built here as that kill leaves it, on a catalog
 * at V32 with V33's first statement (it drops the audit action index that V33 then makes again): before the copy,
 * every later start ran V33 again and died on the missing index. The next start must put the catalog back from the
 * copy, migrate to the latest version and be ready, with no copy left behind and no ERROR in its log.
 */
@ExtendWith(VaultProcess.LogTailOnFailure.class)
class CatalogMigrationCrashIT {

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aStartKilledInsideAMigrationIsFollowedByOneThatMigratesFromTheCopy() throws Exception {
        Path work = ScratchDirectory.fresh("migration-crash");
        Path data = work.resolve("data");
        String url = CatalogUrlConfigSource.h2Url(data);
        MigrateUntilKilled.vaultMigrations(url).target("32").load().migrate();
        PreMigrationCopy copy = PreMigrationCopy.forUrl(url).orElseThrow();
        try (Connection catalog = DriverManager.getConnection(url, "strongroom", "");
                Statement statement = catalog.createStatement()) {
            copy.take(catalog);
            statement.execute("drop index audit_event_action_idx");
        }
        Path copyFile = data.resolve("catalog").resolve("strongroom.pre-migration.zip");
        assertTrue(Files.exists(copyFile), "the copy a start takes before migrating");

        Path log = work.resolve("after-the-kill.log");
        try (VaultProcess vault = VaultProcess.start(data, log, List.of(), Map.of())) {
            vault.stop();
        }

        assertArrayEquals(new MigrationInfo[0], MigrateUntilKilled.vaultMigrations(url).load().info().pending(),
                "every migration is applied");
        assertFalse(Files.exists(copyFile), "the copy is dropped once every migration is recorded");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertTrue(lines.stream().anyMatch(line -> line.contains("A start stopped inside a catalog migration")),
                "the log says the catalog was put back");
        assertEquals(List.of(), lines.stream().filter(line -> line.contains(" ERROR ")).toList());
    }
}

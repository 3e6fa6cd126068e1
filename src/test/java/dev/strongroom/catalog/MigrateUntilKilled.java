package dev.strongroom.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Migrates an H2 catalog as the vault's start does (its migrations, with {@link CatalogMigrationGuard}), plus one
 * migration after all of them that makes a table and then, when given a file to announce it in, waits there until
 * the process is killed: a start killed inside a migration, with its first statement applied.
 *
 * <p>{@code MigrateUntilKilled <jdbc-url> <announce-file>}
 */
public final class MigrateUntilKilled {

    static final String TABLE = "made_by_the_killed_migration";

    private MigrateUntilKilled() {
    }

    public static void main(String[] args) throws Exception {
        withTheLastMigration(args[0], Path.of(args[1])).load().migrate();
    }

    /** The vault's own migrations, as its start runs them. */
    public static FluentConfiguration vaultMigrations(String url) {
        FluentConfiguration configuration = Flyway.configure().dataSource(url, "strongroom", "")
                .locations("classpath:db/migration", "classpath:db/vendor/h2");
        new CatalogMigrationGuard(Optional.of(url)).customize(configuration);
        return configuration;
    }

    /** The vault's migrations and one more; with {@code announce}, that one waits there to be killed. */
    static FluentConfiguration withTheLastMigration(String url, Path announce) {
        return vaultMigrations(url).javaMigrations(new V1000__Table_then_wait(announce));
    }

    static final class V1000__Table_then_wait extends BaseJavaMigration {

        private final Path announce;

        V1000__Table_then_wait(Path announce) {
            this.announce = announce;
        }

        @Override
        public void migrate(Context context) throws Exception {
            try (Statement statement = context.getConnection().createStatement()) {
                statement.execute("create table " + TABLE + " (id int)");
            }
            if (announce != null) {
                Files.writeString(announce, "inside the migration");
                new CountDownLatch(1).await();
            }
        }
    }
}

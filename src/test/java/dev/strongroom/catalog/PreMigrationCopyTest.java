package dev.strongroom.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where the copy before a migration lies, for the catalog URLs an operator may set. */
class PreMigrationCopyTest {

    @Test
    void theCopyLiesBesideTheCatalogFileTheUrlNames() {
        assertEquals(Path.of("/volume/catalog/strongroom.pre-migration.zip"),
                PreMigrationCopy.forUrl("jdbc:h2:file:/volume/catalog/strongroom;WRITE_DELAY=0").orElseThrow().copy());
        assertEquals(Path.of(System.getProperty("user.home"), "vault", "catalog.pre-migration.zip"),
                PreMigrationCopy.forUrl("jdbc:h2:file:~/vault/catalog").orElseThrow().copy(),
                "H2 reads ~ as the user's home directory");
    }

    @Test
    void catalogsThatMigrateWholeOrLiveElsewhereGetNoCopy() {
        assertTrue(PreMigrationCopy.forUrl("jdbc:postgresql://127.0.0.1:5432/strongroom").isEmpty());
        assertTrue(PreMigrationCopy.forUrl("jdbc:h2:mem:test").isEmpty());
        assertTrue(PreMigrationCopy.forUrl("jdbc:h2:tcp://db.internal/strongroom").isEmpty());
    }
}

package dev.strongroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core of bench/statements on a small file: both sides load every line of the same statement. */
class StatementsBenchTest {

    @TempDir
    Path tmp;

    @Test
    void theVaultsLoadAndTheBulkLoadPutEveryLineOfTheSameFileIntoTheSameTable() throws Exception {
        Path csv = tmp.resolve("statement.csv");
        Files.write(csv, StatementsBench.statement(2_000));
        StatementsBench.Figures vault = StatementsBench.vault(tmp.resolve("db"), csv);
        StatementsBench.Figures bulk = StatementsBench.bulk(tmp.resolve("db"), csv);
        assertEquals(2_000, vault.rows());
        assertEquals(2_000, bulk.rows());
        assertTrue(vault.validateSeconds() > 0 && vault.loadSeconds() > 0 && bulk.loadSeconds() > 0);
    }
}

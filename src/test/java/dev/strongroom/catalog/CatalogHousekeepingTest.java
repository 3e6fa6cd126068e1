package dev.strongroom.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 catalog's file stays near the size of its rows while the vault runs. Each document commits several times
 * (its row, its metadata, its backup state, with audit index rows), as the vault's catalog does, on an H2 file
 * opened with the catalog's own settings. The same work is done twice, once with a housekeeping pass every 100
 * documents and once without; H2's retention of dead chunks, 45 s in the vault, is shortened for both so that the
 * test sees in seconds what the vault sees over minutes.
 */
class CatalogHousekeepingTest {

    private static final int DOCUMENTS = 3_000;

    @TempDir
    Path work;

    @Test
    void housekeepingKeepsAChurnedCatalogFileFarSmallerAndEveryRowAsWritten() throws Exception {
        Churned without = churn(work.resolve("without"), false);
        Churned with = churn(work.resolve("with"), true);
        System.out.printf("MEASURED H2 file after %d documents: %s without housekeeping, %s with%n", DOCUMENTS,
                without, with);

        // Measured 0.33 to 0.55 of the size without (0.55 on a loaded 2-core CI machine); without passes it is the same.
        assertTrue(with.fileBytes() * 10 < without.fileBytes() * 7,
                "with housekeeping the file is less than 70 % as large: " + with + " against " + without);
        assertEquals(without.rows(), with.rows(), "the same rows are there with housekeeping");
        assertEquals(without.checksum(), with.checksum(), "and hold the same values");
        assertEquals(DOCUMENTS, with.rows());
    }

    @Test
    void aPassOnAStoreWithNothingToMoveChangesNothing() throws Exception {
        try (Connection connection = open(work.resolve("quiet"))) {
            MVStore store = CatalogHousekeeping.store(connection).orElseThrow();
            CatalogHousekeeping.Pass pass = CatalogHousekeeping.tidy(store);
            assertEquals(false, pass.rewrote(), "a new, almost empty store has nothing to rewrite: " + pass);
        }
    }

    @Test
    void anInMemoryDatabaseHasNoStoreToKeep() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:housekeeping", "sa", "")) {
            assertTrue(CatalogHousekeeping.store(connection).isEmpty());
        }
    }

    private record Churned(long fileBytes, long rows, long checksum) {

        @Override
        public String toString() {
            return String.format("%.1f MB for %d rows", fileBytes / 1e6, rows);
        }
    }

    private static Churned churn(Path dir, boolean housekeeping) throws SQLException, java.io.IOException {
        try (Connection connection = open(dir)) {
            MVStore store = CatalogHousekeeping.store(connection).orElseThrow();
            store.setRetentionTime(100);
            try (Statement schema = connection.createStatement()) {
                schema.execute("create table doc(id bigint primary key, name varchar(255), owner varchar(64),"
                        + " size bigint, state varchar(20), meta varchar(8000), text_ varchar(4000))");
                for (String column : new String[] {"name", "owner", "size", "state"}) {
                    schema.execute("create index doc_" + column + " on doc(" + column + ", id)");
                }
                schema.execute("create table event(id bigint primary key, doc bigint, action varchar(40),"
                        + " detail varchar(1000))");
                schema.execute("create index event_doc on event(doc)");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into doc(id, name, owner, size, state) values (?, ?, 'alice', ?, 'PENDING')");
                    PreparedStatement event = connection.prepareStatement("insert into event values (?, ?, ?, ?)");
                    PreparedStatement extracted = connection.prepareStatement(
                            "update doc set meta = ?, text_ = ?, state = 'EXTRACTED' where id = ?");
                    PreparedStatement backedUp = connection.prepareStatement(
                            "update doc set state = 'BACKED_UP' where id = ?")) {
                for (int i = 1; i <= DOCUMENTS; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, "receipt-" + i + ".pdf");
                    insert.setLong(3, 100_000 + i);
                    insert.executeUpdate();
                    record(event, 2L * i, i, "document.upload");
                    connection.commit();
                    extracted.setString(1, ("{\"vendor\":\"Northwind " + i + "\"}").repeat(100));
                    extracted.setString(2, ("taxi to the airport " + i + " ").repeat(60));
                    extracted.setLong(3, i);
                    extracted.executeUpdate();
                    record(event, 2L * i + 1, i, "metadata.extract");
                    connection.commit();
                    backedUp.setLong(1, i);
                    backedUp.executeUpdate();
                    connection.commit();
                    if (housekeeping && i % 100 == 0) {
                        CatalogHousekeeping.tidy(store);
                    }
                }
            }
            try (Statement read = connection.createStatement();
                    ResultSet sum = read.executeQuery("select count(*), sum(length(meta) + length(text_) + size)"
                            + " + (select sum(length(detail)) from event) from doc where state = 'BACKED_UP'")) {
                sum.next();
                Path file = dir.resolve("catalog").resolve("strongroom.mv.db");
                return new Churned(Files.size(file), sum.getLong(1), sum.getLong(2));
            }
        }
    }

    private static void record(PreparedStatement event, long id, long document, String action) throws SQLException {
        event.setLong(1, id);
        event.setLong(2, document);
        event.setString(3, action);
        event.setString(4, ("{\"actor\":\"alice\",\"document\":" + document + "}").repeat(10));
        event.executeUpdate();
    }

    /** An H2 file opened as the vault opens its catalog (CatalogUrlConfigSource). */
    private static Connection open(Path dir) throws SQLException {
        return DriverManager.getConnection(CatalogUrlConfigSource.h2Url(dir), "sa", "");
    }
}

package dev.strongroom.catalog;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running vault gives an H2 catalog's dead space back without a stop, and every row reads back as it was,
 * also after the database is opened again, and after a process killed in the middle of a pass.
 */
class CatalogUpkeepTest {

    private static final int ROWS = 3_000;

    @TempDir
    Path dir;

    @Test
    void aCatalogWrittenOneCommitAtATimeShrinksWhileOpenAndKeepsEveryRow() throws Exception {
        JdbcDataSource dataSource = h2(dir.resolve("catalog"));
        CatalogUpkeep upkeep = new CatalogUpkeep(dataSource, config(Duration.ofSeconds(5)));
        try (Connection held = dataSource.getConnection(); Statement sql = held.createStatement()) {
            // H2 keeps chunks for 45 s before they may be overwritten; a test cannot wait that long.
            sql.execute("SET RETENTION_TIME 0");
            sql.execute("create table doc(id int primary key, state varchar(20), body varchar(4000))");
            sql.execute("create index doc_state on doc(state, id)");
            writeOneCommitAtATime(held);
            long written = fileSize();

            for (int pass = 0; pass < 3; pass++) {
                CatalogUpkeep.Pass done = upkeep.pass().orElseThrow();
                assertEquals(fileSize(), done.after(), "a pass reports the file's size after it");
                // The vault commits between passes; a chunk a pass rewrote is freed after the next commit.
                sql.execute("update doc set state = 'BACKED_UP' where id = 0");
            }

            assertTrue(fileSize() * 4 < written, "file " + fileSize() + " bytes after upkeep, " + written + " before");
            assertRowsAsWritten(held);
        }
        try (Connection reopened = dataSource.getConnection()) {
            assertRowsAsWritten(reopened);
        }
    }

    @Test
    void aProcessKilledInTheMiddleOfAPassLeavesEveryRowReadable() throws Exception {
        for (int passesBeforeKill : new int[] { 0, 1, 3 }) {
            Path catalog = dir.resolve("killed-" + passesBeforeKill);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), UpkeepUntilKilled.class.getName(), catalog.toString())
                    .redirectErrorStream(true).start();
            AtomicInteger passes = new AtomicInteger(-1);
            Thread reader = new Thread(() -> countPasses(child, passes));
            reader.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> passes.get() >= passesBeforeKill || !child.isAlive());
                assertTrue(child.isAlive(), "the child ended by itself after " + passes.get() + " passes");
            } finally {
                child.destroyForcibly().waitFor();
                reader.join();
            }

            try (Connection reopened = h2(catalog).getConnection()) {
                assertRowsAsWritten(reopened);
            }
        }
    }

    @Test
    void aCatalogInMemoryIsLeftAlone() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:upkeep;DB_CLOSE_DELAY=-1");
        try (Connection held = dataSource.getConnection()) {
            assertEquals(Optional.empty(), new CatalogUpkeep(dataSource, config(Duration.ofSeconds(1))).pass());
        }
    }

    /** Writes the rows, prints "written", then runs passes with a commit between them until it is killed. */
    static final class UpkeepUntilKilled {

        public static void main(String[] args) throws Exception {
            JdbcDataSource dataSource = h2(Path.of(args[0]));
            CatalogUpkeep upkeep = new CatalogUpkeep(dataSource, config(Duration.ofSeconds(5)));
            try (Connection held = dataSource.getConnection(); Statement sql = held.createStatement()) {
                sql.execute("SET RETENTION_TIME 0");
                sql.execute("create table doc(id int primary key, state varchar(20), body varchar(4000))");
                sql.execute("create index doc_state on doc(state, id)");
                writeOneCommitAtATime(held);
                System.out.println("written");
                while (true) {
                    upkeep.pass();
                    sql.execute("update doc set state = 'BACKED_UP' where id = 0");
                    System.out.println("pass");
                }
            }
        }
    }

    private static void countPasses(Process child, AtomicInteger passes) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("written") || line.equals("pass")) {
                    passes.incrementAndGet();
                }
            }
        } catch (IOException e) {
            // the child was killed under the read
        }
    }

    private static void writeOneCommitAtATime(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into doc values (?, 'PENDING', ?)");
                PreparedStatement confirm = connection.prepareStatement("update doc set state = 'BACKED_UP' where id = ?")) {
            for (int i = 0; i < ROWS; i++) {
                insert.setInt(1, i);
                insert.setString(2, body(i));
                insert.executeUpdate();
                confirm.setInt(1, i);
                confirm.executeUpdate();
            }
        }
    }

    private static void assertRowsAsWritten(Connection connection) throws SQLException {
        int seen = 0;
        try (Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("select id, state, body from doc order by id")) {
            while (rows.next()) {
                assertEquals(seen, rows.getInt(1));
                assertEquals("BACKED_UP", rows.getString(2));
                assertEquals(body(seen), rows.getString(3));
                seen++;
            }
        }
        assertEquals(ROWS, seen);
    }

    private static String body(int i) {
        return (i + ":").repeat(2_000 / (String.valueOf(i).length() + 1));
    }

    private long fileSize() throws Exception {
        return Files.size(dir.resolve("catalog.mv.db"));
    }

    private static JdbcDataSource h2(Path file) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + file + ";WRITE_DELAY=0");
        return dataSource;
    }

    private static CatalogUpkeepConfig config(Duration passTime) {
        return new CatalogUpkeepConfig() {
            @Override
            public String every() {
                return "60s";
            }

            @Override
            public Duration passTime() {
                return passTime;
            }
        };
    }
}

package dev.strongroom.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.catalog.ConsistentRead;
import dev.strongroom.catalog.Document;
import dev.strongroom.support.SeededRows;
import dev.strongroom.support.Vault;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

/**
 * A run refers to the previous run's catalog export only when no change was marked since (ExportChanges): so every
 * change to a column the export writes must be marked, on H2 and on PostgreSQL, whose triggers are written apart.
 * The columns the export writes are read from the rows it writes ({@link CatalogRows}): a column added to the export
 * but not to the triggers fails here. Each change is made and undone in one transaction of its own on one snapshot,
 * so the marks counted are this test's alone, whatever the shared test vault does meanwhile.
 */
@QuarkusTest
class ExportChangesTest {

    @Inject
    ExportChanges changes;

    /** Exported, and never marked: each run sets it after its manifest, and a restore fills it in from the chain. */
    private static final String SET_AFTER_THE_MANIFEST = "backup_manifest_run";

    @Test
    void everyChangeToADocumentColumnTheExportWritesIsMarkedAndNoOtherIs() {
        Set<String> exported = columnsOf(CatalogRows.DocumentRow.class);
        Map<String, Boolean> marked = inOneSnapshot(c -> {
            Document d = SeededRows.document(1, "export-changes");
            d.persist();
            Document.getEntityManager().flush();
            return eachColumnChanged(c, "document", "id", d.id, Set.of("id"));
        });
        assertTrue(marked.keySet().containsAll(Set.of("search_stamp", "receipt_total", "metadata_text")),
                "the document's own columns were all changed: " + marked.keySet());
        List<String> wrong = new ArrayList<>();
        marked.forEach((column, mark) -> {
            boolean expected = exported.contains(column) && !column.equals(SET_AFTER_THE_MANIFEST);
            if (mark != expected) {
                wrong.add(column + (expected ? " (exported, not marked)" : " (not exported, marked)"));
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyChangeToAUserDisposalTombstoneOrTagTheExportWritesIsMarked() {
        Map<String, Map<String, Boolean>> marked = new LinkedHashMap<>();
        Map<String, Boolean> added = inOneSnapshot(c -> {
            Map<String, Boolean> inserts = new LinkedHashMap<>();
            Document d = SeededRows.document(2, "export-changes");
            d.persist();
            Document.getEntityManager().flush();
            String user = "exp-" + System.nanoTime();
            inserts.put("vault_user", marks(c, () -> update(c, "insert into vault_user (username, password_hash, "
                    + "roles, created_at, created_by, disabled) values (?, 'h', 'analyst', current_timestamp, 'admin', "
                    + "false)", user)));
            inserts.put("document_tag", marks(c, () -> update(c, "insert into document_tag (document_id, tag) values "
                    + "(?, 'q3')", d.id)));
            inserts.put("disposal_request", marks(c, () -> update(c, "insert into disposal_request (id, document_id, "
                    + "requested_by, requested_at, reason) values (?, ?, 'rita', current_timestamp, 'expired')",
                    "req-" + user, d.id)));
            inserts.put("tombstone", marks(c, () -> update(c, "insert into tombstone (document_id, sha256, file_name, "
                    + "owner, size_bytes, requested_by, approved_by, disposed_at, reason, blob_removed) values (?, ?, "
                    + "'old.txt', 'alice', 10, 'rita', 'rex', current_timestamp, 'expired', false)",
                    "gone-" + user, "a".repeat(64))));
            marked.put("vault_user", eachColumnChanged(c, "vault_user", "username", user, Set.of("username")));
            marked.put("document_tag", eachColumnChanged(c, "document_tag", "document_id", d.id,
                    Set.of("document_id")));
            marked.put("disposal_request", eachColumnChanged(c, "disposal_request", "id", "req-" + user,
                    Set.of("id", "document_id")));
            marked.put("tombstone", eachColumnChanged(c, "tombstone", "document_id", "gone-" + user,
                    Set.of("document_id")));
            inserts.put("a removal", marks(c, () -> update(c, "delete from tombstone where document_id = ?",
                    "gone-" + user)));
            return inserts;
        });
        assertEquals(Map.of("vault_user", true, "document_tag", true, "disposal_request", true, "tombstone", true,
                "a removal", true), added);
        Map<String, Set<String>> exported = Map.of("vault_user", columnsOf(CatalogRows.UserRow.class),
                "document_tag", Set.of("tag"), "disposal_request", columnsOf(CatalogRows.DisposalRow.class),
                "tombstone", columnsOf(CatalogRows.TombstoneRow.class));
        List<String> unmarked = new ArrayList<>();
        marked.forEach((table, columns) -> columns.forEach((column, mark) -> {
            if (exported.get(table).contains(column) && !mark) {
                unmarked.add(table + "." + column);
            }
        }));
        assertEquals(List.of(), unmarked, "exported, not marked");
        assertTrue(marked.get("vault_user").containsKey("disabled"), "a user's columns were all changed");
    }

    /** Where no run clears them (backups not configured), the marks so far are replaced by one, which says as much. */
    @Test
    void collapsingTheMarksLeavesOneAfterAllTheOthers() {
        Vault.user("exp-a-" + System.nanoTime(), "analyst");
        Vault.user("exp-b-" + System.nanoTime(), "analyst");
        long newestBefore = QuarkusTransaction.requiringNew().call(() -> ((Number) Document.getEntityManager()
                .createNativeQuery("select max(id) from catalog_change").getSingleResult()).longValue());

        changes.collapse();

        List<Long> left = QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager()
                .createNativeQuery("select id from catalog_change order by id", Long.class).getResultList().stream()
                .map(o -> ((Number) o).longValue()).toList());
        assertTrue(!left.isEmpty() && left.get(0) > newestBefore, "only marks made by or after the collapse: " + left);
    }

    /** Column name for each field of an export row, as the catalog names its columns. */
    private static Set<String> columnsOf(Class<? extends Record> row) {
        return Arrays.stream(row.getRecordComponents())
                .map(c -> c.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    private interface InConnection<T> {
        T run(Connection c) throws SQLException;
    }

    private interface Statement {
        void run() throws SQLException;
    }

    /** Runs {@code work} on one snapshot of the catalog and rolls everything back. */
    private static <T> T inOneSnapshot(InConnection<T> work) {
        List<T> result = new ArrayList<>();
        QuarkusTransaction.begin();
        try {
            ConsistentRead.fromHere();
            Document.getEntityManager().unwrap(Session.class).doWork(c -> result.add(work.run(c)));
        } finally {
            QuarkusTransaction.rollback();
        }
        return result.get(0);
    }

    /** For each column of one row but its keys: whether setting it to another value was marked. */
    private static Map<String, Boolean> eachColumnChanged(Connection c, String table, String key, String id,
            Set<String> keys) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        Map<String, Integer> types = new LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement("select * from " + table + " where " + key + " = ?")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), table + " " + id);
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String column = meta.getColumnName(i).toLowerCase(Locale.ROOT);
                    row.put(column, rs.getObject(i));
                    types.put(column, meta.getColumnType(i));
                }
            }
        }
        Map<String, Boolean> marked = new LinkedHashMap<>();
        for (Map.Entry<String, Object> column : row.entrySet()) {
            if (keys.contains(column.getKey())) {
                continue;
            }
            Object other = otherThan(column.getKey(), column.getValue(), types.get(column.getKey()));
            marked.put(column.getKey(), marks(c, () -> update(c, "update " + table + " set " + column.getKey()
                    + " = ? where " + key + " = ?", other, id)));
        }
        return marked;
    }

    /** A value of the column's type that differs from {@code value}, and that the catalog's entities can read. */
    private static Object otherThan(String column, Object value, int sqlType) {
        if (column.endsWith("_state")) {
            return "BACKED_UP".equals(value) || "DONE".equals(value) ? "PENDING"
                    : column.startsWith("backup") ? "BACKED_UP" : "DONE";
        }
        if (value == null) {
            return switch (sqlType) {
                case java.sql.Types.DATE -> LocalDate.of(2026, 1, 2);
                case java.sql.Types.DECIMAL, java.sql.Types.NUMERIC -> BigDecimal.ONE;
                case java.sql.Types.TIMESTAMP_WITH_TIMEZONE, java.sql.Types.TIMESTAMP -> OffsetDateTime.now(
                        ZoneOffset.UTC);
                case java.sql.Types.BOOLEAN, java.sql.Types.BIT -> true;
                case java.sql.Types.BIGINT, java.sql.Types.INTEGER -> 1L;
                default -> "x";
            };
        }
        if (value instanceof String s) {
            return s.isEmpty() ? "x" : s.substring(0, s.length() - 1) + (s.endsWith("x") ? "y" : "x");
        }
        if (value instanceof Boolean b) {
            return !b;
        }
        if (value instanceof Long l) {
            return l + 1;
        }
        if (value instanceof Integer i) {
            return i + 1;
        }
        if (value instanceof BigDecimal d) {
            return d.add(BigDecimal.ONE);
        }
        if (value instanceof OffsetDateTime t) {
            return t.plusSeconds(1);
        }
        if (value instanceof Timestamp t) {
            return Timestamp.from(t.toInstant().plusSeconds(1));
        }
        if (value instanceof LocalDate day) {
            return day.plusDays(1);
        }
        if (value instanceof java.sql.Date day) {
            return java.sql.Date.valueOf(day.toLocalDate().plusDays(1));
        }
        throw new IllegalStateException(column + " holds a " + value.getClass());
    }

    private static boolean marks(Connection c, Statement change) throws SQLException {
        long before = count(c);
        change.run();
        return count(c) > before;
    }

    private static long count(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select count(*) from catalog_change");
                ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            assertEquals(1, s.executeUpdate(), sql);
        }
    }
}

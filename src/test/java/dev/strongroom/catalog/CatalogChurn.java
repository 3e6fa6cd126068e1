package dev.strongroom.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deterministic stream of catalog changes, numbered from 1, shaped like a document's life in the vault: its row
 * and upload event, then its extracted metadata and text with a second event, then either its backup state or
 * (every third document) its disposal. Operation n always does the same thing, so the rows a store must hold after
 * the first n operations can be computed without it.
 */
final class CatalogChurn {

    private static final int STEPS_PER_DOCUMENT = 3;

    private CatalogChurn() {
    }

    static void createIfAbsent(Connection connection) throws SQLException {
        try (Statement schema = connection.createStatement()) {
            schema.execute("create table if not exists doc(id bigint primary key, name varchar(255),"
                    + " size bigint, state varchar(20), meta varchar(8000), text_ varchar(8000))");
            schema.execute("create index if not exists doc_state on doc(state, id)");
            schema.execute("create index if not exists doc_size on doc(size, id)");
            schema.execute("create table if not exists event(id bigint primary key, doc bigint,"
                    + " action varchar(40), detail varchar(1000))");
            schema.execute("create index if not exists event_doc on event(doc)");
        }
    }

    /** Makes operation {@code op}'s change on the connection's open transaction. */
    static void apply(Connection connection, long op) throws SQLException {
        long doc = documentOf(op);
        switch (stepOf(op)) {
            case 0 -> {
                update(connection, "insert into doc(id, name, size, state) values (?, ?, ?, 'PENDING')", doc,
                        "receipt-" + doc + ".pdf", 100_000 + doc);
                event(connection, 2 * doc, doc, "document.upload");
            }
            case 1 -> {
                update(connection, "update doc set meta = ?, text_ = ?, state = 'EXTRACTED' where id = ?", meta(doc),
                        text(doc), doc);
                event(connection, 2 * doc + 1, doc, "metadata.extract");
            }
            default -> update(connection, disposed(doc) ? "delete from doc where id = ?"
                    : "update doc set state = 'BACKED_UP' where id = ?", doc);
        }
    }

    /** Each document's row as it must read after the first {@code ops} operations, by id. */
    static Map<Long, String> expectedRows(long ops) {
        Map<Long, String> rows = new TreeMap<>();
        for (long doc = 1; doc <= documentOf(ops); doc++) {
            long lastStep = Math.min(STEPS_PER_DOCUMENT - 1, ops - firstOp(doc));
            if (lastStep == 2 && disposed(doc)) {
                continue;
            }
            String state = lastStep == 0 ? "PENDING" : lastStep == 1 ? "EXTRACTED" : "BACKED_UP";
            rows.put(doc, row(doc, state, lastStep == 0 ? null : meta(doc), lastStep == 0 ? null : text(doc)));
        }
        return rows;
    }

    /** The events the first {@code ops} operations recorded. */
    static long expectedEvents(long ops) {
        long events = 0;
        for (long doc = 1; doc <= documentOf(ops); doc++) {
            events += Math.min(2, ops - firstOp(doc) + 1);
        }
        return events;
    }

    /** What the store holds, read through its primary key, in the form of {@link #expectedRows}. */
    static Map<Long, String> rows(Connection connection) throws SQLException {
        Map<Long, String> rows = new TreeMap<>();
        try (Statement read = connection.createStatement();
                ResultSet r = read.executeQuery("select id, name, size, state, meta, text_ from doc order by id")) {
            while (r.next()) {
                long doc = r.getLong(1);
                boolean whole = r.getString(2).equals("receipt-" + doc + ".pdf") && r.getLong(3) == 100_000 + doc;
                rows.put(doc, whole ? row(doc, r.getString(4), r.getString(5), r.getString(6)) : "damaged " + doc);
            }
        }
        return rows;
    }

    static long documentOf(long op) {
        return (op - 1) / STEPS_PER_DOCUMENT + 1;
    }

    private static int stepOf(long op) {
        return (int) ((op - 1) % STEPS_PER_DOCUMENT);
    }

    private static long firstOp(long doc) {
        return (doc - 1) * STEPS_PER_DOCUMENT + 1;
    }

    private static boolean disposed(long doc) {
        return doc % 3 == 0;
    }

    private static String row(long doc, String state, String meta, String text) {
        return doc + " " + state + " " + (meta == null ? "-" : meta.hashCode() + "/" + meta.length()) + " "
                + (text == null ? "-" : text.hashCode() + "/" + text.length());
    }

    private static String meta(long doc) {
        return ("{\"vendor\":\"Northwind " + doc + "\",\"total\":\"" + doc % 997 + ".50\"}").repeat(40);
    }

    private static String text(long doc) {
        return ("taxi to the airport, receipt " + doc + ". ").repeat(60);
    }

    private static void event(Connection connection, long id, long doc, String action) throws SQLException {
        update(connection, "insert into event values (?, ?, ?, ?)", id, doc, action,
                ("{\"actor\":\"alice\",\"document\":" + doc + "}").repeat(10));
    }

    private static void update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            if (statement.executeUpdate() != 1) {
                throw new SQLException("operation changed no row: " + sql + " " + Arrays.toString(values));
            }
        }
    }
}

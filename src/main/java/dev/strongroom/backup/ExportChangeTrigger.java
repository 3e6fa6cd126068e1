package dev.strongroom.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.h2.api.Trigger;

/**
 * H2's trigger for {@link ExportChanges}: marks a change to a row the catalog export reads, in the change's own
 * transaction (db/vendor/h2/V35). Of a document row only the columns the export reads count, the ones PostgreSQL's
 * trigger names too; of the other tables every column does.
 */
public class ExportChangeTrigger implements Trigger {

    /** Of a document row, the columns the export reads: the others are search, receipt and manifest bookkeeping. */
    private static final Set<String> DOCUMENT_COLUMNS = Set.of("ID", "OWNER", "FILE_NAME", "ORIGINAL_FILE_NAME",
            "CONTENT_TYPE", "SIZE_BYTES", "SHA256", "RETENTION_CLASS", "RETAIN_UNTIL", "LEGAL_HOLD", "DESCRIPTION",
            "UPLOADED_AT", "BACKUP_STATE", "BACKUP_VERSION_ID", "BACKED_UP_AT", "METADATA_STATE", "METADATA_JSON");
    private static final Map<String, Set<String>> SOME_COLUMNS = Map.of("DOCUMENT", DOCUMENT_COLUMNS);

    private String table;
    /** The positions in a row of the columns that count; null: all of them. */
    private int[] watched;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
            int type) throws SQLException {
        table = tableName.toLowerCase(Locale.ROOT);
        Set<String> columns = SOME_COLUMNS.get(tableName.toUpperCase(Locale.ROOT));
        if (columns == null) {
            return;
        }
        List<Integer> positions = new ArrayList<>();
        try (PreparedStatement q = conn.prepareStatement("select column_name, ordinal_position from "
                + "information_schema.columns where table_schema = ? and table_name = ?")) {
            q.setString(1, schemaName);
            q.setString(2, tableName);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    if (columns.contains(rows.getString(1).toUpperCase(Locale.ROOT))) {
                        positions.add(rows.getInt(2) - 1);
                    }
                }
            }
        }
        if (positions.size() != columns.size()) {
            throw new SQLException("table " + tableName + " lacks a column the catalog export reads: it has "
                    + positions.size() + " of " + columns);
        }
        watched = positions.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (oldRow != null && newRow != null && !changed(oldRow, newRow)) {
            return;
        }
        try (PreparedStatement mark = conn.prepareStatement("insert into catalog_change (table_name) values (?)")) {
            mark.setString(1, table);
            mark.executeUpdate();
        }
    }

    private boolean changed(Object[] oldRow, Object[] newRow) {
        if (watched == null) {
            return !Arrays.deepEquals(oldRow, newRow);
        }
        for (int i : watched) {
            if (!Objects.deepEquals(oldRow[i], newRow[i])) {
                return true;
            }
        }
        return false;
    }
}

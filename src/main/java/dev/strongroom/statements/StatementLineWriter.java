package dev.strongroom.statements;

import dev.strongroom.metadata.statement.StatementRow;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;

/**
 * Inserts a valid statement's lines with JDBC batches: a statement of 100,000 lines is one transaction of
 * a hundred round trips, not a hundred thousand entity flushes. Plain JDBC on the caller's connection (and
 * so in its transaction), which bench/statements measures against the database's own bulk load.
 */
public final class StatementLineWriter {

    static final String INSERT = "insert into statement_line (id, document_id, line_no, account, booked_on, merchant, "
            + "amount, currency, balance, reference, match_state, match_score) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final int BATCH = 1000;

    private StatementLineWriter() {
    }

    /** Writes the lines of one statement, every one {@link MatchState#UNMATCHED}; returns how many. */
    public static int write(Connection connection, String documentId, String account, List<StatementRow> rows)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int pending = 0;
            for (StatementRow row : rows) {
                insert.setString(1, StatementLine.idOf(documentId, row.line()));
                insert.setString(2, documentId);
                insert.setInt(3, row.line());
                insert.setString(4, account);
                insert.setObject(5, LocalDate.parse(row.date()));
                insert.setString(6, row.merchant());
                insert.setBigDecimal(7, new BigDecimal(row.amount()));
                insert.setString(8, row.currency());
                if (row.balance() == null) {
                    insert.setNull(9, Types.DECIMAL);
                } else {
                    insert.setBigDecimal(9, new BigDecimal(row.balance()));
                }
                insert.setString(10, row.reference());
                insert.setString(11, MatchState.UNMATCHED.name());
                insert.setNull(12, Types.INTEGER);
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
        return rows.size();
    }
}

package dev.strongroom.statements;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.metadata.statement.RowError;
import dev.strongroom.metadata.statement.StatementSidecar;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Takes a statement's validation into the catalog, once: an invalid file's row errors (nothing of it is
 * loaded), a duplicate's reason (the account's period is already covered), or a valid file's lines. All in
 * one transaction, conditional on the statement still being RECEIVED, so the vault's own lane and the
 * Lambda's sidecar never both load it. What is loaded follows from the document's bytes alone, so it needs
 * no journal entry of its own to be rebuilt; it is audited all the same.
 */
@ApplicationScoped
public class StatementLoader {

    private static final Logger LOG = Logger.getLogger(StatementLoader.class);

    private final AgroalDataSource dataSource;
    private final Auditor auditor;

    public StatementLoader(AgroalDataSource dataSource, Auditor auditor) {
        this.dataSource = dataSource;
        this.auditor = auditor;
    }

    /** Applies the sidecar; returns the state it left, or null when the statement was no longer RECEIVED. */
    public StatementState load(String documentId, StatementSidecar sidecar, Lane lane) {
        long started = System.nanoTime();
        Statement done = QuarkusTransaction.requiringNew().call(() -> {
            Statement s = Statement.findById(documentId, LockModeType.PESSIMISTIC_WRITE);
            if (s == null || s.state != StatementState.RECEIVED) {
                return null;
            }
            s.lane = lane;
            s.format = sidecar.format().json();
            s.account = sidecar.account();
            s.periodFrom = sidecar.periodFrom() == null ? null : LocalDate.parse(sidecar.periodFrom());
            s.periodTo = sidecar.periodTo() == null ? null : LocalDate.parse(sidecar.periodTo());
            s.currencies = String.join(",", sidecar.currencies());
            s.openingBalance = decimal(sidecar.openingBalance());
            s.closingBalance = decimal(sidecar.closingBalance());
            s.lineCount = sidecar.lineCount();
            s.errorCount = sidecar.errorCount();
            s.validatedAt = Instant.parse(sidecar.validatedAt());
            if (!sidecar.valid()) {
                s.state = StatementState.INVALID;
                s.reason = sidecar.errorCount() + (sidecar.errorCount() == 1 ? " row refused" : " rows refused")
                        + "; nothing of the file was loaded";
                int seq = 0;
                for (RowError error : sidecar.errors()) {
                    StatementError row = new StatementError();
                    row.id = documentId + "/" + seq;
                    row.documentId = documentId;
                    row.seq = seq++;
                    row.lineNo = error.line();
                    row.columnName = error.column();
                    row.reason = error.reason().length() > 1000 ? error.reason().substring(0, 1000) : error.reason();
                    row.persist();
                }
                return s;
            }
            Statement covering = Statement.<Statement>find("account = ?1 and documentId <> ?2 and state in ?3 "
                    + "and periodFrom <= ?4 and periodTo >= ?5 order by uploadedAt", sidecar.account(), documentId,
                    java.util.List.of(StatementState.LOADED, StatementState.RECONCILED), s.periodTo, s.periodFrom)
                    .firstResult();
            if (covering != null) {
                s.state = StatementState.DUPLICATE;
                s.duplicateOf = covering.documentId;
                s.reason = "account " + sidecar.account() + " from " + covering.periodFrom + " to " + covering.periodTo
                        + " is already loaded from statement " + covering.documentId + " (" + covering.fileName
                        + "); this one, " + s.periodFrom + " to " + s.periodTo + ", overlaps it and was not loaded";
                return s;
            }
            try (Connection connection = dataSource.getConnection()) {
                StatementLineWriter.write(connection, documentId, sidecar.account(), sidecar.lines());
            } catch (SQLException e) {
                throw new IllegalStateException("could not load the lines of statement " + documentId + ": "
                        + e.getMessage(), e);
            }
            s.state = StatementState.LOADED;
            s.reason = null;
            return s;
        });
        if (done == null) {
            return null;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("sha256", sidecar.sha256());
        detail.put("lane", lane.json());
        detail.put("status", sidecar.status().json());
        detail.put("lines", sidecar.lineCount());
        detail.put("errors", sidecar.errorCount());
        detail.put("account", sidecar.account());
        detail.put("periodFrom", sidecar.periodFrom());
        detail.put("periodTo", sidecar.periodTo());
        detail.put("millis", millis);
        switch (done.state) {
            case INVALID -> {
                RowError first = sidecar.errors().isEmpty() ? null : sidecar.errors().get(0);
                if (first != null) {
                    detail.put("firstError", "line " + first.line() + (first.column() == null ? "" : ", " + first.column())
                            + ": " + first.reason());
                }
                auditor.record(StatementAction.VALIDATE, resource(documentId), Outcome.FAILURE, detail);
            }
            case DUPLICATE -> {
                detail.put("duplicateOf", done.duplicateOf);
                detail.put("reason", done.reason);
                auditor.record(StatementAction.LOAD, resource(documentId), Outcome.REJECTED, detail);
            }
            default -> auditor.record(StatementAction.LOAD, resource(documentId), Outcome.SUCCESS, detail);
        }
        LOG.infof("Statement %s (%s, %s lane): %s, %d lines, %d errors, in %d ms", documentId, done.fileName, lane.json(),
                done.state, sidecar.lineCount(), sidecar.errorCount(), millis);
        return done.state;
    }

    static String resource(String documentId) {
        return "statement/" + documentId;
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}

package dev.strongroom.statements;

import dev.strongroom.audit.AuditAction;

/** The audit actions of statements (docs/statements.md lists them). */
public enum StatementAction implements AuditAction {
    VALIDATE("statement.validate"),
    LOAD("statement.load"),
    MATCH("statement.match"),
    REMATCH("statement.rematch"),
    MATCH_INTENT("statement.match.intent"),
    MATCH_CONFIRM("statement.match.confirm"),
    MATCH_CLEAR("statement.match.clear"),
    REPORT("statement.report"),
    NOTIFY("statement.notify"),
    SEARCH("statement.search"),
    VIEW("statement.view"),
    LINES("statement.lines"),
    LINE_VIEW("statement.line.view"),
    REPORT_DOWNLOAD("statement.report.download");

    private final String action;

    StatementAction(String action) {
        this.action = action;
    }

    @Override
    public String action() {
        return action;
    }
}

package dev.strongroom.compliance;

import dev.strongroom.audit.AuditAction;

/** The audit actions of compliance reports and restore drills. */
public enum ComplianceAction implements AuditAction {

    PAGE("compliance.page"),
    REPORT("compliance.report"),
    REPORT_START("compliance.report.start"),
    REPORT_LIST("compliance.report.list"),
    REPORT_VIEW("compliance.report.view"),
    REPORT_DOWNLOAD("compliance.report.download"),
    DRILL("compliance.drill"),
    DRILL_START("compliance.drill.start"),
    DRILL_LIST("compliance.drill.list"),
    DRILL_VIEW("compliance.drill.view"),
    DRILL_ITEMS("compliance.drill.items");

    private final String action;

    ComplianceAction(String action) {
        this.action = action;
    }

    @Override
    public String action() {
        return action;
    }
}

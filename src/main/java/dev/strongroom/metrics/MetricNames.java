package dev.strongroom.metrics;

import java.util.List;

/** The metric names in the Strongroom namespace; deploy/cloudwatch.yaml alarms on them by these names. */
public final class MetricNames {

    public static final String BACKUP_LAG_SECONDS = "BackupLagSeconds";
    public static final String BACKUP_FAILURES = "BackupFailures";
    public static final String DOCUMENTS_PENDING_BACKUP = "DocumentsPendingBackup";
    public static final String AUDIT_SHIP_LAG_SECONDS = "AuditShipLagSeconds";
    public static final String FREE_DISK_PERCENT = "FreeDiskPercent";
    public static final String LOGIN_FAILURES = "LoginFailures";
    public static final String INTEGRITY_FAILURES = "IntegrityFailures";

    public static final List<String> ALL = List.of(BACKUP_LAG_SECONDS, BACKUP_FAILURES, DOCUMENTS_PENDING_BACKUP,
            AUDIT_SHIP_LAG_SECONDS, FREE_DISK_PERCENT, LOGIN_FAILURES, INTEGRITY_FAILURES);

    private MetricNames() {
    }
}

package dev.strongroom.compliance;

import dev.strongroom.VaultConfig;
import dev.strongroom.http.ProblemType;
import dev.strongroom.jobs.EntityJobStore;
import dev.strongroom.jobs.JobKind;
import dev.strongroom.jobs.WorkFolders;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** Compliance reports in the {@link ReportRecord} table, and the work folder of the one being made. */
@Singleton
public class ReportRecords extends EntityJobStore {

    static final JobKind KIND = new JobKind("compliance-report", "Compliance report", "being made",
            ProblemType.REPORT_RUNNING,
            "reportId", JobKind.OnStop.INTERRUPT, JobKind.Recovery.LATE, JobKind.Scope.VAULT);

    private final Path workRoot;

    ReportRecords(VaultConfig vault) {
        super(KIND, "ReportRecord", "interrupted: the vault stopped while the report was made");
        this.workRoot = vault.dataDir().resolve("compliance-work");
    }

    /** Where a report's files are made before they are written to their folder. */
    Path workRoot() {
        return workRoot;
    }

    @Override
    public void clearLeftovers(int interrupted) {
        WorkFolders.deleteQuietly(workRoot);
    }
}

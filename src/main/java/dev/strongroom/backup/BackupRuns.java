package dev.strongroom.backup;

import dev.strongroom.VaultConfig;
import dev.strongroom.http.ProblemType;
import dev.strongroom.jobs.EntityJobStore;
import dev.strongroom.jobs.JobKind;
import dev.strongroom.jobs.WorkFolders;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** Backup runs in the {@link BackupRun} table, and the work folder of the run in progress. */
@Singleton
public class BackupRuns extends EntityJobStore {

    /**
     * Marked early at start (with the first services) and let finish at a stop: a run writes the
     * catalog throughout, and the stop tells it to end by failing its reads instead.
     */
    static final JobKind KIND = new JobKind("backup-run", "Backup run", "running", ProblemType.BACKUP_RUNNING, "runId",
            JobKind.OnStop.LET_FINISH, JobKind.Recovery.EARLY);

    private final Path workRoot;

    BackupRuns(VaultConfig vault) {
        super(KIND, "BackupRun", BackupService.INTERRUPTED
                + " (it counts the documents it confirmed); the next run resumes");
        // Not under tmp/, which the store empties at start expecting only files.
        this.workRoot = vault.dataDir().resolve("backup-work");
    }

    /** Where a run puts the files it writes before they go to the bucket. */
    Path workRoot() {
        return workRoot;
    }

    @Override
    public void clearLeftovers(int interrupted) {
        WorkFolders.deleteQuietly(workRoot);
    }
}

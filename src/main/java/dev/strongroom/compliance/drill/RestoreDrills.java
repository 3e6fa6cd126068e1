package dev.strongroom.compliance.drill;

import dev.strongroom.VaultConfig;
import dev.strongroom.compliance.ComplianceConfig;
import dev.strongroom.http.ProblemType;
import dev.strongroom.jobs.EntityJobStore;
import dev.strongroom.jobs.JobKind;
import dev.strongroom.jobs.WorkFolders;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** Restore drills in the {@link RestoreDrill} table, and the scratch folder they restore into. */
@Singleton
public class RestoreDrills extends EntityJobStore {

    private static final Logger LOG = Logger.getLogger(RestoreDrills.class);

    static final JobKind KIND = new JobKind("restore-drill", "Restore drill", "running", ProblemType.DRILL_RUNNING, "drillId",
            JobKind.OnStop.INTERRUPT, JobKind.Recovery.LATE, JobKind.Scope.VAULT);
    static final String ID_PREFIX = "drill-";

    private final Path scratchRoot;

    RestoreDrills(ComplianceConfig config, VaultConfig vault) {
        super(KIND, "RestoreDrill", "interrupted: the vault stopped during the drill", DrillState::of);
        this.scratchRoot = config.drill().scratchDir().orElse(vault.dataDir().resolve("drill-scratch"));
    }

    /** Where a drill restores documents to, each drill in its own folder. */
    Path scratchRoot() {
        return scratchRoot;
    }

    /** Only the drills' own folders: the scratch folder may be a shared place such as /tmp. */
    @Override
    public void clearLeftovers(int interrupted) {
        if (Files.isDirectory(scratchRoot)) {
            try (Stream<Path> left = Files.list(scratchRoot)) {
                left.filter(p -> p.getFileName().toString().startsWith(ID_PREFIX))
                        .forEach(WorkFolders::deleteQuietly);
            } catch (IOException e) {
                LOG.warnf("Could not look for leftover drill folders in %s: %s", scratchRoot, e.getMessage());
            }
        }
    }
}

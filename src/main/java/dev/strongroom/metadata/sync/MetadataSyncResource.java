package dev.strongroom.metadata.sync;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.metadata.MetadataAction;
import dev.strongroom.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import software.amazon.awssdk.core.exception.SdkException;

/** Runs the metadata sync now, for ops who do not want to wait for the schedule. */
@Path("/api/metadata/sync")
@Tag(name = "Metadata")
@Produces(MediaType.APPLICATION_JSON)
public class MetadataSyncResource {

    private final MetadataSync sync;
    private final Auditor auditor;

    public MetadataSyncResource(MetadataSync sync, Auditor auditor) {
        this.sync = sync;
        this.auditor = auditor;
    }

    @POST
    @RolesAllowed(Roles.OPS)
    @Operation(summary = "Pull the metadata Lambda's sidecars from S3 now",
            description = "Reads the sidecar of every PENDING document from metadata/documents/<id>.json, takes it "
                    + "into the catalog when its sha256 matches, and hands deferred documents to the heavy lane.")
    @APIResponse(responseCode = "200", description = "What the sync did: checked, applied, deferred, missing, findings")
    @APIResponse(responseCode = "503", description = "No bucket configured, the sync is off, or S3 is unreachable")
    public SyncReport run() {
        if (!sync.configured()) {
            auditor.record(MetadataAction.SYNC, "metadata/sync", Outcome.REJECTED, Map.of("reason", "not configured"));
            throw new ProblemException(503, ProblemType.METADATA_SYNC_NOT_CONFIGURED, "Metadata sync not configured",
                    "The metadata sync needs strongroom.backup.bucket and strongroom.metadata.sync.enabled=true");
        }
        SyncReport report;
        try {
            report = sync.run();
        } catch (SdkException e) {
            auditor.record(MetadataAction.SYNC, "metadata/sync", Outcome.FAILURE, Map.of("reason", "S3 unreachable"));
            throw new ProblemException(503, ProblemType.BUCKET_UNAVAILABLE, "S3 unavailable",
                    "The metadata sync could not read the bucket: " + e.getMessage());
        }
        auditor.record(MetadataAction.SYNC, "metadata/sync", Outcome.SUCCESS, Map.of("checked", report.checked(),
                "applied", report.applied(), "deferred", report.deferred(), "refused", report.findings().size()));
        return report;
    }
}

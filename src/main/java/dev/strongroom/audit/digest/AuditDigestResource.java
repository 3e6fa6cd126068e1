package dev.strongroom.audit.digest;

import dev.strongroom.audit.AuditLogAction;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Signed audit digests: the newest one, and one written now. */
@Path("/api/audit/digests")
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.AUDITOR, Roles.OPS })
public class AuditDigestResource {

    private final DigestWriter writer;
    private final Auditor auditor;

    public AuditDigestResource(DigestWriter writer, Auditor auditor) {
        this.writer = writer;
        this.auditor = auditor;
    }

    /** What a written digest covers. */
    public record WrittenDigest(String key, String versionId, String reason, long firstSeq, long lastSeq,
            String chainHeadHash, int segments) {
    }

    @POST
    @Operation(summary = "Write a signed audit digest now",
            description = "Covers every durable event since the previous digest (hourly digests and one at shutdown "
                    + "are written anyway). Useful before an export is handed over: the export can then be checked "
                    + "against digests up to its own time. Stored under audit-digests/ in the Object-Locked bucket.")
    @APIResponse(responseCode = "201", description = "Written; Location is the digest's S3 URI")
    @APIResponse(responseCode = "503", description = "No backup bucket is configured, or the bucket is unavailable")
    public Response write() {
        DigestWriter.Written written;
        try {
            written = writer.writeNow("on-demand", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        } catch (DigestWriter.DigestNotWritten e) {
            throw new ProblemException(503, ProblemType.DIGEST_NOT_WRITTEN, "Digest not written",
                    "The audit digest could not be written: " + e.getMessage());
        }
        AuditDigest d = written.digest();
        return Response.status(201).header("Location", "s3://" + written.bucket() + "/" + written.key())
                .entity(new WrittenDigest(written.key(), written.versionId(), d.reason(), d.firstSeq(), d.lastSeq(),
                        d.chainHead().hash(), d.segments().size())).build();
    }

    @GET
    @Path("latest")
    @Operation(summary = "The newest audit digest written: its key, SHA-256, signature and the events it covers up to")
    @APIResponse(responseCode = "200", description = "The newest digest")
    @APIResponse(responseCode = "404", description = "No digest has been written yet")
    public LastDigest latest() {
        LastDigest last = writer.last().orElseThrow(() -> ProblemException.notFound("No audit digest has been written yet"
                + (writer.configured() ? "" : " (no backup bucket is configured)")));
        auditor.record(AuditLogAction.DIGEST_VIEW, last.key(), Outcome.SUCCESS, Map.of("lastSeq", last.lastSeq()));
        return last;
    }
}

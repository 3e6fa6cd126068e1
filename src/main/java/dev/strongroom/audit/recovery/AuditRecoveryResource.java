package dev.strongroom.audit.recovery;

import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.QueryParams;
import dev.strongroom.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recovering a read-only audit journal (docs/audit-recovery.md). */
@Path("/api/audit/recovery")
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditRecoveryResource {

    private final JournalRecovery recovery;
    private final SecurityIdentity identity;

    public AuditRecoveryResource(JournalRecovery recovery, SecurityIdentity identity) {
        this.recovery = recovery;
        this.identity = identity;
    }

    /** Why a gap is sealed: said in the gap event, signed. */
    public record GapRequest(@NotNull(message = "is required") @Size(min = 10, max = 2000,
            message = "must be 10 to 2000 characters: say what was lost and why it cannot be restored") String reason) {
    }

    @GET
    @RolesAllowed({ Roles.OPS, Roles.ADMIN, Roles.AUDITOR })
    @Operation(summary = "Whether the audit journal is writable, and if not why: findings, missing range, anchors, held events")
    @APIResponse(responseCode = "200", description = "The status")
    public RecoveryStatus status() {
        return recovery.status();
    }

    @POST
    @Path("recheck")
    @RolesAllowed({ Roles.OPS, Roles.ADMIN })
    @Operation(summary = "Read the journal files again and compare them with every anchor",
            description = "After an operator put a lost segment back (from S3 with the AWS CLI, say): the journal "
                    + "turns writable again when it verifies against every anchor, and the events held meanwhile join "
                    + "the chain.")
    @APIResponse(responseCode = "200", description = "The status after the re-check")
    public RecoveryStatus recheck() {
        return recovery.recheck(identity.getPrincipal().getName());
    }

    @POST
    @Path("restore-tail")
    @RolesAllowed({ Roles.OPS, Roles.ADMIN })
    @Operation(summary = "Restore the events the journal lost from the index, the S3 backup or CloudWatch",
            description = "Appends, byte for byte, the copies that continue the chain from the journal's head and "
                    + "are the events the anchors hold, then re-checks. source=index|s3|cloudwatch.")
    @APIResponse(responseCode = "200", description = "Restored; the status after the re-check")
    @APIResponse(responseCode = "400", description = "An unknown source")
    @APIResponse(responseCode = "409", description = "The source holds nothing that continues the chain, or its copy "
            + "disagrees with an anchor")
    @APIResponse(responseCode = "503", description = "The source cannot be read")
    public RecoveryStatus restoreTail(@QueryParam("source") String source) {
        if (source == null || source.isBlank()) {
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER, "Query parameter 'source' is required: index, s3 "
                    + "or cloudwatch");
        }
        String parsed = QueryParams.oneOf("source", source.toLowerCase(Locale.ROOT), Stream.of(TailSource.values())
                .map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
        return recovery.restoreTail(TailSource.valueOf(parsed.toUpperCase(Locale.ROOT)),
                identity.getPrincipal().getName());
    }

    @POST
    @Path("gaps")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.AUDITOR })
    @Operation(summary = "Propose to seal the events the journal lost for good",
            description = "First of two steps: an admin or an auditor names the loss (the range the anchors hold and "
                    + "the journal lacks) and why it cannot be restored; someone else with the other role confirms.")
    @APIResponse(responseCode = "201", description = "The proposal, waiting for confirmation")
    @APIResponse(responseCode = "400", description = "No reason, or one too short or too long")
    @APIResponse(responseCode = "409", description = "The journal lacks nothing an anchor holds")
    public Response proposeGap(@Valid @NotNull(message = "a JSON body {\"reason\": \"...\"} is required") GapRequest request) {
        return Response.status(201).entity(recovery.proposeGap(request.reason(), identity.getPrincipal().getName(),
                roles())).build();
    }

    @POST
    @Path("gaps/{id}/confirm")
    @RolesAllowed({ Roles.ADMIN, Roles.AUDITOR })
    @Operation(summary = "Confirm a proposed gap: the vault appends a signed gap event and re-checks",
            description = "Second step: a different person holding the other role (auditor for an admin's proposal, "
                    + "admin for an auditor's).")
    @APIResponse(responseCode = "200", description = "Sealed; the status after the re-check")
    @APIResponse(responseCode = "403", description = "The proposer, or someone without the other role")
    @APIResponse(responseCode = "404", description = "No such proposal")
    @APIResponse(responseCode = "409", description = "The journal moved since the proposal")
    public RecoveryStatus confirmGap(@PathParam("id") String id) {
        return recovery.confirmGap(id, identity.getPrincipal().getName(), roles());
    }

    private Set<String> roles() {
        return identity.getRoles();
    }
}

package dev.strongroom.retention;

import dev.strongroom.catalog.DocumentView;
import dev.strongroom.http.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The document API's retention side: legal holds and disposal requests on one document. Shares
 * {@code /api/documents} with {@code catalog.DocumentResource}; approvals are {@link RetentionResource}'s.
 */
@Path("/api/documents")
@Tag(name = "Documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentRetentionResource {

    private final RetentionService retention;
    private final SecurityIdentity identity;

    public DocumentRetentionResource(RetentionService retention, SecurityIdentity identity) {
        this.retention = retention;
        this.identity = identity;
    }

    @PUT
    @Path("{id}/legal-hold")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Set or clear a legal hold")
    @APIResponse(responseCode = "200", description = "The document with its new hold state")
    @APIResponse(responseCode = "404", description = "No such document")
    public DocumentView legalHold(@PathParam("id") String id,
            @Valid @NotNull(message = "a JSON body {\"hold\": true|false, \"reason\": \"...\"} is required") LegalHoldChange change) {
        return retention.setLegalHold(id, change.hold(), change.reason());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Request disposal of a document past retention",
            description = "Needs a reason (query parameter). A different admin approves via /api/disposals/{id}/approve.")
    @APIResponse(responseCode = "202", description = "Disposal requested, waiting for a second admin")
    @APIResponse(responseCode = "404", description = "No such document")
    @APIResponse(responseCode = "409", description = "Retention has not ended, or the document is under legal hold")
    public Response delete(@PathParam("id") String id,
            @QueryParam("reason") @NotNull(message = "a reason is required") @Size(min = 3, max = 2000, message = "must be 3 to 2000 characters") String reason) {
        DisposalView request = retention.requestDisposal(id, identity.getPrincipal().getName(), reason);
        return Response.accepted(request).build();
    }

    /** Body of the legal hold call. */
    public record LegalHoldChange(@NotNull(message = "is required") Boolean hold,
            @Size(max = 2000, message = "must be at most 2000 characters") String reason) {
    }
}

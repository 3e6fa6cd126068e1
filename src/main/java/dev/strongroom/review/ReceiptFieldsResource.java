package dev.strongroom.review;

import dev.strongroom.catalog.Viewer;
import dev.strongroom.http.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Receipt fields of a document and their corrections. */
@Path("/api/documents/{id}/fields")
@Tag(name = "Receipt fields")
@Produces(MediaType.APPLICATION_JSON)
public class ReceiptFieldsResource {

    private final CorrectionService corrections;
    private final SecurityIdentity identity;

    public ReceiptFieldsResource(CorrectionService corrections, SecurityIdentity identity) {
        this.corrections = corrections;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR })
    @Operation(summary = "A document's receipt fields",
            description = "Per field: the value in effect, what was extracted with its source, location and "
                    + "confidence, and who corrected it; the review state and every correction.")
    @APIResponse(responseCode = "200", description = "The fields")
    @APIResponse(responseCode = "403", description = "Your roles do not read this document's contents")
    @APIResponse(responseCode = "404", description = "No such document, or not yours")
    public ReceiptFieldsView fields(@PathParam("id") String id) {
        return corrections.fields(id, Viewer.of(identity));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR })
    @Operation(summary = "Correct or confirm receipt fields",
            description = "Body {\"fields\": {\"total\": \"1893.40\", \"vendor\": \"...\"}, \"reason\": \"...\"}. "
                    + "The extraction is kept; the correction is journaled ahead and audited with old and new values, "
                    + "and search uses the new values. Setting a field to its extracted value confirms it.")
    @APIResponse(responseCode = "200", description = "The fields after the correction")
    @APIResponse(responseCode = "400", description = "An unknown field or a malformed value (the problem names it)")
    @APIResponse(responseCode = "403", description = "Your roles do not let you correct this document")
    @APIResponse(responseCode = "404", description = "No such document, or not yours")
    @APIResponse(responseCode = "409", description = "The document's metadata is still being extracted")
    public ReceiptFieldsView correct(@PathParam("id") String id,
            @Valid @NotNull(message = "a JSON body {\"fields\": {...}, \"reason\": \"...\"} is required") CorrectionRequest request) {
        return corrections.correct(id, request, Viewer.of(identity));
    }

}

package dev.strongroom.metadata;

import dev.strongroom.catalog.Viewer;
import dev.strongroom.http.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A document's preview: a small PNG of a PDF's first page or of an image. */
@Path("/api/documents/{id}/preview")
@Tag(name = "Documents")
public class PreviewResource {

    private final PreviewService previews;
    private final SecurityIdentity identity;

    public PreviewResource(PreviewService previews, SecurityIdentity identity) {
        this.previews = previews;
        this.identity = identity;
    }

    @GET
    @Produces({ "image/png", "application/problem+json" })
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR })
    @Operation(summary = "A document's preview",
            description = "PNG, at most 256 pixels on its longest side, made when the metadata was extracted. "
                    + "Same access as the content: the owning analyst and auditors.")
    @APIResponse(responseCode = "200", description = "The PNG")
    @APIResponse(responseCode = "403", description = "Your roles may see the entry but not the contents")
    @APIResponse(responseCode = "404", description = "No such document, not yours, or no preview (not extracted yet, or not a PDF or image)")
    public Response preview(@PathParam("id") String id) {
        return previews.preview(id, Viewer.of(identity));
    }
}

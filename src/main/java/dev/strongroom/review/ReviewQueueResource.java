package dev.strongroom.review;

import dev.strongroom.catalog.Viewer;
import dev.strongroom.http.QueryParams;
import dev.strongroom.http.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The review queue: documents whose receipt fields need a person's check. */
@Path("/api/review-queue")
@Tag(name = "Receipt fields")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewQueueResource {

    private final ReviewQueue queue;
    private final SecurityIdentity identity;

    public ReviewQueueResource(ReviewQueue queue, SecurityIdentity identity) {
        this.queue = queue;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR })
    @Operation(summary = "Documents whose receipt fields need review",
            description = "Oldest first; analysts see their own documents, auditors every one.")
    @APIResponse(responseCode = "200", description = "One page of the queue")
    @APIResponse(responseCode = "400", description = "A malformed parameter")
    public ReviewQueue.Page queue(@QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("50") String size) {
        int pageSize = QueryParams.size(size, 200);
        return queue.list(Viewer.of(identity), QueryParams.page(page, pageSize), pageSize);
    }
}

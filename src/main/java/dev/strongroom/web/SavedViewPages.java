package dev.strongroom.web;

import dev.strongroom.http.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/** Saving the documents list's filters as a named view, and deleting one; each user's own ({@link SavedViews}). */
@Path("/views")
@RolesAllowed({ Roles.ANALYST, Roles.AUDITOR, Roles.OPS, Roles.ADMIN })
@CsrfChecked
@Produces(MediaType.TEXT_HTML)
public class SavedViewPages {

    private final SavedViews views;
    private final SecurityIdentity identity;

    public SavedViewPages(SavedViews views, SecurityIdentity identity) {
        this.views = views;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response save(@RestForm String name, @RestForm String query) {
        SavedView saved = views.save(identity.getPrincipal().getName(), name, query);
        return Response.seeOther(URI.create(saved.href())).build();
    }

    @POST
    @Path("{id}/delete")
    @Operation(hidden = true)
    public Response delete(@RestPath String id) {
        views.delete(identity.getPrincipal().getName(), id);
        return Response.seeOther(URI.create("/documents")).build();
    }
}

package dev.strongroom.web;

import dev.strongroom.ingest.UploadConfig;
import dev.strongroom.retention.RetentionPolicy;
import dev.strongroom.http.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The upload form. Its script ({@code /static/upload.js}) sends each chosen or dropped file as its own
 * {@code POST /api/documents}, with the session cookie and the page's CSRF token, and shows real
 * upload progress and the API's answer per file; the page itself only offers the choices.
 */
@Path("/upload")
@RolesAllowed(Roles.ANALYST)
@Produces(MediaType.TEXT_HTML)
public class UploadPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance upload(Page page, List<RetentionChoice> classes, long maxBytes,
                List<String> allowedTypes);
    }

    /** One retention class offered in the form. */
    public record RetentionChoice(String name, String keep, String description, boolean preselected) {
    }

    private final PageContext pages;
    private final RetentionPolicy retention;
    private final UploadConfig uploads;

    public UploadPage(PageContext pages, RetentionPolicy retention, UploadConfig uploads) {
        this.pages = pages;
        this.retention = retention;
        this.uploads = uploads;
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance show(RoutingContext rc, @RestQuery String retentionClass) {
        // A link may preselect a known class (the statements page's "Upload a statement"); anything else is ignored.
        String chosen = retentionClass != null && retention.classes().containsKey(retentionClass) ? retentionClass
                : retention.defaultClass();
        List<RetentionChoice> classes = retention.classes().entrySet().stream()
                .map(e -> new RetentionChoice(e.getKey(), e.getValue().keep(), e.getValue().description(),
                        e.getKey().equals(chosen)))
                .toList();
        return Templates.upload(pages.page(rc, "Upload", "upload"), classes, uploads.maxFileBytes(),
                uploads.allowedTypes().stream().sorted().toList());
    }
}

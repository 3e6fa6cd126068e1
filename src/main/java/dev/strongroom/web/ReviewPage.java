package dev.strongroom.web;

import dev.strongroom.catalog.Viewer;
import dev.strongroom.review.ReviewQueue;
import dev.strongroom.http.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/** The review queue: documents whose receipt fields someone should check, with the unsure fields named. */
@Path("/review")
@Produces(MediaType.TEXT_HTML)
public class ReviewPage {

    static final int PAGE_SIZE = 25;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance review(Page page, ReviewQueue.Page queue, Paging paging);
    }

    private final PageContext pages;
    private final ReviewQueue queue;
    private final SecurityIdentity identity;

    public ReviewPage(PageContext pages, ReviewQueue queue, SecurityIdentity identity) {
        this.pages = pages;
        this.queue = queue;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR })
    @Operation(hidden = true)
    public TemplateInstance show(RoutingContext rc, @RestQuery String page) {
        int number = 0;
        try {
            number = page == null || page.isBlank() ? 0 : Math.max(0, Integer.parseInt(page.strip()));
        } catch (NumberFormatException e) {
            number = 0;
        }
        ReviewQueue.Page result = queue.list(Viewer.of(identity), number, PAGE_SIZE);
        Paging paging = new Paging(result.page(), result.size(), result.total(), result.items().size());
        return Templates.review(pages.page(rc, "Review", "review"), result, paging);
    }
}

package dev.strongroom.web;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.security.SecurityAction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The sign-in form and signing out. The form posts to Quarkus form authentication
 * ({@code quarkus.http.auth.form.post-location}), which checks the password through
 * {@link dev.strongroom.security.VaultIdentityProvider} (throttled and audited) and sets the
 * session cookie.
 */
@Path("/")
@CsrfChecked
@Produces(MediaType.TEXT_HTML)
public class SignInPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(Page page, String postLocation, String notice, boolean failed);

        static native TemplateInstance home(Page page);
    }

    private final PageContext pages;
    private final Auditor auditor;
    private final SecurityIdentity identity;
    private final String postLocation;
    private final String sessionCookie;

    public SignInPages(PageContext pages, Auditor auditor, SecurityIdentity identity,
            @ConfigProperty(name = "quarkus.http.auth.form.post-location") String postLocation,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie) {
        this.pages = pages;
        this.auditor = auditor;
        this.identity = identity;
        this.postLocation = postLocation;
        this.sessionCookie = sessionCookie;
    }

    @GET
    @Path("login")
    @PermitAll
    @Operation(hidden = true)
    public TemplateInstance login(RoutingContext rc, @RestQuery String error, @RestQuery String expired,
            @RestQuery("signed-out") String signedOut) {
        String notice = null;
        if (signedOut != null) {
            notice = "You have signed out.";
        } else if (expired != null) {
            notice = "Your session has ended. Please sign in again.";
        }
        return Templates.login(pages.page(rc, "Sign in", "login"), postLocation, notice, error != null);
    }

    @GET
    @Authenticated
    @Operation(hidden = true)
    public TemplateInstance home(RoutingContext rc) {
        return Templates.home(pages.page(rc, "Start", "home"));
    }

    @POST
    @Path("logout")
    @Authenticated
    @Operation(hidden = true)
    public Response logout(RoutingContext rc) {
        String user = identity.getPrincipal().getName();
        auditor.record(SecurityAction.LOGOUT, "user/" + user, Outcome.SUCCESS, Map.of("method", "form"));
        rc.response().addCookie(Cookie.cookie(sessionCookie, "").setPath("/").setMaxAge(0));
        return Response.seeOther(URI.create("/login?signed-out=1")).build();
    }
}

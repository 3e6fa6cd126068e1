package dev.strongroom.web;

import dev.strongroom.http.Problems;
import dev.strongroom.security.CsrfTokens;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import io.vertx.core.http.CookieSameSite;

/**
 * Gives browsers pages where API clients get problem+json. The exception mappers in {@code http} and
 * {@code security} stay the single place that decides status, message and auditing; this filter only
 * changes how the answer looks when the request was for a page: 401 becomes a redirect to the sign-in
 * form (never a Basic challenge, which would pop up the browser's own password dialog), anything
 * else an HTML error page with the same message and request id. An API link a person followed in the
 * browser (a download after the session ended) is sent to sign in too, then back, and a page script's
 * API call gets its 401 without the Basic challenge.
 */
public class ErrorPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(Page page, int status, String title, String detail, String requestId,
                boolean roleRefusal);
    }

    private final PageContext pages;
    private final CurrentIdentityAssociation identities;
    private final String postLocation;
    private final String sessionCookie;
    private final String locationCookie;

    public ErrorPages(PageContext pages, CurrentIdentityAssociation identities,
            @ConfigProperty(name = "quarkus.http.auth.form.post-location") String postLocation,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie,
            @ConfigProperty(name = "quarkus.http.auth.form.location-cookie", defaultValue = "quarkus-redirect-location") String locationCookie) {
        this.pages = pages;
        this.identities = identities;
        this.postLocation = postLocation;
        this.sessionCookie = sessionCookie;
        this.locationCookie = locationCookie;
    }

    /**
     * Resolves who is signed in before an error page is drawn: an address no resource serves never
     * asked for authentication (it is not proactive), and its page would otherwise lose the signed-in
     * navigation and offer to sign in.
     */
    @ServerResponseFilter
    public Uni<Void> asPage(ContainerResponseContext response, RoutingContext rc) {
        MediaType type = response.getMediaType();
        if (type == null || !Problems.MEDIA_TYPE.equals(type.getType() + "/" + type.getSubtype())
                || !(response.getEntity() instanceof Map<?, ?>) || response.getStatus() == 401
                || !PageContext.isPage(rc.normalizedPath())) {
            asPage(response, rc, PageContext.identity(rc));
            return Uni.createFrom().voidItem();
        }
        SecurityIdentity known = PageContext.identity(rc);
        if (known != null) {
            asPage(response, rc, known);
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().onFailure().recoverWithNull()
                .invoke(identity -> asPage(response, rc, identity)).replaceWithVoid();
    }

    private void asPage(ContainerResponseContext response, RoutingContext rc, SecurityIdentity identity) {
        MediaType type = response.getMediaType();
        if (type == null || !Problems.MEDIA_TYPE.equals(type.getType() + "/" + type.getSubtype())
                || !(response.getEntity() instanceof Map<?, ?> problem)) {
            return;
        }
        int status = response.getStatus();
        String path = rc.normalizedPath();
        boolean navigation = "navigate".equals(rc.request().getHeader("Sec-Fetch-Mode"));
        if (status == 401 && (PageContext.isPage(path) || navigation)) {
            toSignIn(response, rc);
        } else if (status == 401 && rc.request().getHeader(CsrfTokens.HEADER) != null) {
            // A page's own script (it sends the token header) whose session ended: it shows the problem
            // and a sign-in link itself; a Basic challenge would open the browser's password dialog.
            response.getHeaders().remove(HttpHeaders.WWW_AUTHENTICATE);
        } else if (PageContext.isPage(path)) {
            String title = String.valueOf(problem.get("title"));
            // Other 403s (a missing CSRF token) must not tell the user their roles are the problem.
            boolean roleRefusal = String.valueOf(problem.get("type")).endsWith("/forbidden");
            String html = Templates.error(pages.page(rc, identity, status + " " + title, ""), status, title,
                    String.valueOf(problem.get("detail")), String.valueOf(problem.get("requestId")), roleRefusal).render();
            response.getHeaders().remove(HttpHeaders.WWW_AUTHENTICATE);
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
            response.setEntity(html, new Annotation[0], MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        }
    }

    private void toSignIn(ContainerResponseContext response, RoutingContext rc) {
        if (rc.normalizedPath().endsWith(postLocation)) {
            // The sign-in form's post failed: wrong password, throttled, disabled or without its token.
            redirect(response, "/login?error=1");
            return;
        }
        boolean hadSession = rc.request().getCookie(sessionCookie) != null;
        if (hadSession) {
            // The cookie no longer signs anyone in (expired, or its user was disabled): drop it.
            rc.response().addCookie(Cookie.cookie(sessionCookie, "").setPath("/").setMaxAge(0));
        }
        if ("GET".equals(rc.request().method().name())) {
            // Quarkus form authentication sends the browser back here after sign-in; it checks that
            // the address has this server's scheme, host and port, so it cannot become an open redirect.
            rc.response().addCookie(Cookie.cookie(locationCookie, rc.request().absoluteURI()).setPath("/")
                    .setHttpOnly(true).setSecure(rc.request().isSSL())
                    .setSameSite(CookieSameSite.STRICT));
        }
        redirect(response, hadSession ? "/login?expired=1" : "/login");
    }

    private static void redirect(ContainerResponseContext response, String location) {
        response.setStatus(303);
        response.getHeaders().remove(HttpHeaders.WWW_AUTHENTICATE);
        response.getHeaders().putSingle(HttpHeaders.LOCATION, location);
        response.setEntity(null);
    }
}

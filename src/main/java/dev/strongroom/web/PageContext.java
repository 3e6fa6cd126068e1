package dev.strongroom.web;

import dev.strongroom.security.CsrfTokens;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.TreeSet;

/** Builds the {@link Page} frame for the current request. */
@ApplicationScoped
public class PageContext {

    private final CsrfTokens csrf;

    public PageContext(CsrfTokens csrf) {
        this.csrf = csrf;
    }

    public Page page(RoutingContext rc, String title, String section) {
        return page(rc, identity(rc), title, section);
    }

    /** For answers made where the request's identity was resolved explicitly (error pages). */
    Page page(RoutingContext rc, SecurityIdentity identity, String title, String section) {
        if (identity != null && identity.isAnonymous()) {
            identity = null;
        }
        String user = identity == null ? "" : identity.getPrincipal().getName();
        Set<String> roles = identity == null ? Set.of() : new TreeSet<>(identity.getRoles());
        return new Page(title, section, user, roles, csrf.tokenFor(rc, user));
    }

    /** The signed-in identity, or null; never triggers authentication. */
    static SecurityIdentity identity(RoutingContext rc) {
        if (rc != null && rc.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            return user.getSecurityIdentity();
        }
        return null;
    }

    /** Pages are everything outside the API and the Quarkus management paths. */
    static boolean isPage(String path) {
        return path != null && !path.equals("/api") && !path.startsWith("/api/") && !path.equals("/q")
                && !path.startsWith("/q/") && !isPublishedKey(path);
    }

    /** The key history and PEMs are read by scripts and openssl users, not people: they get problem+json. */
    private static boolean isPublishedKey(String path) {
        return path.startsWith("/.well-known/") || path.startsWith("/keys/");
    }
}

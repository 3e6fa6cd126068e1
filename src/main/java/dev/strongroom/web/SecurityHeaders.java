package dev.strongroom.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Browser hardening headers on every response. Pages get a Content-Security-Policy that allows
 * scripts, styles and images only from the vault itself (no inline script, no inline style, no
 * other origin), no framing and no plugins. A response that sets its own policy keeps it (a
 * download says {@code sandbox}). The Quarkus tools under {@code /q/} (Swagger UI uses inline
 * script) only get the framing ban.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final String TOOL_POLICY = "frame-ancestors 'none'";

    void install(@Observes Filters filters) {
        filters.register(rc -> {
            String path = rc.normalizedPath();
            boolean tool = path.equals("/q") || path.startsWith("/q/");
            rc.addHeadersEndHandler(ignored -> {
                MultiMap headers = rc.response().headers();
                if (!headers.contains("Content-Security-Policy")) {
                    headers.set("Content-Security-Policy", tool ? TOOL_POLICY : PAGE_POLICY);
                }
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("Referrer-Policy", "no-referrer");
                if (!headers.contains("X-Frame-Options")) {
                    // A document shown inside the vault's own page says SAMEORIGIN itself.
                    headers.set("X-Frame-Options", "DENY");
                }
                String type = headers.get("Content-Type");
                if (type != null && type.startsWith("text/html") && !headers.contains("Cache-Control")) {
                    // Pages show documents and audit events; nothing of them should stay in caches.
                    headers.set("Cache-Control", "no-store");
                }
            });
            rc.next();
        }, 9_000);
    }
}

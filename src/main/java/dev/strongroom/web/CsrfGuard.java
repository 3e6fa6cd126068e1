package dev.strongroom.web;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.Problems;
import dev.strongroom.security.CsrfTokens;
import dev.strongroom.security.SecurityAction;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Refuses state-changing browser requests that do not carry the page's CSRF token.
 * <ul>
 * <li>Page forms ({@link CsrfChecked} resources): the hidden field {@value CsrfTokens#FIELD}, or the
 * {@value CsrfTokens#HEADER} header.</li>
 * <li>API calls that a browser authenticates with its session cookie, such as the upload page's
 * XMLHttpRequest to {@code POST /api/documents}: the {@value CsrfTokens#HEADER} header. API clients
 * that send HTTP Basic credentials themselves are unaffected: a credential that the client attaches
 * on purpose is not an ambient one another site could ride on.</li>
 * </ul>
 * The sign-in form's token is checked where its post is handled, in the identity provider.
 */
public class CsrfGuard {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final CsrfTokens tokens;
    private final CurrentIdentityAssociation identities;
    private final Auditor auditor;
    private final String sessionCookie;

    public CsrfGuard(CsrfTokens tokens, CurrentIdentityAssociation identities, Auditor auditor,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie) {
        this.tokens = tokens;
        this.identities = identities;
        this.auditor = auditor;
        this.sessionCookie = sessionCookie;
    }

    @ServerRequestFilter
    @WithFormRead
    @CsrfChecked
    public Uni<Void> pageForm(ResteasyReactiveContainerRequestContext request, RoutingContext rc) {
        if (SAFE.contains(request.getMethod())) {
            return Uni.createFrom().voidItem();
        }
        String offered = request.getHeaderString(CsrfTokens.HEADER);
        if (offered == null) {
            Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                    .getFormParameter(CsrfTokens.FIELD, true, false);
            offered = field instanceof String text ? text : null;
        }
        return check(rc, offered, false);
    }

    @ServerRequestFilter
    public Uni<Void> apiCall(ContainerRequestContext request, RoutingContext rc) {
        String path = rc.normalizedPath();
        if (SAFE.contains(request.getMethod()) || !path.startsWith("/api/")
                || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || rc.request().getCookie(sessionCookie) == null) {
            return Uni.createFrom().voidItem();
        }
        return check(rc, request.getHeaderString(CsrfTokens.HEADER), true);
    }

    /**
     * Waits for the request's identity, because the token is bound to the user. A request nobody is
     * signed in with is left to the endpoint's own security check, which refuses it with a 401.
     */
    private Uni<Void> check(RoutingContext rc, String offered, boolean onlyIfSignedIn) {
        return identities.getDeferredIdentity().onItem().transformToUni(identity -> {
            String user = identity == null || identity.isAnonymous() ? "" : identity.getPrincipal().getName();
            if (onlyIfSignedIn && user.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            if (!tokens.verify(rc, user, offered)) {
                return Uni.createFrom().failure(new CsrfRejected(offered == null || offered.isEmpty()));
            }
            return Uni.createFrom().voidItem();
        });
    }

    @ServerExceptionMapper
    public Uni<Response> rejected(CsrfRejected e, RoutingContext rc) {
        // Refusals are audited; the journal's fsync must not run on the I/O thread.
        return Uni.createFrom().item(() -> {
            auditor.record(rc, SecurityAction.CSRF_REJECTED, "path" + Problems.clip(rc.normalizedPath()), Outcome.DENIED,
                    Map.of("method", rc.request().method().name(), "reason", e.missing ? "no token" : "wrong token"));
            return Problems.response(rc, 403, ProblemType.CSRF_REJECTED, "Request not accepted",
                    "This form or request did not carry a valid token from a Strongroom page (it may have expired). "
                            + "Reload the page and try again.",
                    null, null);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** A state-changing browser request without a valid CSRF token. */
    static final class CsrfRejected extends RuntimeException {
        final boolean missing;

        CsrfRejected(boolean missing) {
            super(missing ? "no CSRF token" : "wrong CSRF token", null, false, false);
            this.missing = missing;
        }
    }
}

package dev.strongroom.security;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.Problems;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Refusals as problem+json, each audited: a request without credentials (401), a wrong password
 * (401, already audited as login.failure by the identity provider), a throttled sign-in (429) and a
 * role that may not do this (403).
 * <p>
 * Role checks fail on the event loop, before the request moves to a worker thread, and an audit write
 * blocks (journal fsync, index insert), so the audited refusals are built on a worker thread.
 */
public class SecurityProblemMappers {

    static final String CHALLENGE = "Basic realm=\"Strongroom\", charset=\"UTF-8\"";

    private final Auditor auditor;

    public SecurityProblemMappers(Auditor auditor) {
        this.auditor = auditor;
    }

    @ServerExceptionMapper
    public Uni<Response> unauthenticated(UnauthorizedException e, RoutingContext rc) {
        return onWorkerThread(() -> {
            auditor.record(rc, SecurityAction.ACCESS_UNAUTHENTICATED, resource(rc), Outcome.DENIED,
                    Map.of("method", rc.request().method().name()));
            return Problems.response(rc, 401, ProblemType.UNAUTHENTICATED, "Authentication required",
                    "Sign in first: send HTTP Basic credentials of a Strongroom user", null,
                    Map.of("WWW-Authenticate", CHALLENGE));
        });
    }

    @ServerExceptionMapper
    public Response failed(AuthenticationFailedException e, RoutingContext rc) {
        Long seconds = e.getAttribute(VaultIdentityProvider.RETRY_AFTER_SECONDS);
        if (seconds != null) {
            return Problems.response(rc, 429, ProblemType.LOGIN_THROTTLED, "Too many failed sign-ins",
                    "Too many failed sign-ins for this user or address; try again in " + seconds + " s",
                    Map.of("retryAfterSeconds", seconds), Map.of("Retry-After", Long.toString(seconds)));
        }
        return Problems.response(rc, 401, ProblemType.BAD_CREDENTIALS, "Authentication failed", "Wrong user name or password",
                null, Map.of("WWW-Authenticate", CHALLENGE));
    }

    @ServerExceptionMapper
    public Uni<Response> forbidden(ForbiddenException e, RoutingContext rc) {
        return onWorkerThread(() -> {
            auditor.record(rc, SecurityAction.ACCESS_DENIED, resource(rc), Outcome.DENIED,
                    Map.of("method", rc.request().method().name()));
            return Problems.response(rc, 403, ProblemType.FORBIDDEN, "Forbidden",
                    "Your roles do not allow " + rc.request().method() + " " + Problems.clip(rc.request().path()),
                    null, null);
        });
    }

    private static Uni<Response> onWorkerThread(Supplier<Response> refusal) {
        return Uni.createFrom().item(refusal).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static String resource(RoutingContext rc) {
        return "path" + Problems.clip(rc.request().path());
    }
}

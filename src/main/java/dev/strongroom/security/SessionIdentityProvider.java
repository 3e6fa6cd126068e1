package dev.strongroom.security;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.Problems;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Turns a browser's session cookie (already decrypted and checked for expiry by Quarkus form
 * authentication) back into the user's identity. The user is read from the catalog on every
 * request, so a disabled user's sessions end at once and role changes apply at once.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final Auditor auditor;

    public SessionIdentityProvider(Auditor auditor) {
        this.auditor = auditor;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
            AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        String username = request.getPrincipal();
        return context.runBlocking(() -> {
            VaultUser user = QuarkusTransaction.requiringNew().call(() -> VaultUser.<VaultUser>findById(username));
            if (user == null || user.disabled) {
                auditor.recordAs(rc, Problems.clip(username), "", SecurityAction.SESSION_REFUSED, "user/" + Problems.clip(username),
                        Outcome.DENIED, Map.of("reason", user == null ? "unknown user" : "disabled"));
                throw new AuthenticationFailedException("the session's user is disabled or gone");
            }
            return VaultIdentityProvider.identity(username, user.roleSet());
        });
    }
}

package dev.strongroom.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.Problems;
import dev.strongroom.http.RequestIdentity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks user name and password against the catalog's bcrypt hashes, with throttling, and audits
 * every failure. A verified pair is remembered for a few minutes (as a salted SHA-256, never the
 * password) because bcrypt is deliberately slow and HTTP Basic sends the password on every request.
 * The same check serves the web sign-in form, whose post must also carry the form's CSRF token
 * (a forged sign-in could otherwise make a victim file documents into the attacker's account).
 * Disabled users are refused even with the right password.
 */
@ApplicationScoped
public class VaultIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** Attribute of a throttled failure: seconds until the next attempt is considered. */
    static final String RETRY_AFTER_SECONDS = "strongroom.retryAfterSeconds";

    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Auditor auditor;
    private final CsrfTokens csrf;
    private final String formPostLocation;
    private final Cache<String, Verified> verified;
    /** One lock per user name being checked; weak, so names seen once do not pile up. */
    private final Cache<String, Object> checking = Caffeine.newBuilder().weakValues().build();
    private final byte[] pepper = new byte[32];

    public VaultIdentityProvider(PasswordHasher hasher, LoginThrottle throttle, Auditor auditor, SecurityConfig config,
            CsrfTokens csrf,
            @ConfigProperty(name = "quarkus.http.auth.form.post-location", defaultValue = "/j_security_check") String formPostLocation) {
        this.hasher = hasher;
        this.throttle = throttle;
        this.auditor = auditor;
        this.csrf = csrf;
        this.formPostLocation = formPostLocation;
        this.verified = Caffeine.newBuilder().expireAfterWrite(config.credentialCache()).maximumSize(10_000).build();
        new SecureRandom().nextBytes(pepper);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        String username = request.getUsername();
        char[] password = request.getPassword().getPassword();
        return context.runBlocking(() -> verify(rc, username, new String(password)));
    }

    private SecurityIdentity verify(RoutingContext rc, String username, String password) {
        String client = RequestIdentity.client(rc);
        boolean form = isFormSignIn(rc);
        String method = form ? "form" : "basic";
        if (form && !csrf.verify(rc, "", rc.request().getFormAttribute(CsrfTokens.FIELD))) {
            auditor.recordAs(rc, Problems.clip(username), "", SecurityAction.LOGIN_FAILURE, "user/" + Problems.clip(username),
                    Outcome.DENIED, Map.of("reason", "sign-in form without a valid CSRF token", "method", method));
            throw new AuthenticationFailedException("sign-in form without a valid CSRF token");
        }
        byte[] fingerprint = fingerprint(username, password);
        SecurityIdentity remembered = remembered(username, fingerprint);
        if (remembered != null) {
            return remembered;
        }
        // A client that opens many connections at once (a batch upload after a restart) sends the
        // same new credentials on all of them: one request checks them, the others wait and find
        // the result remembered, instead of every one paying a full bcrypt.
        synchronized (checking.get(username, u -> new Object())) {
            remembered = remembered(username, fingerprint);
            return remembered != null ? remembered : check(rc, username, password, client, method, fingerprint);
        }
    }

    private SecurityIdentity remembered(String username, byte[] fingerprint) {
        Verified known = verified.getIfPresent(username);
        return known != null && MessageDigest.isEqual(known.fingerprint(), fingerprint)
                ? identity(username, known.roles())
                : null;
    }

    private SecurityIdentity check(RoutingContext rc, String username, String password, String client, String method,
            byte[] fingerprint) {
        Duration wait = throttle.waitFor(username, client);
        if (!wait.isZero()) {
            auditor.recordAs(rc, Problems.clip(username), "", SecurityAction.LOGIN_THROTTLED, "user/" + Problems.clip(username),
                    Outcome.DENIED, Map.of("retryAfterSeconds", seconds(wait)));
            throw new AuthenticationFailedException("too many failed sign-ins",
                    Map.of(RETRY_AFTER_SECONDS, seconds(wait)));
        }
        VaultUser user = QuarkusTransaction.requiringNew().call(() -> VaultUser.<VaultUser>findById(username));
        if (!hasher.matches(password, user == null ? null : user.passwordHash)) {
            throttle.failed(username, client);
            auditor.recordAs(rc, Problems.clip(username), "", SecurityAction.LOGIN_FAILURE, "user/" + Problems.clip(username),
                    Outcome.FAILURE, Map.of("reason", user == null ? "unknown user" : "wrong password", "method", method));
            throw new AuthenticationFailedException("wrong user name or password");
        }
        throttle.succeeded(username);
        if (user.disabled) {
            auditor.recordAs(rc, username, "", SecurityAction.LOGIN_FAILURE, "user/" + username, Outcome.DENIED,
                    Map.of("reason", "user disabled", "method", method));
            throw new AuthenticationFailedException("user disabled");
        }
        Set<String> roles = user.roleSet();
        verified.put(username, new Verified(fingerprint, roles));
        auditor.recordAs(rc, username, String.join(",", roles), SecurityAction.LOGIN_SUCCESS, "user/" + username, Outcome.SUCCESS,
                Map.of("method", method));
        return identity(username, roles);
    }

    private boolean isFormSignIn(RoutingContext rc) {
        return rc != null && rc.request().method() == HttpMethod.POST && rc.normalizedPath().endsWith(formPostLocation);
    }

    /** Forgets a remembered password, e.g. after the user's password or roles changed. */
    public void forget(String username) {
        verified.invalidate(username);
    }

    static SecurityIdentity identity(String username, Set<String> roles) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(username)).addRoles(roles).build();
    }

    private byte[] fingerprint(String username, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(pepper);
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private record Verified(byte[] fingerprint, Set<String> roles) {
    }
}

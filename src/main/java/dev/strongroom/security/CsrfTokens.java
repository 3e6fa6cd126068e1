package dev.strongroom.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tokens that prove a state-changing browser request came from one of the vault's own pages: a
 * signed double submit (OWASP). Each browser holds a random nonce in an HttpOnly cookie; a page puts
 * HMAC(key, nonce, user) into its forms (field {@value #FIELD}) and into a meta tag from which the
 * page's script copies it into the {@value #HEADER} header. Another site can make the browser send
 * the cookie, but can neither read the page nor compute the HMAC; and because the user is signed
 * into the token, a nonce cookie planted by an attacker with an account of their own is no use.
 * <p>
 * The key comes from {@code quarkus.http.auth.session.encryption-key} when it is set, so that every
 * instance and every restart agree, like the session cookie itself; otherwise it is random per start.
 */
@ApplicationScoped
public class CsrfTokens {

    private static final Logger LOG = Logger.getLogger(CsrfTokens.class);

    public static final String COOKIE = "strongroom-csrf";
    public static final String FIELD = "csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final String NONCE_KEY = "strongroom.csrfNonce";
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final byte[] key;
    private final SecureRandom random = new SecureRandom();

    public CsrfTokens(@ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> sessionKey) {
        if (sessionKey.isPresent() && !sessionKey.get().isBlank()) {
            this.key = hmac(sessionKey.get().getBytes(StandardCharsets.UTF_8),
                    "strongroom csrf tokens v1".getBytes(StandardCharsets.UTF_8));
        } else {
            this.key = new byte[32];
            random.nextBytes(key);
            LOG.warn("quarkus.http.auth.session.encryption-key is not set: browser sessions and form tokens use a key "
                    + "made at this start, so a restart signs everyone out and several instances do not share sessions");
        }
    }

    /**
     * The token for this browser and user. A browser without a nonce cookie gets one with this
     * response; {@code user} is empty before sign-in.
     */
    public String tokenFor(RoutingContext rc, String user) {
        String nonce = rc.get(NONCE_KEY);
        if (nonce == null) {
            nonce = cookieNonce(rc);
        }
        if (nonce == null) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            // Lax, not Strict: a page reached by a link from elsewhere must not replace the nonce that
            // forms open in other tabs were signed with. The cookie alone authorises nothing.
            rc.response().addCookie(Cookie.cookie(COOKIE, nonce).setPath("/").setHttpOnly(true)
                    .setSameSite(CookieSameSite.LAX).setSecure(rc.request().isSSL()));
        }
        rc.put(NONCE_KEY, nonce);
        return sign(nonce, user);
    }

    /** Whether {@code offered} is this browser's token for {@code user}; false when either part is missing. */
    public boolean verify(RoutingContext rc, String user, String offered) {
        String nonce = cookieNonce(rc);
        if (nonce == null || offered == null || offered.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sign(nonce, user).getBytes(StandardCharsets.US_ASCII),
                offered.getBytes(StandardCharsets.US_ASCII));
    }

    private static String cookieNonce(RoutingContext rc) {
        Cookie cookie = rc.request().getCookie(COOKIE);
        return cookie != null && NONCE.matcher(cookie.getValue()).matches() ? cookie.getValue() : null;
    }

    private String sign(String nonce, String user) {
        byte[] mac = hmac(key, (nonce + "\n" + (user == null ? "" : user)).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}

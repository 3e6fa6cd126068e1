package dev.strongroom.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.catalog.H2PassOnly;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Behind a load balancer that terminates TLS and says so in X-Forwarded-Proto (with proxy
 * forwarding switched on, as README says to), the session and CSRF cookies are marked Secure.
 */
@H2PassOnly("cookie flags behind a TLS-terminating proxy")
@QuarkusTest
@TestProfile(BehindTlsProxyTest.TlsProxy.class)
class BehindTlsProxyTest {

    public static class TlsProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @Test
    void cookiesAreSecureWhenTheBrowserUsedHttps() {
        String alice = Vault.user("alice", "analyst");
        Response login = given().redirects().follow(false).header("X-Forwarded-Proto", "https").get("/login");
        assertSecure(login.getHeaders().getValues("Set-Cookie"), "strongroom-csrf=");
        Matcher token = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(login.asString());
        assertTrue(token.find());
        Response post = given().redirects().follow(false).header("X-Forwarded-Proto", "https")
                .cookies(login.getCookies()).formParam("j_username", alice).formParam("j_password", Vault.PASSWORD)
                .formParam("csrf", token.group(1)).post("/j_security_check");
        assertSecure(post.getHeaders().getValues("Set-Cookie"), "strongroom-session=");
    }

    private static void assertSecure(List<String> cookies, String prefix) {
        String cookie = cookies.stream().filter(c -> c.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " cookie in " + cookies));
        assertTrue(cookie.contains("; Secure"), cookie);
    }
}

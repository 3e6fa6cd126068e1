package dev.strongroom.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web layer over plain HTTP, no browser: sign-in and its cookie, CSRF tokens on forms and on
 * cookie-authenticated API calls, pages for browsers and problem+json for API clients, and the
 * hardening headers.
 */
@QuarkusTest
class WebSessionTest {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern META_TOKEN = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    /** A browser's cookies and the CSRF token its current page carries. */
    record Session(Map<String, String> cookies, String token) {
        RequestSpecification request() {
            return given().redirects().follow(false).cookies(cookies);
        }
    }

    static Session signIn(String user, String password) {
        Response login = given().redirects().follow(false).get("/login");
        Map<String, String> cookies = new HashMap<>(login.getCookies());
        Response post = given().redirects().follow(false).cookies(cookies).formParam("j_username", user)
                .formParam("j_password", password).formParam("csrf", token(FORM_TOKEN, login.asString()))
                .post("/j_security_check");
        assertEquals(302, post.statusCode(), "sign-in redirects to the start page");
        cookies.putAll(post.getCookies());
        assertNotNull(cookies.get("strongroom-session"), "signed in");
        Response start = given().redirects().follow(false).cookies(cookies).get("/");
        assertEquals(200, start.statusCode());
        return new Session(cookies, token(META_TOKEN, start.asString()));
    }

    private static String token(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        assertTrue(m.find(), "the page carries a CSRF token");
        return m.group(1);
    }

    @Test
    void signInSetsAnHttpOnlySameSiteSessionCookieAndIsAudited() {
        String alice = Vault.user("alice", "analyst");
        Response login = given().redirects().follow(false).get("/login");
        Response post = given().redirects().follow(false).cookies(login.getCookies()).formParam("j_username", alice)
                .formParam("j_password", Vault.PASSWORD).formParam("csrf", token(FORM_TOKEN, login.asString()))
                .post("/j_security_check");
        String cookie = post.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("strongroom-session=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HTTPOnly") || cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP here; Secure is set when the request came over TLS");
        String auditor = Vault.user("audrey", "auditor");
        Vault.as(auditor).get("/api/audit?action=login.success&actor=" + alice).then().statusCode(200)
                .body("items[0].detail.method", equalTo("form"));
    }

    @Test
    void signingInLeadsBackToThePageThatAskedForIt() {
        String gail = Vault.user("gail", "analyst");
        Response asked = given().redirects().follow(false).get("/documents?q=tax");
        assertEquals(303, asked.statusCode());
        Response login = given().redirects().follow(false).cookies(asked.getCookies()).get("/login");
        Map<String, String> cookies = new HashMap<>(asked.getCookies());
        cookies.putAll(login.getCookies());
        given().redirects().follow(false).cookies(cookies).formParam("j_username", gail)
                .formParam("j_password", Vault.PASSWORD).formParam("csrf", token(FORM_TOKEN, login.asString()))
                .post("/j_security_check").then().statusCode(302).header("Location", endsWithPath("/documents?q=tax"));
    }

    @Test
    void everyPageThatAcceptsPostsChecksTheCsrfToken() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of("target", "classes", "dev", "strongroom", "web");
        List<String> unchecked = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.list(classes)) {
            for (java.nio.file.Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName("dev.strongroom.web." + name.replace(".class", ""));
                boolean posts = java.util.Arrays.stream(type.getDeclaredMethods())
                        .anyMatch(m -> m.isAnnotationPresent(jakarta.ws.rs.POST.class)
                                || m.isAnnotationPresent(jakarta.ws.rs.PUT.class)
                                || m.isAnnotationPresent(jakarta.ws.rs.DELETE.class));
                // A streamed upload checks the token from its first field itself; the authorization matrix
                // posts every page form without its token and expects the 403 from both kinds.
                if (posts && !type.isAnnotationPresent(CsrfChecked.class)
                        && !type.isAnnotationPresent(CsrfCheckedInBody.class)) {
                    unchecked.add(type.getSimpleName());
                }
            }
        }
        assertEquals(List.of(), unchecked, "page resources with unsafe methods but without @CsrfChecked");
    }

    @Test
    void wrongPasswordOnTheFormGoesBackToItWithAMessageAndIsAudited() {
        String bob = Vault.user("bob", "analyst");
        Response login = given().redirects().follow(false).get("/login");
        given().redirects().follow(false).cookies(login.getCookies()).formParam("j_username", bob)
                .formParam("j_password", "not-the-password").formParam("csrf", token(FORM_TOKEN, login.asString()))
                .post("/j_security_check").then().statusCode(303).header("Location", endsWithPath("/login?error=1"))
                .header("WWW-Authenticate", nullValue());
        given().get("/login?error=1").then().statusCode(200).body(containsString("Sign-in failed"));
        Vault.as(Vault.user("audrey", "auditor")).get("/api/audit?action=login.failure&actor=" + bob).then()
                .body("items[0].detail.method", equalTo("form")).body("items[0].detail.reason", equalTo("wrong password"));
    }

    @Test
    void signInFormWithoutItsTokenDoesNotSignIn() {
        String carol = Vault.user("carol", "analyst");
        Response post = given().redirects().follow(false).formParam("j_username", carol)
                .formParam("j_password", Vault.PASSWORD).post("/j_security_check");
        assertEquals(303, post.statusCode());
        assertTrue(post.getHeader("Location").endsWith("/login?error=1"));
        assertFalse(post.getCookies().containsKey("strongroom-session"));
        Vault.as(Vault.user("audrey", "auditor")).get("/api/audit?action=login.failure&actor=" + carol).then()
                .body("items[0].outcome", equalTo("denied"))
                .body("items[0].detail.reason", containsString("CSRF"));
    }

    @Test
    void browsersAreSentToSignInWhileApiClientsGetProblemJson() {
        given().redirects().follow(false).get("/documents").then().statusCode(303)
                .header("Location", endsWithPath("/login")).header("WWW-Authenticate", nullValue());
        given().get("/api/documents").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Basic"));
        // A link into the API followed in a browser whose session ended: sign in first, not a Basic prompt.
        given().redirects().follow(false).header("Sec-Fetch-Mode", "navigate").get("/api/documents/x/content").then()
                .statusCode(303).header("WWW-Authenticate", nullValue());
        // The upload page's script after its session ended: the problem, without a password dialog.
        given().header("X-CSRF-Token", "from-an-old-page").cookie("strongroom-session", "expired")
                .multiPart("file", "late.txt", Samples.text(10)).post("/api/documents").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", nullValue());
    }

    @Test
    void refusalsAndUnknownPagesAreHtmlForBrowsersAndProblemJsonForTheApi() {
        Session alice = signIn(Vault.user("alice", "analyst"), Vault.PASSWORD);
        alice.request().get("/audit").then().statusCode(403).contentType(startsWith("text/html"))
                .body(containsString("403 · Forbidden")).body(containsString("recorded in the audit trail"));
        alice.request().get("/no-such-page").then().statusCode(404).contentType(startsWith("text/html"))
                .body(containsString("404 · Not Found"));
        alice.request().get("/documents/no-such-document").then().statusCode(404)
                .contentType(startsWith("text/html")).body(containsString("No document no-such-document"));
        alice.request().get("/api/audit").then().statusCode(403).contentType("application/problem+json");
        alice.request().get("/api/no-such-thing").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void pagesCarryTheHardeningHeaders() {
        Response page = given().get("/login");
        String csp = page.getHeader("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self'"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(csp.contains("default-src 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertFalse(csp.contains("unsafe-eval"), csp);
        assertEquals("nosniff", page.getHeader("X-Content-Type-Options"));
        assertEquals("no-referrer", page.getHeader("Referrer-Policy"));
        assertEquals("no-store", page.getHeader("Cache-Control"));
        given().get("/api/documents").then().header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        given().get("/static/upload.js").then().statusCode(200).contentType(containsString("javascript"))
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void pagesHaveNoInlineScriptOrStyleEvenWithMarkupInNames() {
        String mallory = Vault.user("mallory", "analyst");
        Vault.upload(mallory, "<script>alert(1)</script>.txt", Samples.text(20)).then().statusCode(201);
        Vault.upload(mallory, "\" onmouseover=\"alert(1)\" x=\".pdf", Samples.pdf("q")).then().statusCode(201);
        Session ops = signIn(Vault.user("olga", "ops"), Vault.PASSWORD);
        for (String path : List.of("/", "/documents", "/operations", "/compliance")) {
            String html = ops.request().get(path).then().statusCode(200).extract().asString();
            assertFalse(html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), path + " has an inline script");
            assertFalse(html.contains(" style=\""), path + " has an inline style");
            // Inside tags only: escaped text such as a document named "<img onerror=...>" is fine.
            assertFalse(html.matches("(?s).*<[^>]*\\son[a-z]+\\s*=.*"), path + " has an inline event handler");
        }
    }

    @Test
    void cookieAuthenticatedApiCallsNeedTheTokenHeaderWhileBasicClientsDoNot() {
        String alice = Vault.user("alice", "analyst");
        Session session = signIn(alice, Vault.PASSWORD);
        byte[] text = Samples.text(1000);
        session.request().multiPart("file", "forged.txt", text).post("/api/documents").then().statusCode(403)
                .contentType("application/problem+json").body("type", containsString("csrf-rejected"));
        session.request().header("X-CSRF-Token", "made-up").multiPart("file", "forged.txt", text)
                .post("/api/documents").then().statusCode(403);
        session.request().contentType("text/plain").queryParam("name", "forged.txt").body(text).post("/api/documents")
                .then().statusCode(403).body("type", containsString("csrf-rejected"));
        Samples.assertNoDocuments(alice);
        session.request().header("X-CSRF-Token", session.token()).multiPart("file", "mine.txt", text)
                .post("/api/documents").then().statusCode(201).body("sha256", equalTo(Samples.sha256(text)));
        Vault.upload(alice, "basic.txt", Samples.text(10)).then().statusCode(201);
        Vault.as(Vault.user("audrey", "auditor")).get("/api/audit?action=csrf.rejected&actor=" + alice).then()
                .body("total", equalTo(3)).body("items.resource", hasItem("path/api/documents"));
    }

    @Test
    void aTokenMadeForOneUserDoesNotWorkForAnother() {
        Session alice = signIn(Vault.user("alice", "analyst"), Vault.PASSWORD);
        Session bob = signIn(Vault.user("bob", "analyst"), Vault.PASSWORD);
        Map<String, String> bobWithAlicesNonce = new HashMap<>(bob.cookies());
        bobWithAlicesNonce.put("strongroom-csrf", alice.cookies().get("strongroom-csrf"));
        given().redirects().follow(false).cookies(bobWithAlicesNonce).header("X-CSRF-Token", alice.token())
                .multiPart("file", "x.txt", Samples.text(10)).post("/api/documents").then().statusCode(403);
    }

    @Test
    void pageFormsWithoutTheirTokenAreRefusedAndAudited() {
        Session admin = signIn(Vault.ADMIN, Vault.ADMIN_PASSWORD);
        String name = "mallory-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        admin.request().formParam("username", name).formParam("password", "long-enough-password")
                .formParam("roles", "admin").post("/admin/users").then().statusCode(403)
                .contentType(startsWith("text/html")).body(containsString("did not carry a valid token"));
        Vault.as(Vault.ADMIN).get("/api/admin/users").then().body("username", not(hasItem(name)));
        admin.request().formParam("username", name).formParam("password", "long-enough-password")
                .formParam("roles", "analyst").formParam("csrf", admin.token()).post("/admin/users").then()
                .statusCode(303);
        Vault.as(Vault.ADMIN).get("/api/admin/users").then().body("username", hasItem(name));
        admin.request().post("/logout").then().statusCode(403);
        Vault.as(Vault.user("audrey", "auditor")).get("/api/audit?action=csrf.rejected&actor=admin").then()
                .body("items.resource", allOf(hasItem("path/admin/users"), hasItem("path/logout")));
    }

    @Test
    void signingOutIsAuditedAndDropsTheCookie() {
        String dora = Vault.user("dora", "analyst");
        Session session = signIn(dora, Vault.PASSWORD);
        Response out = session.request().formParam("csrf", session.token()).post("/logout");
        assertEquals(303, out.statusCode());
        assertTrue(out.getHeader("Location").endsWith("/login?signed-out=1"));
        assertTrue(out.getHeaders().getValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith("strongroom-session=;") && c.contains("Max-Age=0")));
        Vault.as(Vault.user("audrey", "auditor")).get("/api/audit?action=logout&actor=" + dora).then()
                .body("total", equalTo(1));
    }

    @Test
    void disablingAUserEndsTheirOpenSession() {
        String erin = Vault.user("erin", "analyst");
        Session session = signIn(erin, Vault.PASSWORD);
        session.request().get("/documents").then().statusCode(200);
        Vault.as(Vault.ADMIN).post("/api/admin/users/" + erin + "/disable").then().statusCode(200);
        session.request().get("/documents").then().statusCode(303)
                .header("Location", endsWithPath("/login?expired=1"));
        Vault.as(Vault.user("audrey", "auditor")).get("/api/audit?action=session.refused&actor=" + erin).then()
                .body("items[0].detail.reason", equalTo("disabled"));
    }

    @Test
    void legalHoldCanBeSetFromTheDocumentPageWithAReason() {
        String owner = Vault.user("fay", "analyst");
        String id = Vault.upload(owner, "contract.pdf", Samples.pdf("contract")).then().statusCode(201).extract()
                .path("id");
        Session auditor = signIn(Vault.user("audrey", "auditor"), Vault.PASSWORD);
        String page = auditor.request().get("/documents/" + id).then().statusCode(200).extract().asString();
        String token = token(FORM_TOKEN, page);
        auditor.request().formParam("csrf", token).formParam("hold", "true").formParam("reason", " ")
                .post("/documents/" + id + "/legal-hold").then().statusCode(303)
                .header("Location", endsWithPath("/documents/" + id + "?error=reason"));
        auditor.request().formParam("csrf", token).formParam("hold", "true").formParam("reason", "Litigation 2026-17")
                .post("/documents/" + id + "/legal-hold").then().statusCode(303);
        Vault.as(owner).get("/api/documents/" + id).then().body("legalHold", equalTo(true));
        Session analyst = signIn(owner, Vault.PASSWORD);
        analyst.request().formParam("csrf", analyst.token()).formParam("hold", "false").formParam("reason", "mine")
                .post("/documents/" + id + "/legal-hold").then().statusCode(403);
    }

    private static org.hamcrest.Matcher<String> endsWithPath(String path) {
        return org.hamcrest.Matchers.endsWith(path);
    }
}

package dev.strongroom.support;

import static io.restassured.RestAssured.given;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.MultiPartConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import org.apache.http.entity.mime.HttpMultipartMode;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helpers that act as vault users through the real HTTP API. */
public final class Vault {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String PASSWORD = "correct-horse-battery";
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private Vault() {
    }

    /** Browsers send file names as raw UTF-8; so does this client. */
    private static final RestAssuredConfig UTF8_MULTIPART = RestAssuredConfig.config()
            .httpClient(HttpClientConfig.httpClientConfig().httpMultipartMode(HttpMultipartMode.BROWSER_COMPATIBLE))
            .multiPartConfig(MultiPartConfig.multiPartConfig().defaultCharset(StandardCharsets.UTF_8));

    public static RequestSpecification as(String user) {
        return given().config(UTF8_MULTIPART).auth().preemptive().basic(user,
                ADMIN.equals(user) ? ADMIN_PASSWORD : PASSWORD);
    }

    /** Creates a user with a unique name and the given roles; returns the name. */
    public static String user(String prefix, String... roles) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        as(ADMIN).contentType("application/json")
                .body(Map.of("username", name, "password", PASSWORD, "roles", List.of(roles)))
                .post("/api/admin/users").then().statusCode(201);
        return name;
    }

    public static Response upload(String user, String fileName, byte[] bytes) {
        return as(user).multiPart("file", fileName, bytes).post("/api/documents");
    }

    /** Uploads the file as the request's body, as scripts do: {@code POST /api/documents?name=...}. */
    public static Response uploadRaw(String user, String fileName, byte[] bytes) {
        return as(user).contentType("application/octet-stream").queryParam("name", fileName).body(bytes)
                .post("/api/documents");
    }

    /** Signs in through the sign-in form, as a browser does, and returns the HTML of a page. */
    public static String page(String user, String path) {
        return given().redirects().follow(false).cookies(signIn(user)).get(path).then().statusCode(200).extract()
                .asString();
    }

    /** Signs in through the sign-in form, as a browser does; returns the session's cookies. */
    public static Map<String, String> signIn(String user) {
        Response login = given().redirects().follow(false).get("/login");
        Map<String, String> cookies = new HashMap<>(login.getCookies());
        Matcher token = FORM_TOKEN.matcher(login.asString());
        if (!token.find()) {
            throw new AssertionError("no CSRF token on the sign-in page");
        }
        Response post = given().redirects().follow(false).cookies(cookies).formParam("j_username", user)
                .formParam("j_password", ADMIN.equals(user) ? ADMIN_PASSWORD : PASSWORD)
                .formParam("csrf", token.group(1)).post("/j_security_check");
        if (post.statusCode() != 302) {
            throw new AssertionError("sign-in of " + user + " answered " + post.statusCode());
        }
        cookies.putAll(post.getCookies());
        return cookies;
    }

    /** The CSRF token of a page's forms. */
    public static String formToken(String html) {
        Matcher token = FORM_TOKEN.matcher(html);
        if (!token.find()) {
            throw new AssertionError("no form with a CSRF token on the page");
        }
        return token.group(1);
    }
}

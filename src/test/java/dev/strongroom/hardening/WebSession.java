package dev.strongroom.hardening;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser's cookies and the CSRF token of its current page, signed in through the form. */
record WebSession(Map<String, String> cookies, String token) {

    static final String COOKIE = "strongroom-session";
    static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    static final Pattern META_TOKEN = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    static WebSession signIn(String user, String password) {
        LoginAttempt attempt = postLogin(user, password);
        Response post = attempt.response();
        assertEquals(302, post.statusCode(), "sign-in redirects to the start page");
        Map<String, String> cookies = new HashMap<>(attempt.formCookies());
        cookies.putAll(post.getCookies());
        assertNotNull(cookies.get(COOKIE), "signed in");
        Response start = given().redirects().follow(false).cookies(cookies).get("/");
        assertEquals(200, start.statusCode());
        return new WebSession(cookies, token(META_TOKEN, start.asString()));
    }

    /** The answer to a sign-in form post and the cookies the form page had set. */
    record LoginAttempt(Response response, Map<String, String> formCookies) {
    }

    /** The sign-in form as a browser submits it, with the form's own CSRF token. */
    static LoginAttempt postLogin(String user, String password) {
        Response login = given().redirects().follow(false).get("/login");
        Map<String, String> cookies = login.getCookies();
        Response post = given().redirects().follow(false).cookies(cookies).formParam("j_username", user)
                .formParam("j_password", password).formParam("csrf", token(FORM_TOKEN, login.asString()))
                .post("/j_security_check");
        return new LoginAttempt(post, cookies);
    }

    static String token(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        assertTrue(m.find(), "the page carries a CSRF token");
        return m.group(1);
    }

    RequestSpecification request() {
        return given().redirects().follow(false).cookies(cookies);
    }
}

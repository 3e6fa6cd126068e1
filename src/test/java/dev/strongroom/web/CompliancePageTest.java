package dev.strongroom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The compliance page over plain HTTP: auditors start a report from its form and find it listed. */
@QuarkusTest
class CompliancePageTest {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @Test
    void anAuditorStartsAReportFromThePageAndSeesItListedWhileAnalystsAreRefused() {
        String auditor = Vault.user("aude", "auditor");
        WebSessionTest.Session session = WebSessionTest.signIn(auditor, Vault.PASSWORD);
        String page = session.request().get("/compliance").then().statusCode(200).extract().asString();
        assertTrue(page.contains("href=\"/compliance\""), "the navigation links the page");
        Matcher token = FORM_TOKEN.matcher(page.substring(page.indexOf("id=\"report-form\"")));
        assertTrue(token.find());

        Response started = session.request().formParam("csrf", token.group(1)).formParam("from", "2026-01-01")
                .formParam("to", "2026-01-02").post("/compliance/reports");
        assertEquals(303, started.statusCode(), started::asString);
        String location = started.getHeader("Location");
        String id = location.substring(location.indexOf("report=") + "report=".length());
        String after = session.request().get(location).then().statusCode(200).extract().asString();
        assertTrue(after.contains("id=\"report-" + id + "\""), after);
        assertTrue(after.contains("/static/progress.js"));

        Response noToken = session.request().formParam("from", "2026-01-01").post("/compliance/reports");
        assertEquals(403, noToken.statusCode());
        Response badDay = session.request().formParam("csrf", token.group(1)).formParam("from", "yesterday")
                .post("/compliance/reports");
        assertEquals(400, badDay.statusCode());
        assertTrue(badDay.asString().contains("must be a UTC day"), badDay::asString);

        WebSessionTest.Session analyst = WebSessionTest.signIn(Vault.user("anna", "analyst"), Vault.PASSWORD);
        assertEquals(403, analyst.request().get("/compliance").statusCode());
    }
}

package dev.strongroom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.StatementFiles;
import dev.strongroom.support.StatementFiles.Line;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The statements pages over plain HTTP: the analyst finds the statement with its state, its lines with the
 * receipts backing them and the options offered, confirms an option and clears a line from the page; an
 * auditor reads the same page without the forms; another analyst does not find it.
 */
@QuarkusTest
class StatementPagesTest {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void theAnalystConfirmsAndClearsMatchesOnThePageAndAnAuditorReadsIt() {
        String alice = Vault.user("alice", "analyst");
        String northwind = StatementFiles.receipt(alice, "Northwind Stationery Ltd", "2026-07-02", "15.12");
        String luna1 = StatementFiles.receipt(alice, "Cafe Luna", "2026-07-03", "3.50");
        String luna2 = StatementFiles.receipt(alice, "Cafe Luna", "2026-07-03", "3.50");
        String id = StatementFiles.upload(alice, "july.csv", StatementFiles.csv("FR7630006000011234567890189", "100.00",
                List.of(new Line("2026-07-03", "NORTHWIND STATIONE BRISTOL", "-15.12", "EUR"),
                        new Line("2026-07-03", "CAFE LUNA", "-3.50", "EUR"),
                        new Line("2026-07-05", "ACME HARDWARE", "-99.99", "EUR"))), "statement");
        StatementFiles.awaitStatement(alice, id, "report.csv", WAIT);

        WebSessionTest.Session session = WebSessionTest.signIn(alice, Vault.PASSWORD);
        String list = session.request().get("/statements").then().statusCode(200).extract().asString();
        assertTrue(list.contains("href=\"/statements\""), "the navigation links the page");
        assertTrue(list.contains("href=\"/statements/" + id + "\""), list);
        assertTrue(list.contains("july.csv") && list.contains("reconciled"), list);
        String upload = session.request().get("/upload?retentionClass=statement").then().statusCode(200).extract()
                .asString();
        assertTrue(upload.matches("(?s).*<option value=\"statement\"[^>]*selected.*"), "the upload form is preset");

        String page = session.request().get("/statements/" + id).then().statusCode(200).extract().asString();
        String line2 = row(page, 2);
        assertTrue(line2.contains(">matched<") && line2.contains("/documents/" + northwind), line2);
        String line3 = row(page, 3);
        assertTrue(line3.contains(">suggested<") && line3.contains(luna1) && line3.contains(luna2), line3);
        assertTrue(row(page, 4).contains("missing receipt"), row(page, 4));
        assertTrue(page.contains("href=\"/api/statements/" + id + "/report.csv\""), "the report is linked");

        Matcher token = FORM_TOKEN.matcher(line3);
        assertTrue(token.find(), "the owner has the forms");
        Response confirmed = session.request().formParam("csrf", token.group(1)).formParam("receipt", luna2)
                .post("/statements/" + id + "/lines/3/match");
        assertEquals(303, confirmed.statusCode(), confirmed::asString);
        String location = confirmed.getHeader("Location");
        assertTrue(location.endsWith("#line-3"), "back at the line: " + location);
        // A browser keeps the fragment to itself.
        String after = session.request().get(location.substring(0, location.indexOf('#'))).then().statusCode(200)
                .extract().asString();
        assertTrue(after.contains("Line 3: your choice of receipts is recorded"), after);
        assertTrue(row(after, 3).contains(">confirmed<") && row(after, 3).contains("confirmed by " + alice), row(after, 3));
        Vault.as(alice).get("/api/statements/" + id + "/lines/3").then().statusCode(200)
                .body("receipts[0].id", org.hamcrest.Matchers.equalTo(luna2));

        Response cleared = session.request().formParam("csrf", token.group(1)).post("/statements/" + id + "/lines/2/clear");
        assertEquals(303, cleared.statusCode(), cleared::asString);
        Vault.as(alice).get("/api/statements/" + id + "/lines/2").then().statusCode(200)
                .body("matchState", org.hamcrest.Matchers.equalTo("UNMATCHED"));
        // A receipt that backs another line is refused, shown as the API's problem.
        Response taken = session.request().formParam("csrf", token.group(1)).formParam("receipts", luna2)
                .post("/statements/" + id + "/lines/4/match");
        assertEquals(409, taken.statusCode());
        assertTrue(taken.asString().contains("line 3"), taken::asString);
        assertEquals(403, session.request().formParam("receipt", luna1).post("/statements/" + id + "/lines/4/match")
                .statusCode(), "no CSRF token, no change");

        WebSessionTest.Session audrey = WebSessionTest.signIn(Vault.user("audrey", "auditor"), Vault.PASSWORD);
        String read = audrey.request().get("/statements/" + id).then().statusCode(200).extract().asString();
        assertTrue(row(read, 3).contains(">confirmed<"), row(read, 3));
        assertFalse(read.contains("/lines/3/match"), "an auditor reads, and decides nothing");
        WebSessionTest.Session bob = WebSessionTest.signIn(Vault.user("bob", "analyst"), Vault.PASSWORD);
        assertEquals(404, bob.request().get("/statements/" + id).statusCode());
        assertFalse(bob.request().get("/statements").then().statusCode(200).extract().asString().contains(id));
    }

    private static String row(String page, int line) {
        int start = page.indexOf("id=\"line-" + line + "\"");
        assertTrue(start >= 0, "line " + line + " is on the page");
        return page.substring(start, page.indexOf("</tr>", start));
    }
}

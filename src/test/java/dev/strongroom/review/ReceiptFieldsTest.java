package dev.strongroom.review;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * People check and correct what the vault read from a receipt: through the API and on the document page;
 * the extraction is kept, the correction audited with old and new values, search uses the new values,
 * and the review queue lists the documents with unsure fields until someone has checked them.
 */
@QuarkusTest
class ReceiptFieldsTest {

    /** 03/11/2026 could be 3 November or 11 March: the date is read day first, and flagged as unsure. */
    static final String RECEIPT = String.join("\n", "Northwind Stationery Ltd", "12 Harbour Street, Bristol",
            "Date: 03/11/2026", "Paper 12.60", "Subtotal 12.60", "VAT 20% 2.52", "TOTAL GBP 15.12", "");

    static String uploadReceipt(String user, String name, String text) {
        String id = Vault.as(user).multiPart("file", name, text.getBytes(StandardCharsets.UTF_8))
                .multiPart("retentionClass", "receipt").post("/api/documents").then().statusCode(201).extract()
                .path("id");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> "EXTRACTED"
                .equals(Vault.as(user).get("/api/documents/" + id).then().extract().path("metadataState")));
        return id;
    }

    @Test
    void anAnalystCorrectsAFieldTheExtractionIsKeptTheChangeIsAuditedAndSearchUsesIt() {
        String alice = Vault.user("alice", "analyst");
        String id = uploadReceipt(alice, "northwind.txt", RECEIPT);

        JsonPath fields = Vault.as(alice).get("/api/documents/" + id + "/fields").then().statusCode(200).extract()
                .jsonPath();
        assertEquals("NEEDS_REVIEW", fields.getString("review"));
        assertEquals("15.12", fields.getString("fields.find { it.field == 'total' }.value"));
        assertEquals("line 7", fields.getString("fields.find { it.field == 'total' }.at"));
        assertEquals("TOTAL GBP 15.12", fields.getString("fields.find { it.field == 'total' }.source"));
        assertEquals(true, fields.getBoolean("fields.find { it.field == 'date' }.unsure"));
        Vault.as(alice).get("/api/review-queue").then().statusCode(200).body("items.id", hasItem(id))
                .body("items.find { it.id == '" + id + "' }.unsureFields", contains("date"));

        // The date is confirmed as read, the total corrected.
        JsonPath after = Vault.as(alice).contentType("application/json")
                .body(Map.of("fields", Map.of("date", "2026-11-03", "total", "15.21", "tax", "2.25"), "reason",
                        "typo on the till"))
                .put("/api/documents/" + id + "/fields").then().statusCode(200).extract().jsonPath();
        assertEquals("REVIEWED", after.getString("review"));
        assertEquals("15.21", after.getString("fields.find { it.field == 'total' }.value"));
        assertEquals("15.12", after.getString("fields.find { it.field == 'total' }.extracted"));
        assertEquals(alice, after.getString("fields.find { it.field == 'total' }.correctedBy"));
        assertEquals(false, after.getBoolean("fields.find { it.field == 'date' }.unsure"));
        // The sidecar still says what was extracted.
        Vault.as(alice).get("/api/documents/" + id).then().body("metadata.receipt.total.amount", equalTo("15.12"));
        Vault.as(alice).get("/api/review-queue").then().body("items.id", not(hasItem(id)));

        String auditor = Vault.user("audrey", "auditor");
        JsonPath done = Vault.as(auditor).queryParam("documentId", id).queryParam("action", "metadata.correct")
                .get("/api/audit").then().statusCode(200).extract().jsonPath();
        assertEquals(alice, done.getString("items[0].actor"));
        assertEquals("15.12", done.getString("items[0].detail.'total.old'"));
        assertEquals("15.21", done.getString("items[0].detail.'total.new'"));
        Vault.as(auditor).queryParam("documentId", id).queryParam("action", "metadata.correct.intent").get("/api/audit")
                .then().body("items[0].detail.reason", equalTo("typo on the till"))
                .body("items[0].detail.correctionId", equalTo(done.getString("items[0].detail.correctionId")));

        // Search uses the value in effect.
        Vault.as(alice).queryParam("totalMin", "15.2").queryParam("totalMax", "15.3").get("/api/documents").then()
                .body("items.id", contains(id));
        Vault.as(alice).queryParam("q", "15.21").get("/api/documents").then().body("items.id", contains(id));
        // A corrected tax is an amount the receipt does not print, and is found all the same.
        Vault.as(alice).queryParam("q", "2.25").get("/api/documents").then().body("items.id", contains(id));
    }

    @Test
    void onlyTheOwnerAndAuditorsMayCorrectAndBadValuesAreNamed() {
        String alice = Vault.user("alice", "analyst");
        String bob = Vault.user("bob", "analyst");
        String olga = Vault.user("olga", "ops");
        String id = uploadReceipt(alice, "mine.txt", RECEIPT);
        Map<String, Object> body = Map.of("fields", Map.of("vendor", "Someone Else Ltd"));
        Vault.as(bob).contentType("application/json").body(body).put("/api/documents/" + id + "/fields").then()
                .statusCode(404);
        Vault.as(olga).contentType("application/json").body(body).put("/api/documents/" + id + "/fields").then()
                .statusCode(403);
        Vault.as(alice).contentType("application/json").body(Map.of("fields", Map.of("date", "03/11/2026")))
                .put("/api/documents/" + id + "/fields").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("'date'"));
        Vault.as(alice).contentType("application/json").body(Map.of("fields", Map.of("colour", "red")))
                .put("/api/documents/" + id + "/fields").then().statusCode(400).body("detail", containsString("colour"));
        Vault.as(alice).contentType("application/json").body(Map.of("fields", Map.of()))
                .put("/api/documents/" + id + "/fields").then().statusCode(400);
        String auditor = Vault.user("audrey", "auditor");
        Vault.as(auditor).contentType("application/json").body(Map.of("fields", Map.of("currency", "eur")))
                .put("/api/documents/" + id + "/fields").then().statusCode(200)
                .body("fields.find { it.field == 'currency' }.value", equalTo("EUR"));
        // Bob's queue does not show Alice's document.
        Vault.as(bob).get("/api/review-queue").then().body("items", empty());
    }

    @Test
    void theDocumentPageShowsTheFieldsAndSavesACorrectionAndTheReviewPageListsUnsureDocuments() {
        String alice = Vault.user("alice", "analyst");
        String id = uploadReceipt(alice, "page.txt", RECEIPT);
        Map<String, String> cookies = Vault.signIn(alice);
        String review = given().cookies(cookies).get("/review").then().statusCode(200).extract().asString();
        assertTrue(review.contains("/documents/" + id) && review.contains(">date<"), review);

        String page = given().cookies(cookies).get("/documents/" + id).then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"receipt-fields\"") && page.contains("needs review"), page);
        assertTrue(page.contains("TOTAL GBP 15.12") && page.contains("line 7"), "the source and where it is");
        given().redirects().follow(false).cookies(cookies).formParam("csrf", Vault.formToken(page))
                .formParam("vendor", "Northwind Stationery Limited").formParam("date", "2026-11-03")
                .formParam("total", "15.12").formParam("currency", "GBP").formParam("tax", "2.52")
                .formParam("reason", "full name").post("/documents/" + id + "/fields").then().statusCode(303)
                .header("Location", containsString("done=corrected"));
        String saved = given().cookies(cookies).get("/documents/" + id).then().extract().asString();
        assertTrue(saved.contains("Northwind Stationery Limited") && saved.contains("corrected by " + alice), saved);
        assertTrue(!saved.contains("id=\"needs-review\""), "checked, so no longer unsure");
        Vault.as(alice).queryParam("vendor", "NORTHWIND stationery limited").get("/api/documents").then()
                .body("items.id", contains(id));
        List<String> queue = Vault.as(alice).get("/api/review-queue").then().extract().path("items.id");
        assertTrue(!queue.contains(id), queue.toString());

        String bad = given().redirects().follow(false).cookies(cookies).formParam("csrf", Vault.formToken(saved))
                .formParam("total", "twelve").post("/documents/" + id + "/fields").then().statusCode(303).extract()
                .header("Location");
        String shown = given().urlEncodingEnabled(false).cookies(cookies).get(bad).then().extract().asString();
        assertTrue(shown.contains("must be an amount"), shown);
    }
}

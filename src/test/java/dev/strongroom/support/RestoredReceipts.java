package dev.strongroom.support;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Two receipts as an analyst leaves them before a loss, and what she finds after a restore: one corrected (its
 * total typed again, its unsure date confirmed), one with an unsure date still waiting for review.
 */
public final class RestoredReceipts {

    /** 03/11/2026 could be 3 November or 11 March: the date is read day first, and flagged as unsure. */
    public static final String CORRECTED = String.join("\n", "Northwind Stationery Ltd", "12 Harbour Street, Bristol",
            "Date: 03/11/2026", "Paper 12.60", "Subtotal 12.60", "VAT 20% 2.52", "TOTAL GBP 15.12", "");
    public static final String UNSURE = String.join("\n", "Fabrikam Hardware GmbH", "Date: 04/05/2026",
            "Screws 3.40", "TOTAL EUR 3.40", "");

    private RestoredReceipts() {
    }

    /** The correction the analyst makes to {@link #CORRECTED}; returns the fields as she then sees them. */
    public static List<Object> correct(String analyst, String id) {
        Vault.as(analyst).contentType("application/json")
                .body(Map.of("fields", Map.of("date", "2026-11-03", "total", "15.21"), "reason", "typo on the till"))
                .put("/api/documents/" + id + "/fields").then().statusCode(200);
        return Vault.as(analyst).get("/api/documents/" + id + "/fields").then().statusCode(200).extract().jsonPath()
                .getList("fields");
    }

    /**
     * Search finds both by what they say, the filters by their vendor and corrected total, the review queue
     * holds the unsure one only, and the corrected one's fields are as they were.
     */
    public static void foundFilteredAndReviewedAsBefore(String analyst, String corrected, String unsure,
            List<Object> correctedFields) {
        Awaitility.await("the restored receipts in the search index").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    Vault.as(analyst).queryParam("q", "Fabrikam").get("/api/documents").then()
                            .body("items.id", contains(unsure));
                    Vault.as(analyst).queryParam("q", "Harbour Street").get("/api/documents").then()
                            .body("items.id", contains(corrected));
                });
        Vault.as(analyst).queryParam("vendor", "fabrikam hardware gmbh").get("/api/documents").then()
                .body("items.id", contains(unsure));
        Vault.as(analyst).queryParam("totalMin", "15.2").queryParam("totalMax", "15.3").get("/api/documents").then()
                .body("items.id", contains(corrected));
        Vault.as(analyst).get("/api/review-queue").then().body("items.id", hasItem(unsure))
                .body("items.id", not(hasItem(corrected)));
        Vault.as(analyst).get("/api/documents/" + corrected + "/fields").then().statusCode(200)
                .body("review", equalTo("REVIEWED")).body("fields", equalTo(correctedFields));
        Vault.as(analyst).get("/api/documents/" + unsure + "/fields").then().statusCode(200)
                .body("review", equalTo("NEEDS_REVIEW"));
    }
}

package dev.strongroom.catalog;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SearchTest {

    private static void upload(String user, String name, byte[] bytes, String description, String tags) {
        Vault.as(user).multiPart("file", name, bytes).multiPart("description", description).multiPart("tags", tags)
                .post("/api/documents").then().statusCode(201);
    }

    @Test
    void findsByTextInNameDescriptionOrTag() {
        String alice = Vault.user("alice", "analyst");
        upload(alice, "acme-invoice.txt", Samples.text(100), "October office supplies", "supplies");
        upload(alice, "taxi.txt", Samples.text(110), "Airport taxi", "travel, q4");
        upload(alice, "hotel.pdf", Samples.pdf("Hotel"), "Berlin trip 100% refundable", "travel");
        Vault.as(alice).get("/api/documents?q=ACME").then().body("items.fileName", contains("acme-invoice.txt"));
        Vault.as(alice).get("/api/documents?q=office").then().body("items.fileName", contains("acme-invoice.txt"));
        Vault.as(alice).get("/api/documents?q=travel&sort=name&order=asc").then()
                .body("items.fileName", contains("hotel.pdf", "taxi.txt"));
        // Whole-text search: "100%" alone also finds "line 100" in taxi.txt's text; with the next word only the hotel.
        Vault.as(alice).queryParam("q", "100% refundable").get("/api/documents").then()
                .body("items.fileName", contains("hotel.pdf"));
        Vault.as(alice).get("/api/documents?q=_").then().body("total", equalTo(0));
        Vault.as(alice).get("/api/documents?type=application/pdf").then().body("items.fileName", contains("hotel.pdf"));
    }

    @Test
    void auditorFiltersByOwnerAndDateRangeAndPages() {
        String alice = Vault.user("alice", "analyst");
        String bob = Vault.user("bob", "analyst");
        String auditor = Vault.user("audrey", "auditor");
        Instant before = Instant.now().minus(1, ChronoUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            upload(alice, "a" + i + ".txt", Samples.text(100 + i), "d", "t");
        }
        upload(bob, "b.txt", Samples.text(120), "d", "t");
        Vault.as(auditor).get("/api/documents?owner=" + alice + "&sort=name&order=asc&size=2&page=1").then()
                .body("total", equalTo(3)).body("items.fileName", contains("a2.txt"));
        Vault.as(auditor).get("/api/documents?owner=" + bob + "&from=" + before).then()
                .body("items.fileName", contains("b.txt"));
        Vault.as(auditor).get("/api/documents?owner=" + bob + "&to=" + before).then().body("total", equalTo(0));
        Vault.as(alice).get("/api/documents?owner=" + bob).then().body("items.owner",
                containsInAnyOrder(alice, alice, alice));
    }
}

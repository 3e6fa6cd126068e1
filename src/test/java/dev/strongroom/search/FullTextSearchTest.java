package dev.strongroom.search;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

/**
 * Search over the whole text on the Lucene index: accents and case do not matter, English words are
 * stemmed, an amount is found in any format, a word on page 40 is found, filters and facets work on the
 * receipt fields. Through the real API, on documents the real extractor read.
 */
@QuarkusTest
class FullTextSearchTest {

    static String upload(String user, String name, byte[] bytes, String retentionClass) {
        String id = Vault.as(user).multiPart("file", name, bytes).multiPart("retentionClass", retentionClass)
                .multiPart("tags", "travel").post("/api/documents").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> "EXTRACTED"
                .equals(Vault.as(user).get("/api/documents/" + id).then().extract().path("metadataState")));
        return id;
    }

    @Test
    void accentsCaseStemsAmountsAndLatePagesAreAllFound() {
        String alice = Vault.user("alice", "analyst");
        String zurich = upload(alice, "zurich.txt", String.join("\n", "Café Zürich", "Bahnhofstrasse 1, Zürich",
                "Datum: 14.03.2026", "Kaffee 4,50", "MwSt 8,1% 0,36", "Summe CHF 1.893,40", "").getBytes(StandardCharsets.UTF_8),
                "receipt");
        String saoPaulo = upload(alice, "sp.txt", String.join("\n", "Papelaria São Paulo Ltda", "Data: 02/01/2026",
                "Valor total R$ 77,10", "").getBytes(StandardCharsets.UTF_8), "receipt");
        String english = upload(alice, "travel.txt", ("The invoices for the conference travel were approved by the "
                + "finance team last week. Each traveller submitted receipts for hotels, trains and meals, and the "
                + "accounting department reconciled them with the corporate card statements.\n")
                .getBytes(StandardCharsets.UTF_8), "default");
        String longPdf = upload(alice, "terms.pdf", pdf(40, "Quixotic clause"), "default");
        String photo = upload(alice, "IMG_0042.jpg", dev.strongroom.support.Corpus.jpegWithExif(), "default");

        Vault.as(alice).queryParam("q", "cafe zurich").get("/api/documents").then().body("items.id", contains(zurich));
        Vault.as(alice).queryParam("q", "ZÜRICH").get("/api/documents").then().body("items.id", contains(zurich));
        Vault.as(alice).queryParam("q", "Sao Paulo").get("/api/documents").then().body("items.id", contains(saoPaulo));
        Vault.as(alice).queryParam("q", "1893.4").get("/api/documents").then().body("items.id", contains(zurich));
        Vault.as(alice).queryParam("q", "1.893,40").get("/api/documents").then().body("items.id", contains(zurich));
        Vault.as(alice).queryParam("q", "invoice receipt").get("/api/documents").then()
                .body("items.id", contains(english));
        Vault.as(alice).queryParam("q", "quixotic").get("/api/documents").then().body("items.id", contains(longPdf));
        // A photo's EXIF title ("Taxi receipt photographed on the road") is searchable.
        Vault.as(alice).queryParam("q", "photographed road").get("/api/documents").then()
                .body("items.id", contains(photo));

        // Filters on the receipt fields, and facets.
        Vault.as(alice).queryParam("vendor", "cafe zurich").get("/api/documents").then()
                .body("items.id", contains(zurich));
        Vault.as(alice).queryParam("currency", "BRL").get("/api/documents").then().body("items.id", contains(saoPaulo));
        Vault.as(alice).queryParam("dateFrom", "2026-03-01").queryParam("dateTo", "2026-03-31").get("/api/documents")
                .then().body("items.id", contains(zurich));
        Vault.as(alice).queryParam("totalMin", "1000").get("/api/documents").then().body("items.id", contains(zurich));
        Vault.as(alice).queryParam("tag", "travel").queryParam("sort", "total").queryParam("order", "asc")
                .get("/api/documents").then().body("items.id[0]", equalTo(saoPaulo))
                .body("items.id", containsInAnyOrder(zurich, saoPaulo, english, longPdf, photo));
        Vault.as(alice).queryParam("facets", "true").get("/api/documents").then()
                .body("facets.vendor.value", hasItem("Café Zürich"))
                .body("facets.currency.find { it.value == 'CHF' }.count", equalTo(1));
        Vault.as(alice).queryParam("currency", "EURO").get("/api/documents").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("currency"));

        // Another analyst sees none of them.
        String bob = Vault.user("bob", "analyst");
        Vault.as(bob).queryParam("q", "zurich").get("/api/documents").then().body("total", equalTo(0));
        // The search is audited as before, with its new filters.
        String auditor = Vault.user("audrey", "auditor");
        Vault.as(auditor).queryParam("actor", alice).queryParam("action", "document.search").get("/api/audit").then()
                .body("items.detail.currency", hasItem("BRL"));
    }

    static byte[] pdf(int pages, String lastPageWords) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int p = 1; p <= pages; p++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                    text.beginText();
                    text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                    text.newLineAtOffset(72, 700);
                    text.showText(p == pages ? lastPageWords + " on page " + p : "General terms, page " + p + " of " + pages);
                    text.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

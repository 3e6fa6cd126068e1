package dev.strongroom.search;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.catalog.DocumentEditor;
import dev.strongroom.catalog.DocumentFacetFilter;
import dev.strongroom.catalog.DocumentQuery;
import dev.strongroom.catalog.DocumentService;
import dev.strongroom.catalog.DocumentView;
import dev.strongroom.catalog.Viewer;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    @Inject
    DocumentEditor editor;
    @Inject
    DocumentService documents;

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

    @Test
    void aDescriptionAndTagEditedAfterUploadAreSearchedWithFolding() {
        String carla = Vault.user("carla", "analyst");
        String id = upload(carla, "parking.txt", "Parking ticket, level 2\n".getBytes(StandardCharsets.UTF_8),
                "default");
        Viewer viewer = new Viewer(carla, false, false);

        editor.edit(id, "Reimbursed by Zéphyrine", Set.of("roadtrip"), 50, viewer);

        // The edit marks the index; until the indexer takes it the document matches by its previous state.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> Vault.as(carla)
                .queryParam("q", "zephyrine").get("/api/documents").then().body("items.id", contains(id)));
        // The list page's tag facet narrows the index's search, accents folded as everywhere else.
        DocumentQuery query = new DocumentQuery(null, null, null, null, null, "ZEPHYRINE", null, false, 0, 20);
        assertEquals(List.of(id), documents.search(query, new DocumentFacetFilter("roadtrip", null, null), viewer)
                .items().stream().map(DocumentView::id).toList());
        assertEquals(List.of(), documents.search(query, new DocumentFacetFilter("travel", null, null), viewer)
                .items());
    }

    @Test
    void theDocumentListOffersVendorAndCurrencyFacetsAndReceiptFilters() {
        String dora = Vault.user("dora", "analyst");
        String zurich = upload(dora, "zurich.txt", String.join("\n", "Café Zürich", "Datum: 14.03.2026",
                "Summe CHF 1.893,40", "").getBytes(StandardCharsets.UTF_8), "receipt");
        String saoPaulo = upload(dora, "sp.txt", String.join("\n", "Papelaria São Paulo Ltda", "Data: 02/01/2026",
                "Valor total R$ 77,10", "").getBytes(StandardCharsets.UTF_8), "receipt");
        Map<String, String> cookies = Vault.signIn(dora);

        String all = page(cookies, "/documents");
        assertTrue(all.contains("id=\"facet-vendors\"") && all.contains(">Café Zürich</a>")
                && all.contains(">Papelaria São Paulo Ltda</a>"), all);
        assertTrue(all.contains("id=\"facet-currencies\"") && all.contains(">CHF</a>") && all.contains(">BRL</a>"), all);
        // The vendor facet's link, and a vendor typed without accents, narrow the list alike.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            String byVendor = page(cookies, "/documents?vendor=cafe+zurich");
            assertTrue(byVendor.contains("/documents/" + zurich) && !byVendor.contains("/documents/" + saoPaulo));
        });
        String byTotal = page(cookies, "/documents?totalMin=1000&dateFrom=2026-03-01");
        assertTrue(byTotal.contains("/documents/" + zurich) && !byTotal.contains("/documents/" + saoPaulo), byTotal);
        // Narrowed by legal hold too: the catalog's SQL answers, with the same receipt filters.
        String byCurrency = page(cookies, "/documents?currency=BRL&hold=off");
        assertTrue(byCurrency.contains("/documents/" + saoPaulo) && !byCurrency.contains("/documents/" + zurich),
                byCurrency);
        String bad = given().cookies(cookies).get("/documents?totalMin=lots").then()
                .statusCode(400).extract().asString();
        assertTrue(bad.contains("totalMin"), bad);
    }

    private static String page(Map<String, String> cookies, String path) {
        return given().urlEncodingEnabled(false).cookies(cookies).get(path).then()
                .statusCode(200).extract().asString();
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
                    // Each page's filler is long enough that the last page lies beyond the catalog's 2,000-character excerpt:
                    // only the whole text, read from document_text, finds it.
                    text.showText(p == pages ? lastPageWords + " on page " + p : "General terms, page " + p + " of "
                            + pages + ": the parties agree to settle every account within thirty days of delivery");
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

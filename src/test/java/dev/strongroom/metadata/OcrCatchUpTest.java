package dev.strongroom.metadata;

import dev.strongroom.metadata.extract.Tesseract;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.ReceiptImages.Receipt;
import dev.strongroom.support.ReceiptImages;
import dev.strongroom.support.TesseractInstalled;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A host without Tesseract: the vault says so in health and on the operations page, keeps photographed
 * receipts ocr-pending with the metadata it could read, and catches up by itself once Tesseract
 * appears, without a restart.
 */
@QuarkusTest
@TestProfile(OcrCatchUpTest.TesseractNotYetInstalled.class)
class OcrCatchUpTest {

    /**
     * Where this vault looks for Tesseract: nothing there until the test installs it (a link to the real
     * one). Kept in a system property because Quarkus loads this class twice (for the profile and for the
     * test), and both must name the same directory.
     */
    static final Path BIN = Path.of(System.getProperties().computeIfAbsent("ocr-catch-up-test.bin",
            k -> Path.of("target", "ocr-catch-up-" + UUID.randomUUID(), "bin").toAbsolutePath().toString())
            .toString());

    public static class TesseractNotYetInstalled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("strongroom.metadata.ocr.command", BIN.resolve("tesseract").toString(),
                    "strongroom.metadata.ocr.probe-every", "1s");
        }
    }

    @Test
    void withoutTesseractTheVaultSaysSoAndCatchesUpWhenItAppears() throws IOException {
        TesseractInstalled.require();
        Map<String, Object> ocr = ocrHealth();
        assertEquals("DOWN", ocr.get("status"), ocr::toString);
        assertTrue(data(ocr).get("problem").toString().contains("Tesseract not found"), ocr::toString);
        String ops = Vault.user("olga", "ops");
        String page = Vault.page(ops, "/operations");
        assertTrue(page.contains("Tesseract not found"), "the operations page names the problem");

        String alice = Vault.user("alice", "analyst");
        Receipt printed = new Receipt("Marlowe Ironmongers", "5 Quay Street, Bristol", "2026-03-09", "2026-03-09",
                "Hinges", "23.80", "GBP");
        String id = OcrTest.upload(alice, "photo-0309.png", ReceiptImages.png(ReceiptImages.draw(printed, -1.0, 7)));
        JsonPath waiting = OcrTest.poll(Duration.ofSeconds(120), () -> {
            JsonPath d = Vault.as(alice).get("/api/documents/" + id).then().statusCode(200).extract().jsonPath();
            return "pending".equals(d.getString("metadata.ocr.state")) ? d : null;
        });
        assertEquals("DEFERRED", waiting.getString("metadataState"));
        assertEquals("ocr-pending", waiting.getString("metadata.reason"));
        assertEquals("image/png", waiting.getString("metadata.detectedType"));
        Vault.as(alice).get("/api/documents?q=marlowe").then().body("total", equalTo(0));
        assertTrue(((Number) data(ocrHealth()).get("waitingForOcr")).intValue() >= 1);

        Files.createDirectories(BIN);
        Files.createSymbolicLink(BIN.resolve("tesseract"), TesseractInstalled.TESSERACT);

        JsonPath done = OcrTest.awaitOcr(alice, id);
        assertEquals("EXTRACTED", done.getString("metadataState"), done::prettify);
        assertEquals("done", done.getString("metadata.ocr.state"));
        assertEquals(printed.total(), done.getString("metadata.receipt.total.amount"), done::prettify);
        Vault.as(alice).get("/api/documents?q=marlowe").then().body("items.id", contains(id));
        assertEquals("UP", ocrHealth().get("status"));
        RestAssured.get("/q/health/well").then().body(containsString("tesseract 5"));
    }

    private static Map<String, Object> ocrHealth() {
        return RestAssured.get("/q/health/well").then().extract().jsonPath().getMap("checks.find { it.name == 'ocr' }");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> check) {
        return (Map<String, Object>) check.get("data");
    }
}

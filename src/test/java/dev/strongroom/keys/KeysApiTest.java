package dev.strongroom.keys;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.backup.MotoEmulator;
import dev.strongroom.backup.MotoTestResource;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The key history as an outsider sees it (no login), receipts checked against it with openssl, the
 * key's backup in the emulated bucket under KMS, the audit of receipt fetches and refused downloads,
 * and the two-person rule of rotation. A full rotation, restore and missing key are in KeyCustodyIT,
 * on vaults of their own: this app is shared with every other test.
 */
@QuarkusTest
class KeysApiTest {

    @TempDir
    Path work;

    @Test
    void theKeyHistoryAndEachKeyArePublishedWithoutLogin() {
        JsonPath history = given().get("/.well-known/strongroom-keys.json").then().statusCode(200)
                .contentType(containsString("application/json")).body("format", equalTo("strongroom-keys/1"))
                .extract().jsonPath();
        List<Map<String, Object>> keys = history.getList("keys");
        Map<String, Object> current = keys.get(keys.size() - 1);
        String keyId = (String) current.get("keyId");
        assertEquals(null, current.get("validUntil"), "the current key is not retired");
        assertEquals(keyId, OpenSsl.keyIdOf(work, (String) current.get("publicKeyPem")),
                "the key id is what openssl and sha256sum make of the PEM");

        String pem = given().get("/keys/" + keyId + ".pem").then().statusCode(200)
                .contentType(containsString("application/x-pem-file")).extract().asString();
        assertEquals(current.get("publicKeyPem"), pem);
        given().get("/keys/not-a-key.pem").then().statusCode(400).contentType(containsString("problem+json"))
                .body("detail", containsString("64 lowercase hex digits"));
        given().get("/keys/" + "0".repeat(64) + ".pem").then().statusCode(404)
                .contentType(containsString("problem+json"));
    }

    @Test
    void aReceiptNamesTheCurrentKeyAndVerifiesWithOpensslAgainstItsPublishedPem() {
        String analyst = Vault.user("analyst", "analyst");
        Map<String, Object> receipt = Vault.upload(analyst, "invoice-77.txt",
                "invoice 77, 310.00 EUR\n".getBytes(StandardCharsets.UTF_8)).then().statusCode(201).extract()
                .jsonPath().getMap("receipt");
        String keyId = (String) receipt.get("keyId");
        String current = given().get("/.well-known/strongroom-keys.json").then().extract().jsonPath()
                .getString("keys.find { it.validUntil == null }.keyId");
        assertEquals(current, keyId);

        String pem = given().get("/keys/" + keyId + ".pem").then().statusCode(200).extract().asString();
        OpenSsl.Verdict good = OpenSsl.verify(work, pem, ((String) receipt.get("payload")).getBytes(StandardCharsets.UTF_8),
                (String) receipt.get("signature"));
        assertTrue(good.verified(), good::toString);
        OpenSsl.Verdict forged = OpenSsl.verify(work, pem, ((String) receipt.get("payload"))
                .replace("invoice-77", "invoice-78").getBytes(StandardCharsets.UTF_8), (String) receipt.get("signature"));
        assertFalse(forged.verified(), forged::toString);
    }

    @Test
    void fetchingAReceiptIsAuditedAndARefusedDownloadIsAuditedAsADownload() {
        String owner = Vault.user("analyst", "analyst");
        String stranger = Vault.user("analyst", "analyst");
        String auditor = Vault.user("auditor", "auditor");
        String id = Vault.upload(owner, "ledger.txt", "ledger\n".getBytes(StandardCharsets.UTF_8)).then().statusCode(201)
                .extract().path("id");

        String keyId = Vault.as(owner).get("/api/documents/" + id + "/receipt").then().statusCode(200).extract()
                .path("keyId");
        Vault.as(stranger).get("/api/documents/" + id + "/receipt").then().statusCode(404);
        Vault.as(stranger).get("/api/documents/" + id + "/content").then().statusCode(404);

        JsonPath receipts = Vault.as(auditor).queryParam("documentId", id).queryParam("action", "receipt.view")
                .get("/api/audit").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("denied", "success"), receipts.getList("items.outcome").stream().sorted().toList());
        assertEquals(keyId, receipts.getString("items.find { it.outcome == 'success' }.detail.keyId"));
        assertEquals(owner, receipts.getString("items.find { it.outcome == 'success' }.actor"));
        Vault.as(auditor).queryParam("documentId", id).queryParam("action", "document.download").get("/api/audit")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].outcome", equalTo("denied"))
                .body("items[0].actor", equalTo(stranger));
        Vault.as(auditor).queryParam("documentId", id).queryParam("action", "document.view").get("/api/audit")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void theKeyIsBackedUpToTheBucketUnderKmsAndTheHealthCheckSaysSo() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> Vault.as(Vault.ADMIN)
                .get("/api/admin/keys").then().statusCode(200).extract().jsonPath()
                .getBoolean("custody.backup.backedUp"));
        JsonPath status = Vault.as(Vault.ADMIN).get("/api/admin/keys").then().statusCode(200)
                .body("custody.state", equalTo("READY")).extract().jsonPath();
        String keyId = status.getString("custody.currentKeyId");
        assertTrue(status.getString("custody.backup.protection").contains(MotoEmulator.SIGNING_KMS_KEY),
                status.prettify());

        try (S3Client s3 = MotoTestResource.emulator().client(MotoEmulator.REGION)) {
            String envelope = s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET)
                    .key("keys/" + keyId + ".envelope.json")).asUtf8String();
            JsonPath sealed = JsonPath.from(envelope);
            assertEquals("KMS", sealed.getString("protection"));
            assertEquals(keyId, sealed.getString("keyId"));
            assertTrue(sealed.getString("kms.keyArn").startsWith("arn:aws:kms:"), envelope);
            assertFalse(envelope.contains("PRIVATE KEY"), "only the encrypted key leaves the host");
            String inBucket = s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET).key("keys/strongroom-keys.json"))
                    .asUtf8String();
            assertEquals(given().get("/.well-known/strongroom-keys.json").then().extract().jsonPath()
                    .getList("keys.keyId"), JsonPath.from(inBucket).getList("keys.keyId"));
        }
        given().get("/q/health/well").then()
                .body("checks.find { it.name == 'signing-key' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'signing-key' }.data.keyId", equalTo(keyId));
    }

    @Test
    void aRotationNeedsASecondAdmin() {
        String reason = "yearly rotation " + System.nanoTime();
        Vault.as(Vault.ADMIN).contentType("application/json").body(Map.of("reason", "x")).post("/api/admin/keys/rotations")
                .then().statusCode(400).body("detail", containsString("reason"));
        String requestId = Vault.as(Vault.ADMIN).contentType("application/json").body(Map.of("reason", reason))
                .post("/api/admin/keys/rotations").then().statusCode(202).extract().path("id");
        String before = given().get("/.well-known/strongroom-keys.json").then().extract().jsonPath()
                .getString("keys.find { it.validUntil == null }.keyId");

        Vault.as(Vault.ADMIN).post("/api/admin/keys/rotations/" + requestId + "/approve").then().statusCode(403)
                .body("type", containsString("second-admin-required"));
        Vault.as(Vault.ADMIN).contentType("application/json").body(Map.of("reason", "another one"))
                .post("/api/admin/keys/rotations").then().statusCode(409).body("pendingRotation", equalTo(requestId));
        Vault.as(Vault.ADMIN).post("/api/admin/keys/rotations/no-such-request/approve").then().statusCode(404);

        assertEquals(before, given().get("/.well-known/strongroom-keys.json").then().extract().jsonPath()
                .getString("keys.find { it.validUntil == null }.keyId"), "nothing rotated");
        Vault.as(Vault.ADMIN).get("/api/admin/keys").then().statusCode(200)
                .body("pendingRotations.id", org.hamcrest.Matchers.hasItem(requestId));
        String auditor = Vault.user("auditor", "auditor");
        Vault.as(auditor).queryParam("action", "key.rotate.intent").queryParam("outcome", "denied").get("/api/audit")
                .then().statusCode(200).body("items.resource", org.hamcrest.Matchers.hasItem("key-rotation/" + requestId));
    }
}

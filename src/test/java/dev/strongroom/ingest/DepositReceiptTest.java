package dev.strongroom.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signed receipt a depositor keeps, checked the way docs/receipts.md tells them to. */
@QuarkusTest
class DepositReceiptTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theReceiptVerifiesWithThePublishedKeyAndStatesWhatWasStored() throws Exception {
        String analyst = Vault.user("analyst", "analyst");
        byte[] file = "invoice 2026-0042, total 1200.00 EUR\n".getBytes(StandardCharsets.UTF_8);
        JsonPath upload = Vault.upload(analyst, "invoice-0042.txt", file).then().statusCode(201).extract().jsonPath();
        String pem = publicKeyPem(analyst);

        Map<String, Object> receipt = upload.getMap("receipt");
        String payload = (String) receipt.get("payload");
        assertEquals(1, receipt.get("version"));
        assertEquals("Ed25519", receipt.get("algorithm"));
        assertEquals(sha256Hex(der(pem)), receipt.get("keyId"), "keyId is the SHA-256 of the published key");
        assertTrue(verifies(pem, payload, (String) receipt.get("signature")));

        JsonPath fields = JsonPath.from(payload);
        assertEquals("strongroom-deposit-receipt/1", fields.getString("type"));
        assertEquals(upload.getString("id"), fields.getString("documentId"));
        assertEquals(Samples.sha256(file), fields.getString("sha256"));
        assertEquals(file.length, fields.getInt("size"));
        assertEquals("invoice-0042.txt", fields.getString("fileName"));
        assertEquals(analyst, fields.getString("uploader"));
    }

    @Test
    void aReceiptForANonAsciiFileNameVerifiesAndStatesAllTenFieldsAsStored() throws Exception {
        String analyst = Vault.user("analyst", "analyst");
        String name = "Überweisung – Café Zürich ½ 東京 📄.txt";
        byte[] file = "Rechnung 2026-117, Summe 84,20 €\n".getBytes(StandardCharsets.UTF_8);
        JsonPath upload = Vault.as(analyst).multiPart("file", name, file).multiPart("retentionClass", "receipt")
                .post("/api/documents").then().statusCode(201).extract().jsonPath();
        String id = upload.getString("id");
        JsonPath stored = Vault.as(analyst).get("/api/documents/" + id).then().statusCode(200).extract().jsonPath();
        String pem = publicKeyPem(analyst);

        String payload = upload.getString("receipt.payload");
        assertTrue(verifies(pem, payload, upload.getString("receipt.signature")),
                "the signature covers the payload's UTF-8 bytes");
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("type", "strongroom-deposit-receipt/1");
        expected.put("documentId", id);
        expected.put("sha256", Samples.sha256(file));
        expected.put("size", (long) file.length);
        expected.put("fileName", name);
        expected.put("contentType", stored.getString("contentType"));
        expected.put("uploader", analyst);
        expected.put("uploadedAt", stored.getString("uploadedAt"));
        expected.put("retentionClass", "receipt");
        expected.put("retainUntil", stored.getString("retainUntil"));
        assertEquals(name, stored.getString("fileName"), "the name is stored as sent");
        assertEquals("text/plain", stored.getString("contentType").split(";")[0]);
        Map<String, Object> signed = new java.util.LinkedHashMap<>();
        JSON.readTree(payload).fields().forEachRemaining(e -> signed.put(e.getKey(),
                e.getValue().isNumber() ? (Object) e.getValue().asLong() : e.getValue().asText()));
        assertEquals(expected, signed);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(signed.keySet()), "in the documented order");
        assertEquals(upload.getMap("receipt"), Vault.as(analyst).get("/api/documents/" + id + "/receipt").then()
                .statusCode(200).extract().jsonPath().getMap("$"), "the same receipt when fetched later");
    }

    @Test
    void anotherAnalystsReceiptIsNotFound() {
        String owner = Vault.user("analyst", "analyst");
        String other = Vault.user("analyst", "analyst");
        String auditor = Vault.user("auditor", "auditor");
        String id = Vault.upload(owner, "salary-review.txt", "confidential\n".getBytes(StandardCharsets.UTF_8)).then()
                .statusCode(201).extract().path("id");

        Vault.as(other).get("/api/documents/" + id + "/receipt").then().statusCode(404)
                .contentType("application/problem+json");
        Vault.as(owner).get("/api/documents/" + id + "/receipt").then().statusCode(200);
        Vault.as(auditor).get("/api/documents/" + id + "/receipt").then().statusCode(200);
    }

    @Test
    void aReceiptWithAnyFieldChangedNoLongerVerifies() throws Exception {
        String analyst = Vault.user("analyst", "analyst");
        Map<String, Object> receipt = Vault.upload(analyst, "payslip.txt",
                "payslip November, net 3100.00\n".getBytes(StandardCharsets.UTF_8)).then().statusCode(201).extract()
                .jsonPath().getMap("receipt");
        String pem = publicKeyPem(analyst);
        String payload = (String) receipt.get("payload");
        String signature = (String) receipt.get("signature");

        ObjectNode biggerFile = (ObjectNode) JSON.readTree(payload);
        biggerFile.put("size", biggerFile.get("size").asLong() + 1);
        ObjectNode otherContent = (ObjectNode) JSON.readTree(payload);
        otherContent.put("sha256", Samples.sha256("something else".getBytes(StandardCharsets.UTF_8)));

        assertTrue(verifies(pem, payload, signature));
        assertFalse(verifies(pem, JSON.writeValueAsString(biggerFile), signature));
        assertFalse(verifies(pem, JSON.writeValueAsString(otherContent), signature));
    }

    @Test
    void theReceiptFetchedLaterIsTheOneGivenAtUpload() {
        String analyst = Vault.user("analyst", "analyst");
        JsonPath upload = Vault.upload(analyst, "contract.txt", "contract, signed\n".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(201).extract().jsonPath();

        Map<String, Object> later = Vault.as(analyst).get("/api/documents/" + upload.getString("id") + "/receipt")
                .then().statusCode(200).extract().jsonPath().getMap("$");

        assertEquals(upload.getMap("receipt"), later);
    }

    @Test
    void opensslVerifiesTheReceiptAsDocumented() throws Exception {
        Assumptions.assumeTrue(available("openssl", "version"), "openssl is not installed");
        String analyst = Vault.user("analyst", "analyst");
        Map<String, Object> receipt = Vault.upload(analyst, "audit-letter.txt",
                "engagement letter\n".getBytes(StandardCharsets.UTF_8)).then().statusCode(201).extract().jsonPath()
                .getMap("receipt");
        Path key = Files.writeString(dir.resolve("key.pem"), publicKeyPem(analyst), StandardCharsets.US_ASCII);
        String payload = (String) receipt.get("payload");
        Path signature = Files.write(dir.resolve("sig.bin"), Base64.getDecoder().decode((String) receipt.get("signature")));
        Path intact = Files.writeString(dir.resolve("payload.bin"), payload, StandardCharsets.UTF_8);
        Path changed = Files.writeString(dir.resolve("changed.bin"), payload.replace("audit-letter", "audit-lettex"),
                StandardCharsets.UTF_8);

        assertEquals(0, opensslVerify(key, intact, signature));
        assertNotEquals(0, opensslVerify(key, changed, signature));
    }

    private static String publicKeyPem(String user) {
        return Vault.as(user).get("/api/keys/receipt").then().statusCode(200).extract().asString();
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static boolean verifies(String pem, String payload, String signatureBase64) throws Exception {
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der(pem)));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(payload.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(signatureBase64));
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private int opensslVerify(Path key, Path payload, Path signature) throws Exception {
        Process openssl = new ProcessBuilder("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", key.toString(),
                "-rawin", "-in", payload.toString(), "-sigfile", signature.toString()).redirectErrorStream(true)
                .start();
        openssl.getInputStream().transferTo(System.out);
        assertTrue(openssl.waitFor(1, TimeUnit.MINUTES));
        return openssl.exitValue();
    }

    private static boolean available(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}

package dev.strongroom.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.catalog.DocumentView;
import dev.strongroom.security.TestKeys;
import dev.strongroom.keys.VaultKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receipt is signed over the UTF-8 bytes of its payload, whatever script the names are in, and
 * states all ten fields of the document as stored (docs/receipts.md).
 */
class ReceiptSignerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    private VaultKey key;
    private ReceiptSigner signer;

    @BeforeEach
    void createKey() {
        key = TestKeys.in(dataDir);
        signer = new ReceiptSigner(key);
    }

    @Test
    void aReceiptForNonAsciiNamesVerifiesOverItsUtf8BytesAndStatesEveryField() throws Exception {
        DocumentView document = document("Überweisung – café ½ 東京 📄.pdf", "zoë-łukasz");

        DepositReceipt receipt = signer.receiptFor(document);

        assertEquals(1, receipt.version());
        assertEquals("Ed25519", receipt.algorithm());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.publicKey().getEncoded())),
                receipt.keyId());
        assertTrue(verifiesOverUtf8(receipt.payload(), receipt.signature()),
                "the signature must be over the payload's UTF-8 bytes");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("type", "strongroom-deposit-receipt/1");
        expected.put("documentId", document.id());
        expected.put("sha256", document.sha256());
        expected.put("size", document.size());
        expected.put("fileName", document.fileName());
        expected.put("contentType", document.contentType());
        expected.put("uploader", document.owner());
        expected.put("uploadedAt", "2026-11-30T09:15:00.123Z");
        expected.put("retentionClass", "receipt");
        expected.put("retainUntil", "2033-11-30T09:15:00.123Z");
        Map<String, Object> signed = fields(receipt.payload());
        assertEquals(expected, signed, "every signed field");
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(signed.keySet()), "in the documented order");
    }

    @Test
    void changingAnyOneSignedFieldBreaksTheSignature() throws Exception {
        DepositReceipt receipt = signer.receiptFor(document("Ärztliche Bescheinigung.pdf", "jürgen"));
        JsonNode payload = JSON.readTree(receipt.payload());

        List<String> stillVerifying = new ArrayList<>();
        for (var names = payload.fieldNames(); names.hasNext();) {
            String field = names.next();
            var changed = payload.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) changed).put(field, payload.get(field).asText() + "x");
            if (verifiesOverUtf8(JSON.writeValueAsString(changed), receipt.signature())) {
                stillVerifying.add(field);
            }
        }

        assertEquals(10, payload.size());
        assertEquals(List.of(), stillVerifying);
    }

    @Test
    void theSameDocumentAlwaysGetsTheSameReceipt() {
        DocumentView document = document("Quittung Nr. 7 – Müller.pdf", "renée");

        assertEquals(signer.receiptFor(document), signer.receiptFor(document));
    }

    @Test
    void aReceiptSignedByAnotherVaultKeyDoesNotVerify(@TempDir Path otherDir) throws Exception {
        DepositReceipt foreign = new ReceiptSigner(TestKeys.in(otherDir)).receiptFor(document("ü.pdf", "ö"));

        assertFalse(verifiesOverUtf8(foreign.payload(), foreign.signature()));
    }

    private static DocumentView document(String fileName, String owner) {
        return new DocumentView("5f1e8c2a-6b7d-4e0f-9a1b-2c3d4e5f6a7b", fileName, null, "application/pdf", 48_213,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", owner,
                Instant.parse("2026-11-30T09:15:00.123Z"), "receipt", Instant.parse("2033-11-30T09:15:00.123Z"), false,
                null, List.of(), "PENDING", null, null, "PENDING", null);
    }

    private boolean verifiesOverUtf8(String payload, String signatureBase64) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key.publicKey());
        verifier.update(payload.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(signatureBase64));
    }

    private static Map<String, Object> fields(String payload) throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        JsonNode node = JSON.readTree(payload);
        node.fields().forEachRemaining(e -> fields.put(e.getKey(),
                e.getValue().isNumber() ? (Object) e.getValue().asLong() : e.getValue().asText()));
        return fields;
    }
}

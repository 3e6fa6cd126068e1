package dev.strongroom.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.catalog.Document;
import dev.strongroom.security.VaultKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a deposit receipt the way docs/receipts.md tells a depositor to with openssl, but on the
 * server: the Ed25519 signature over the payload's exact bytes against the vault's published public
 * key (with the JDK's own Ed25519, not the signer's library), that the key id is that key's, and that
 * the payload still describes the document the catalog holds. Every finding is reported, not only
 * the first.
 */
@ApplicationScoped
public class ReceiptVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final VaultKey key;

    public ReceiptVerifier(VaultKey key) {
        this.key = key;
    }

    /**
     * @param signatureValid the signature verifies against the published key
     * @param fields the payload's members, in order, as signed
     * @param findings what does not hold; empty when the receipt is good and matches the catalog
     */
    public record Verdict(boolean signatureValid, boolean keyMatches, Map<String, String> fields,
            List<String> findings) {
        public boolean ok() {
            return findings.isEmpty();
        }
    }

    public Verdict verify(DepositReceipt receipt, Document document) {
        List<String> findings = new ArrayList<>();
        boolean signatureValid = signatureValid(receipt, findings);
        boolean keyMatches = keyId().equals(receipt.keyId());
        if (!keyMatches) {
            findings.add("the receipt names key " + receipt.keyId() + ", not the vault's published key " + keyId());
        }
        Map<String, String> fields = fields(receipt.payload(), findings);
        compare(fields, "documentId", document.id, findings);
        compare(fields, "sha256", document.sha256, findings);
        compare(fields, "size", Long.toString(document.sizeBytes), findings);
        compare(fields, "uploader", document.owner, findings);
        compare(fields, "uploadedAt", document.uploadedAt.toString(), findings);
        compare(fields, "retainUntil", document.retainUntil.toString(), findings);
        return new Verdict(signatureValid, keyMatches, fields, findings);
    }

    /** SHA-256 of the public key's DER, as receipts name it. */
    public String keyId() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.publicKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean signatureValid(DepositReceipt receipt, List<String> findings) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(key.publicKey());
            ed25519.update(receipt.payload().getBytes(StandardCharsets.UTF_8));
            if (ed25519.verify(Base64.getDecoder().decode(receipt.signature()))) {
                return true;
            }
            findings.add("the signature does not verify against the vault's published public key");
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            findings.add("the signature is unreadable: " + e.getMessage());
        }
        return false;
    }

    private static Map<String, String> fields(String payload, List<String> findings) {
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            JsonNode node = JSON.readTree(payload);
            node.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
        } catch (JsonProcessingException e) {
            findings.add("the payload is not JSON: " + e.getOriginalMessage());
        }
        return fields;
    }

    private static void compare(Map<String, String> fields, String name, String catalog, List<String> findings) {
        String signed = fields.get(name);
        if (!catalog.equals(signed)) {
            findings.add("the receipt says " + name + " " + signed + ", the catalog " + catalog);
        }
    }
}

package dev.strongroom.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.catalog.DocumentView;
import dev.strongroom.signing.KeyHistory;
import dev.strongroom.signing.PublishedKey;
import dev.strongroom.keys.VaultKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a deposit receipt the way docs/receipts.md tells a depositor to with openssl, but on the
 * server: the Ed25519 signature over the payload's exact bytes (with the JDK's own Ed25519, not the
 * signer's library) against the key the receipt names in the vault's published key history (a
 * receipt naming no key is the first key's), that this key was not retired before the upload, and
 * that the payload still describes the document the catalog holds. Every finding is reported, not
 * only the first. Works while the signing key is missing: it needs only public keys.
 */
@ApplicationScoped
public class ReceiptVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final VaultKey key;

    public ReceiptVerifier(VaultKey key) {
        this.key = key;
    }

    /**
     * @param signatureValid the signature verifies with the key the receipt names
     * @param keyMatches that key is in the vault's published key history
     * @param keyId the key the receipt was checked against (the first key's for a receipt naming none)
     * @param fields the payload's members, in order, as signed
     * @param findings what does not hold; empty when the receipt is good and matches the catalog
     */
    public record Verdict(boolean signatureValid, boolean keyMatches, String keyId, Map<String, String> fields,
            List<String> findings) {
        public boolean ok() {
            return findings.isEmpty();
        }
    }

    public Verdict verify(DepositReceipt receipt, DocumentView document) {
        List<String> findings = new ArrayList<>();
        KeyHistory history = key.history();
        String keyId = receipt.keyId() != null ? receipt.keyId()
                : history.keys().isEmpty() ? null : history.keys().get(0).keyId();
        Optional<PublishedKey> published = keyId == null ? Optional.empty() : history.find(keyId);
        boolean signatureValid = false;
        if (published.isEmpty()) {
            findings.add("the receipt names key " + receipt.keyId() + ", which is not in the vault's published key "
                    + "history");
        } else {
            Optional<String> problem = receipt.payload() == null || receipt.signature() == null
                    ? Optional.of("the receipt has no payload or no signature")
                    : history.signatureProblem(keyId, receipt.payload().getBytes(StandardCharsets.UTF_8),
                            receipt.signature(), null);
            signatureValid = problem.isEmpty();
            problem.ifPresent(p -> findings.add("the signature does not verify against the vault's published public key "
                    + keyId + ": " + p));
            if (!published.get().couldSignStatementAbout(document.uploadedAt())) {
                findings.add("key " + keyId + " was retired at " + published.get().validUntil() + ", before the upload at "
                        + document.uploadedAt() + ": it cannot have signed this receipt");
            }
        }
        Map<String, String> fields = fields(receipt.payload(), findings);
        compare(fields, "documentId", document.id(), findings);
        compare(fields, "sha256", document.sha256(), findings);
        compare(fields, "size", Long.toString(document.size()), findings);
        compare(fields, "uploader", document.owner(), findings);
        compare(fields, "uploadedAt", document.uploadedAt().toString(), findings);
        compare(fields, "retainUntil", document.retainUntil().toString(), findings);
        return new Verdict(signatureValid, published.isPresent(), keyId, fields, findings);
    }

    private static Map<String, String> fields(String payload, List<String> findings) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (payload == null) {
            return fields;
        }
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

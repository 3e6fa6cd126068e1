package dev.strongroom.ingest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.strongroom.catalog.DocumentView;
import dev.strongroom.signing.SigningKey;
import dev.strongroom.keys.VaultKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Signs deposit receipts with the vault's current key, naming it. Ed25519 signatures are
 * deterministic, so a document's receipt re-issued from the catalog is byte-identical to the one given
 * at upload while the key is the same; after a rotation it is signed, and names, the new key, and the
 * one given at upload still verifies against the old key in the published history.
 */
@ApplicationScoped
public class ReceiptSigner {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final VaultKey key;

    public ReceiptSigner(VaultKey key) {
        this.key = key;
    }

    /** Refuses (503 signing-key-missing) while the vault cannot sign, before an upload stores anything. */
    public void refuseUnlessSigning() {
        key.current();
    }

    public DepositReceipt receiptFor(DocumentView document) {
        Fields fields = new Fields("strongroom-deposit-receipt/1", document.id(), document.sha256(), document.size(),
                document.fileName(), document.contentType(), document.owner(), document.uploadedAt().toString(),
                document.retentionClass(), document.retainUntil().toString());
        try {
            String payload = JSON.writeValueAsString(fields);
            SigningKey signer = key.current();
            byte[] signature = signer.sign(payload.getBytes(StandardCharsets.UTF_8));
            return new DepositReceipt(1, SigningKey.ALGORITHM, signer.keyId(), payload,
                    Base64.getEncoder().encodeToString(signature));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("receipt cannot be serialised", e);
        }
    }

    @JsonPropertyOrder({ "type", "documentId", "sha256", "size", "fileName", "contentType", "uploader", "uploadedAt",
            "retentionClass", "retainUntil" })
    record Fields(String type, String documentId, String sha256, long size, String fileName, String contentType,
            String uploader, String uploadedAt, String retentionClass, String retainUntil) {
    }
}

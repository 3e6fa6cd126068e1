package dev.strongroom.ingest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.strongroom.catalog.Document;
import dev.strongroom.security.VaultKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs deposit receipts. Ed25519 signatures are deterministic, so the receipt of a document can be
 * re-issued at any time from the catalog and is byte-identical to the one given at upload.
 */
@ApplicationScoped
public class ReceiptSigner {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final VaultKey key;
    private final String keyId;

    public ReceiptSigner(VaultKey key) {
        this.key = key;
        try {
            this.keyId = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.publicKey().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public DepositReceipt receiptFor(Document document) {
        Fields fields = new Fields("strongroom-deposit-receipt/1", document.id, document.sha256, document.sizeBytes,
                document.fileName, document.contentType, document.owner, document.uploadedAt.toString(),
                document.retentionClass, document.retainUntil.toString());
        try {
            String payload = JSON.writeValueAsString(fields);
            byte[] signature = key.sign(payload.getBytes(StandardCharsets.UTF_8));
            return new DepositReceipt(1, "Ed25519", keyId, payload, Base64.getEncoder().encodeToString(signature));
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

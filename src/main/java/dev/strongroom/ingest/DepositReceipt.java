package dev.strongroom.ingest;

/**
 * The vault's signed statement that it holds a document. {@code payload} is the exact UTF-8 text
 * that was signed; {@code signature} is its Ed25519 signature in base64; {@code keyId} is the
 * SHA-256 of the public key (DER). See docs/receipts.md.
 */
public record DepositReceipt(int version, String algorithm, String keyId, String payload, String signature) {
}

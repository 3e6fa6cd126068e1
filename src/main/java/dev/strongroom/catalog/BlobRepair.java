package dev.strongroom.catalog;

/**
 * Brings back a document's local blob when it is missing or fails its checksum, from a copy kept
 * elsewhere (the S3 backup). The catalog owns this contract so that downloads need not know where
 * the copy lives.
 * <p>
 * Contract: returns true only after the bytes were verified against {@code document.sha256()} and
 * committed to the store; records the repair (or its failure) in the audit trail; never throws for
 * an unavailable copy, it returns false.
 */
public interface BlobRepair {

    boolean repair(DocumentBlob document, String reason);
}

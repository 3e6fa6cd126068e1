package dev.strongroom.catalog;

/**
 * How far the metadata worker got with a document. The name is the word in
 * {@code document.metadata_state}, in the API and in catalog exports.
 */
public enum MetadataState {
    /** The worker has not been at it yet. */
    PENDING,
    /** Handed to the heavy lane (large, or waiting for OCR). */
    DEFERRED,
    /** The sidecar holds what could be read. */
    EXTRACTED,
    /** Refused or failed for good; the sidecar says why. */
    UNPARSEABLE
}

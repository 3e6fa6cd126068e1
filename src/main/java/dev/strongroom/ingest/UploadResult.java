package dev.strongroom.ingest;

import dev.strongroom.catalog.DocumentView;

/**
 * An accepted upload: the document and its deposit receipt.
 *
 * @param bytesAlreadyStored the store held these bytes before (another document has them); false for new bytes
 */
public record UploadResult(DocumentView document, DepositReceipt receipt, boolean bytesAlreadyStored) {
}

package dev.strongroom.ingest;

import dev.strongroom.catalog.DocumentView;

/** An accepted upload: the document and its deposit receipt. */
public record UploadResult(DocumentView document, DepositReceipt receipt) {
}

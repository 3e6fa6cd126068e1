package dev.strongroom.backup;

import dev.strongroom.storage.PartDigests;
/**
 * An S3 object version whose checksum S3 confirmed equal to the catalog's and whose Object Lock
 * retention covers the document's retain-until.
 *
 * @param composite for a document uploaded in parts, the composite checksum S3 confirmed; null for one piece
 * @param adopted true when the version was already there (an earlier, interrupted run put it)
 * @param sentBytes bytes this run sent for it (0 when adopted)
 */
record ConfirmedVersion(String key, String versionId, PartDigests.Composite composite, boolean adopted,
        long sentBytes) {
}

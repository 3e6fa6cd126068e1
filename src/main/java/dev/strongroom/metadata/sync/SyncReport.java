package dev.strongroom.metadata.sync;

import java.util.List;

/**
 * What one metadata sync did.
 *
 * @param checked  PENDING documents looked at
 * @param applied  sidecars (ok or unparseable) written into the catalog
 * @param deferred documents whose sidecar said deferred, handed to the heavy lane
 * @param missing  documents without a sidecar in S3 yet (the Lambda has not run, or is behind)
 * @param findings sidecars refused, each with its document and reason (a SHA-256 that does not match
 *                 the catalog's, an unreadable or unknown-version sidecar)
 */
public record SyncReport(int checked, int applied, int deferred, int missing, List<String> findings) {
}

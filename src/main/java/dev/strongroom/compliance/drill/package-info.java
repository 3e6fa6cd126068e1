/**
 * Restore drills.
 * <ul>
 * <li>A <em>drill</em> restores a <em>sample</em> of backed-up documents from S3 into a scratch
 * folder and re-hashes each against the catalog's SHA-256 (the ledger).</li>
 * <li>The sample is spread over <em>strata</em> of upload time, so old and new documents are both
 * restored; its size is a share of the backed-up documents with a floor.</li>
 * <li>An <em>item</em> is one document version fetched from one bucket (primary, or the replica when
 * it is configured and reachable): PASS when the recorded version's bytes hash to the ledger's
 * SHA-256, FAIL naming the document, version and what was found.</li>
 * <li>On demand a drill can also run the snapshot reconcile's dry run and keep its outcome.</li>
 * </ul>
 */
package dev.strongroom.compliance.drill;

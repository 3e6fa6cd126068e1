/**
 * The S3 backup.
 * <ul>
 * <li>A <em>run</em> uploads every document not yet <em>confirmed</em>, then the catalog export,
 * the journal and the run's manifest. It is scheduled (strongroom.backup.cron) or started by ops.</li>
 * <li><em>Confirmed</em>: S3 reported a checksum equal to the catalog's SHA-256 (for multipart
 * objects, the composite of verified part checksums, with the whole SHA-256 checked locally and kept
 * in the metadata), the version is under Object Lock until the document's retain-until, and its
 * version id is recorded. Only then is a document BACKED_UP.</li>
 * <li>A <em>manifest</em> ({@code manifests/<run>.json}) is a run's immutable record: the documents
 * confirmed since the previous manifest, the catalog export and journal segment versions, and the
 * previous manifest's SHA-256, so manifests form a verifiable chain.</li>
 * <li>The <em>catalog export</em> is a portable NDJSON picture of the catalog; the <em>journal
 * segments</em> are the audit journal's files, byte for byte.</li>
 * <li><em>Posture</em> is whether the bucket is set up as production needs it; <em>lag</em> is the
 * age of the oldest unconfirmed document.</li>
 * </ul>
 * The key layout and file formats are in docs/backup-format.md.
 */
package dev.strongroom.backup;

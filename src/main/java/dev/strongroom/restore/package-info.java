/**
 * Restore from the S3 backup alone.
 * <ul>
 * <li>A <em>restore</em> fills an empty data directory from a bucket (primary or replica): it walks
 * the <em>manifest chain</em> back from the newest or a chosen run, checking each manifest's SHA-256
 * against the next one's record of it, then downloads the catalog export, the journal segments and
 * every document, keeping only bytes that match their SHA-256.</li>
 * <li>The <em>report</em> ({@code restore/report.json}) says what was restored, skipped (bytes shared
 * with another document) and failed, and whether the audit chain verifies.</li>
 * <li>The <em>import</em> happens at the vault's next start: the catalog export is loaded and the
 * restore is recorded as the first new event of the continued audit chain.</li>
 * </ul>
 */
package dev.strongroom.restore;

/**
 * Accepting uploads. An <em>upload</em> is one request carrying one file: either as the request's
 * body, with its name and fields in the query (<em>raw body</em>, for scripts), or as the part 'file'
 * of a multipart form with optional field parts (the browser's form). Either way it is streamed,
 * never held whole in memory. The <em>detected type</em> is what the file's bytes say it is,
 * checked against the <em>allow-list</em>. A <em>client digest</em> is the SHA-256 the client claims
 * for the file. A <em>deposit receipt</em> is the vault's signed statement that it holds those bytes
 * (docs/receipts.md).
 */
package dev.strongroom.ingest;

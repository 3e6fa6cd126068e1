/**
 * Accepting uploads. An <em>upload</em> is one multipart request carrying one file part and
 * optional fields; it is streamed, never held whole in memory. The <em>detected type</em> is what
 * the file's bytes say it is (Tika magic detection), checked against the <em>allow-list</em>. A
 * <em>client digest</em> is the SHA-256 the client claims for the file. A <em>deposit receipt</em>
 * is the vault's signed statement that it holds those bytes (docs/receipts.md).
 */
package dev.strongroom.ingest;

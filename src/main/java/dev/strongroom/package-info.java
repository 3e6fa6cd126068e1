/**
 * Strongroom, a backup-and-compliance document vault. Packages are capabilities:
 * {@code ingest} accepts uploads, {@code store} keeps blobs on the data volume, {@code catalog}
 * records documents, {@code audit} keeps the hash-chained journal, {@code security} knows users,
 * roles and the vault's signing key, {@code retention} decides when a record may go,
 * {@code backup} copies documents, catalog and journal to S3, {@code restore} rebuilds a data
 * directory from S3 alone, {@code aws} builds the AWS clients, and {@code http} holds what every
 * resource shares: problem responses and request identity.
 */
package dev.strongroom;

/**
 * The content-addressed blob store on the data volume.
 * <p>
 * A <em>blob</em> is one sequence of bytes, stored once under its SHA-256 at
 * {@code blobs/ab/cd/abcd…}; documents in the catalog point at blobs, and several documents may share
 * one. A <em>pending blob</em> is an upload in progress: a temp file in {@code tmp/} on the same
 * file system, invisible to everyone until {@link dev.strongroom.store.PendingBlob#commit()} fsyncs it,
 * renames it into place atomically and fsyncs the directory. A crash before that leaves only a temp
 * file, which the next start deletes. The <em>scrub</em> re-hashes every blob the catalog knows.
 * <p>
 * Contract: a committed blob's bytes never change; {@code commit} is idempotent for equal content;
 * every I/O error is permanent for the request that met it (the client may retry the upload).
 */
package dev.strongroom.store;

/**
 * Where backups are kept. A <b>target</b> ({@link dev.strongroom.storage.BackupTarget}) is a versioned
 * object store under Object Lock; an <b>object</b> is one key in it, a <b>version</b> one write of that
 * key, never replaced; its <b>checksum</b> is the SHA-256 the target confirmed (whole, or the composite
 * of the parts' digests). {@link dev.strongroom.storage.ObjectKeys} is the key layout. The package
 * depends on {@code aws} only, so backup, audit, keys and reports can all write here without
 * depending on each other.
 */
package dev.strongroom.storage;

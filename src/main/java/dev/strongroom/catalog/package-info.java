/**
 * The catalog: what the vault holds. A <em>document</em> is one upload as the user sees it: owner,
 * names, type, size, the SHA-256 of its blob, its retention class and retain-until date, a legal
 * hold flag, and the states later capabilities fill in (backup, metadata). A document's hash, size
 * and upload time never change. Analysts see only their own documents; an id they may not see is
 * answered as if it did not exist.
 */
package dev.strongroom.catalog;

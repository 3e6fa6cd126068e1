package dev.strongroom.catalog;

/**
 * Fired after a transaction changed what a document's search entry shows (its metadata, its receipt
 * fields); the search indexer takes it as a hint to look soon. The catalog's marks ({@link SearchMarks}) are
 * the truth, so a lost event only delays the index until its next look.
 */
public record DocumentChanged(String id) {
}

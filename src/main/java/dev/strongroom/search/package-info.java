/**
 * Full-text search over the catalog (docs/search.md). Vocabulary: the <em>index</em> is a Lucene index on
 * the data volume, derived data that the catalog can always rebuild; an <em>entry</em> is one document's
 * Lucene document (catalog fields, receipt fields in effect, the whole extracted text); a document is
 * <em>dirty</em> for a host while the catalog holds a change that host's entry does not show yet (a mark in
 * {@code search_pending}, one per host, since each host has its own index); the <em>indexer</em> turns this
 * host's dirty documents into entries off the upload path.
 */
package dev.strongroom.search;

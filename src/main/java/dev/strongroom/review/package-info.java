/**
 * People checking and correcting what the vault read from receipts. Vocabulary: a <em>field</em> is one
 * receipt field ({@link dev.strongroom.review.ReceiptField}); a <em>correction</em> sets one or more fields
 * of a document to what a person says, keeping what was extracted; the value <em>in effect</em> is the
 * newest correction, else the extraction; the <em>review queue</em> lists documents with an unsure field
 * nobody has corrected or confirmed yet.
 */
package dev.strongroom.review;

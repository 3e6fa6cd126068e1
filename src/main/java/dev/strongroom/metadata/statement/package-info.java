/**
 * Card and bank statements, checked against their declared schema (docs/statements.md). Plain Java like
 * the extractor beside it, so the metadata Lambda runs the same code the vault runs in-process.
 * <dl>
 * <dt>Statement</dt><dd>a document of the retention class {@code statement}: one account's lines over a period</dd>
 * <dt>Line</dt><dd>one row of it: date, merchant, amount and currency, and the running balance when given</dd>
 * <dt>Row error</dt><dd>a row or the file refused, named by line number, column and reason</dd>
 * <dt>Statement sidecar</dt><dd>the validation's result as JSON, {@code metadata/documents/<id>.statement.json}:
 * the lines when the file is valid, the row errors when it is not (then nothing of it is loaded)</dd>
 * </dl>
 */
package dev.strongroom.metadata.statement;

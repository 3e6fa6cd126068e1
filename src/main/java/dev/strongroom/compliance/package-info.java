/**
 * Compliance evidence.
 * <ul>
 * <li>A <em>report</em> covers a <em>period</em> [from, to): it collects <em>checks</em>, each PASS,
 * FAIL or NOT_CONFIGURED with its <em>evidence</em> (numbers, ids, times), and <em>sections</em> of
 * facts (inventory, access, retention) from the capabilities that own them, then writes the same
 * content as JSON, CSV, HTML and PDF to the reports folder and to {@code reports/} in the backup
 * bucket.</li>
 * <li>NOT_CONFIGURED says a subsystem is not set up here, so nothing could be proven; it never
 * counts as a pass.</li>
 * <li>A <em>restore drill</em> ({@code compliance.drill}) is the evidence that restores rebuild the
 * right bytes; the report shows the latest one.</li>
 * </ul>
 * The JSON format is documented in docs/compliance-report.md and docs/compliance-report.schema.json.
 */
package dev.strongroom.compliance;

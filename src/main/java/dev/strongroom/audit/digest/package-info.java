/**
 * Signed audit digests, in the style of CloudTrail log file validation.
 * <ul>
 * <li>A <em>digest</em> is a JSON statement, signed with the vault's Ed25519 key, of which events the
 * journal held up to its <em>cut</em>: the segments holding them with their SHA-256, the chain head,
 * and the previous digest's signature, so digests form a chain of their own.</li>
 * <li>Digests roll: one every five minutes when there are new events, one at shutdown and one on
 * demand, each verified against the chain before it is signed, to {@code audit-digests/} in the
 * Object-Locked backup bucket.</li>
 * <li>The <em>digested export check</em> verifies an export offline against a copy of the digests
 * and the published public key, and names each missing, changed, reordered or extra event.</li>
 * </ul>
 * Format and verification in docs/audit-digests.md.
 */
package dev.strongroom.audit.digest;

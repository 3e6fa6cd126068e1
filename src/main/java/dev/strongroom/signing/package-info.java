/**
 * Signing keys as values, below every capability that signs or verifies: a <em>signing key</em> (Ed25519
 * pair, {@link dev.strongroom.signing.SigningKey}), its <em>key id</em> (SHA-256 hex of the public key's
 * X.509 DER), the <em>key history</em> of every key the vault signed with and its validity period, and
 * {@link dev.strongroom.signing.SigningKeySource}, through which the journal, its digests and receipts
 * sign. Custody, backup and rotation of the key are {@code keys}'s; this package depends on no capability.
 */
package dev.strongroom.signing;

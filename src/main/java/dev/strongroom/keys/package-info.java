/**
 * The vault's signing keys: custody, history, rotation and publication.
 * <ul>
 * <li>A <em>signing key</em> is an Ed25519 key pair; it signs deposit receipts and audit digests. Its
 * <em>key id</em> is the SHA-256 (hex) of its public key in X.509 DER, the bytes inside the PEM.</li>
 * <li>The <em>key history</em> lists every key the vault ever signed with and its validity period
 * ({@code validFrom}, {@code validUntil}; the current key has none). It is kept on the data volume
 * ({@code keys/history.json}), published without login ({@code /.well-known/strongroom-keys.json},
 * {@code /keys/<key id>.pem}) and written to the Object-Locked bucket ({@code keys/}).</li>
 * <li>An <em>envelope</em> is the private key encrypted for the backup: under a KMS data key in
 * production, under a key derived from a passphrase where there is no KMS.</li>
 * <li><em>Custody</em> is the rule that a vault which once had a key signs with that key or not at all:
 * it never makes a new one silently. Only a two-person, written-ahead <em>rotation</em> replaces it.</li>
 * </ul>
 * Procedures and formats in docs/keys.md.
 */
package dev.strongroom.keys;

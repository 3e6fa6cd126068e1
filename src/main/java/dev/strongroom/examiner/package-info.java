/**
 * What an outside examiner receives.
 * <ul>
 * <li>An <em>audit package</em> covers a <em>period</em> [from, to): the period's signed
 * <em>trail</em>, the <em>deposits</em> its upload events name (content, receipt, metadata) or why one
 * is <em>not included</em>, the signed <em>digests</em> and the <em>key history</em>, a signed list of
 * every file, and a README with verify.sh that check it with openssl, sha256sum and jq.</li>
 * <li>The trail is the truth: the package holds what the trail records, never what a catalog query
 * happens to return.</li>
 * </ul>
 * docs/audit-package.md describes the zip.
 */
package dev.strongroom.examiner;

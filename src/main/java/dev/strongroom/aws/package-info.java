/**
 * AWS clients. A <em>client</em> is one SDK client, built once by a producer from
 * {@code strongroom.aws.*} and closed at shutdown. The <em>endpoint override</em>
 * ({@code strongroom.aws.endpoint}) points every client at a local emulator; without it the SDK's
 * regional endpoints and default credential chain (IAM role on EC2) apply. Retries are the SDK's
 * standard strategy, configured here once, not repeated by callers.
 */
package dev.strongroom.aws;

/**
 * The service's side of the metadata Lambda. The <em>sync</em> pulls sidecars
 * ({@code metadata/documents/<id>.json}) from S3 into the catalog; the <em>hand-over inbox</em> receives
 * the Lambda's SSM requests to extract a deferred document in the heavy lane; the <em>runner</em> feeds
 * the Lambda's handler from the emulator's S3 notification queue where no real Lambda exists.
 */
package dev.strongroom.metadata.sync;

/**
 * Metadata, the service's side: what a document says about itself, extracted with Apache Tika under
 * hard limits by {@code metadata.extract}, kept in the catalog and shown as previews.
 * <p>
 * A <em>sidecar</em> ({@link dev.strongroom.metadata.extract.Sidecar}) is the versioned JSON record of one
 * extraction: detected type, title, author, dates, page and word counts, language, a text excerpt,
 * best-effort receipt fields, and a <em>status</em>: {@code ok}, {@code unparseable} (with the
 * reason: too large, too slow, a zip or XML bomb, damaged, encrypted...) or {@code deferred} (too big
 * for the light lane; the heavy lane will do it). A <em>preview</em> is a small PNG of a PDF's first
 * page or of an image. <em>Limits</em> ({@link dev.strongroom.metadata.extract.ExtractionLimits}) bound every
 * extraction in bytes, time, characters, pages, embedded documents and pixels.
 * <p>
 * {@link dev.strongroom.metadata.extract.MetadataExtractor} and the classes it uses ({@code metadata.extract})
 * are plain Java with no Quarkus or CDI, so the AWS Lambda handler ({@code dev.strongroom.metadata.lambda})
 * runs the very same code; the Lambda zip holds that package whole. The service side, here, is
 * {@link dev.strongroom.metadata.MetadataWorker}: a <em>light lane</em> extracts small documents right
 * after upload, a <em>heavy lane</em> takes deferred ones one at a time with a longer time limit. The
 * sidecar format is documented in docs/metadata.md.
 */
package dev.strongroom.metadata;

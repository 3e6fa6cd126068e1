/**
 * The metadata extractor: Apache Tika under hard limits ({@link dev.strongroom.metadata.extract.ExtractionLimits}),
 * OCR through Tesseract, receipt fields, previews, and the <em>sidecar</em>
 * ({@link dev.strongroom.metadata.extract.Sidecar}) that records one extraction. Plain Java, shared with the
 * AWS Lambda: the Lambda zip holds this package whole ({@code src/assembly/metadata-lambda.xml}), and
 * {@code ArchitectureTest} holds that nothing here uses Quarkus, CDI, JPA or the service's packages. The
 * service's side (workers, catalog, preview store) is {@code dev.strongroom.metadata}'s.
 */
package dev.strongroom.metadata.extract;

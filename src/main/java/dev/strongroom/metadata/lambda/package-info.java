/**
 * The metadata Lambda: plain Java, no Quarkus, packaged on its own as
 * target/strongroom-metadata-lambda.zip (handler
 * {@code dev.strongroom.metadata.lambda.MetadataHandler::handleRequest}, runtime java21).
 * <p>
 * An <em>event</em> is an S3 {@code ObjectCreated} notification for {@code documents/<id>}, delivered by
 * S3 itself or inside an SQS message. For each document object the handler writes its <em>sidecar</em>
 * {@code metadata/documents/<id>.json} and <em>preview</em> {@code metadata/documents/<id>.png} into the
 * same bucket, with {@link dev.strongroom.metadata.extract.MetadataExtractor}. Objects above the <em>deferral
 * threshold</em> get a {@code deferred} sidecar and, through SSM, a <em>hand-over</em> to the vault's heavy
 * lane on EC2. Configuration is environment variables ({@link dev.strongroom.metadata.lambda.LambdaSettings}).
 */
package dev.strongroom.metadata.lambda;

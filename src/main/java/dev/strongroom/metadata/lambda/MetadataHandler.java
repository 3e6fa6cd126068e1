package dev.strongroom.metadata.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.metadata.extract.MetadataExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;

/**
 * The metadata Lambda: {@code dev.strongroom.metadata.lambda.MetadataHandler::handleRequest} on the
 * java21 runtime, packaged as target/strongroom-metadata-lambda.zip. Plain Java, no Quarkus.
 * <p>
 * It takes S3 {@code ObjectCreated} events for {@code documents/}, directly from S3 or as the bodies of
 * SQS messages (see {@link S3Events}), and gives each document its sidecar and preview
 * ({@link ObjectExtraction}). Every record is attempted; if any failed, each failed key is logged and the
 * first failure is rethrown (the others attached to it), so Lambda retries the event and finally hands
 * it to its dead-letter queue. A retry redoes nothing that already succeeded.
 * <p>
 * The same class runs inside the vault for the local emulator: its SQS runner hands each message body
 * to {@link #handle(String)} unchanged. One instance serves one invocation at a time, as Lambda uses it.
 */
public final class MetadataHandler implements RequestStreamHandler, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MetadataHandler.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Events events = new S3Events();
    private final MetadataExtractor extractor;
    private final ObjectExtraction extraction;
    private final List<AutoCloseable> owned = new ArrayList<>();

    /** Lambda's constructor: configuration from the environment, clients from the default credential chain. */
    public MetadataHandler() {
        this(System.getenv());
    }

    /** As Lambda would build it, with these environment variables. */
    public MetadataHandler(Map<String, String> environment) {
        LambdaSettings settings = LambdaSettings.from(environment);
        S3Client s3 = s3Client(settings);
        owned.add(s3);
        Optional<SsmClient> ssm = settings.handover().map(h -> ssmClient(settings));
        ssm.ifPresent(owned::add);
        this.extractor = new MetadataExtractor(settings.limits());
        this.extraction = new ObjectExtraction(s3, extractor, settings.deferAboveBytes(),
                settings.handover().map(target -> new SsmHandover(ssm.orElseThrow(), target)));
    }

    /** With the caller's clients, which stay the caller's to close (the vault's local runner). */
    public MetadataHandler(LambdaSettings settings, S3Client s3, Optional<SsmClient> ssm) {
        this.extractor = new MetadataExtractor(settings.limits());
        this.extraction = new ObjectExtraction(s3, extractor, settings.deferAboveBytes(), settings.handover()
                .map(target -> new SsmHandover(ssm.orElseThrow(() -> new IllegalArgumentException(
                        "an SSM hand-over target is configured but no SSM client was given")), target)));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> outcomes = handle(event);
        JSON.writeValue(output, Map.of("documents", outcomes));
    }

    /**
     * Handles one event, as JSON exactly as it arrived.
     *
     * @return each document key with its outcome (extracted, deferred, unchanged)
     * @throws IOException or a RuntimeException: the first failure, after every record was attempted
     */
    public Map<String, String> handle(String event) throws IOException {
        Map<String, String> outcomes = new LinkedHashMap<>();
        Exception first = null;
        for (ObjectCreated object : events.documentsIn(event)) {
            try {
                outcomes.put(object.key(), extraction.process(object).name().toLowerCase(Locale.ROOT));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.ERROR, "Metadata of s3://" + object.bucket() + "/" + object.key() + " failed: " + e, e);
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first instanceof IOException io) {
            throw io;
        }
        if (first != null) {
            throw (RuntimeException) first;
        }
        return outcomes;
    }

    @Override
    public void close() {
        extractor.close();
        for (AutoCloseable client : owned) {
            try {
                client.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "closing a client", e);
            }
        }
    }

    private static S3Client s3Client(LambdaSettings settings) {
        S3ClientBuilder builder = S3Client.builder().region(Region.of(settings.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(ApacheHttpClient.builder());
        // Emulators serve every bucket on one host, so buckets go in the path.
        settings.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
        return builder.build();
    }

    private static SsmClient ssmClient(LambdaSettings settings) {
        SsmClientBuilder builder = SsmClient.builder().region(Region.of(settings.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(ApacheHttpClient.builder());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}

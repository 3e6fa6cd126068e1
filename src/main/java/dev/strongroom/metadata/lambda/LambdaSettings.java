package dev.strongroom.metadata.lambda;

import dev.strongroom.metadata.extract.ExtractionLimits;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The handler's configuration, from environment variables as Lambda passes it (docs/metadata.md lists
 * them). Credentials are never here: the SDK's default chain supplies them (the function's role).
 *
 * @param region          region of the bucket and of SSM: {@code STRONGROOM_AWS_REGION}, else Lambda's own
 *                        {@code AWS_REGION}
 * @param endpoint        endpoint override for every client (a local emulator): {@code STRONGROOM_AWS_ENDPOINT}
 * @param deferAboveBytes objects larger than this are not parsed here but deferred to the EC2 worker:
 *                        {@code STRONGROOM_LAMBDA_DEFER_ABOVE_BYTES}, default 20 MiB
 * @param limits          extraction limits; {@code STRONGROOM_LAMBDA_EXTRACTION_TIMEOUT} (ISO-8601, default
 *                        PT60S) and {@code STRONGROOM_LAMBDA_DETECT_LANGUAGE} (default true) change them
 * @param handover        how deferred documents are announced to the EC2 host, when configured
 */
public record LambdaSettings(String region, Optional<URI> endpoint, long deferAboveBytes, ExtractionLimits limits,
        Optional<SsmHandover.Target> handover) {

    public static final String REGION = "STRONGROOM_AWS_REGION";
    public static final String LAMBDA_REGION = "AWS_REGION";
    public static final String ENDPOINT = "STRONGROOM_AWS_ENDPOINT";
    public static final String DEFER_ABOVE_BYTES = "STRONGROOM_LAMBDA_DEFER_ABOVE_BYTES";
    public static final String EXTRACTION_TIMEOUT = "STRONGROOM_LAMBDA_EXTRACTION_TIMEOUT";
    public static final String DETECT_LANGUAGE = "STRONGROOM_LAMBDA_DETECT_LANGUAGE";
    public static final String SSM_INSTANCE_ID = "STRONGROOM_LAMBDA_SSM_INSTANCE_ID";
    public static final String SSM_DOCUMENT = "STRONGROOM_LAMBDA_SSM_DOCUMENT";
    public static final String SSM_COMMAND = "STRONGROOM_LAMBDA_SSM_COMMAND";

    public static final long DEFAULT_DEFER_ABOVE_BYTES = 20L * 1024 * 1024;
    public static final String DEFAULT_SSM_DOCUMENT = "AWS-RunShellScript";
    /**
     * Drops a file named after the document's SHA-256 into the vault's hand-over directory on its data
     * volume; the service picks it up and queues the document for its heavy lane.
     */
    public static final String DEFAULT_SSM_COMMAND = "touch /srv/strongroom/metadata-handover/{sha256}";

    public LambdaSettings {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("no region: set " + REGION + " (Lambda sets " + LAMBDA_REGION + ")");
        }
        if (deferAboveBytes < 0) {
            throw new IllegalArgumentException(DEFER_ABOVE_BYTES + " must not be negative");
        }
    }

    /** Reads the settings; a malformed value fails here, at cold start, naming the variable. */
    public static LambdaSettings from(Map<String, String> env) {
        String region = value(env, REGION).or(() -> value(env, LAMBDA_REGION)).orElse(null);
        Optional<URI> endpoint = value(env, ENDPOINT).map(URI::create);
        long deferAbove = value(env, DEFER_ABOVE_BYTES).map(v -> parseLong(DEFER_ABOVE_BYTES, v))
                .orElse(DEFAULT_DEFER_ABOVE_BYTES);
        ExtractionLimits defaults = ExtractionLimits.defaults();
        Duration timeout = value(env, EXTRACTION_TIMEOUT).map(LambdaSettings::parseDuration).orElse(defaults.timeout());
        boolean language = value(env, DETECT_LANGUAGE).map(Boolean::parseBoolean).orElse(defaults.detectLanguage());
        ExtractionLimits limits = new ExtractionLimits(defaults.maxBytes(), timeout, defaults.maxTextChars(),
                defaults.maxEmbedded(), defaults.maxPages(), defaults.maxCompressionRatio(),
                defaults.zipMinInflateRatio(), defaults.maxXmlDepth(), defaults.previewMaxEdge(),
                defaults.maxImagePixels(), 1, language);
        Optional<SsmHandover.Target> handover = value(env, SSM_INSTANCE_ID).map(instance -> new SsmHandover.Target(
                instance, value(env, SSM_DOCUMENT).orElse(DEFAULT_SSM_DOCUMENT),
                value(env, SSM_COMMAND).orElse(DEFAULT_SSM_COMMAND)));
        return new LambdaSettings(region, endpoint, deferAbove, limits, handover);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of bytes, not '" + value + "'", e);
        }
    }

    private static Duration parseDuration(String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(EXTRACTION_TIMEOUT + " must be an ISO-8601 duration such as PT60S, not '"
                    + value + "'", e);
        }
    }
}

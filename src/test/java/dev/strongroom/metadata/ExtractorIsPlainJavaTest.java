package dev.strongroom.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The extractor, the Lambda handler and everything they use must run in a plain Java Lambda: no
 * Quarkus, CDI, JAX-RS or JBoss logging, and nothing from the service's other packages. Checked on the
 * compiled classes, whose constant pools name every class they refer to. The Lambda zip's assembly
 * must leave out exactly the service side of the package, no more and no less.
 */
class ExtractorIsPlainJavaTest {

    /** The service side of the package; everything else in it is part of the extractor. */
    static final Set<String> SERVICE_SIDE = Set.of("MetadataConfig", "MetadataWorker", "MetadataCatalog",
            "PreviewStore", "PreviewService", "PreviewResource", "OcrEngine", "OcrHealthCheck");
    static final List<String> FORBIDDEN = List.of("io/quarkus/", "jakarta/", "org/jboss/", "io/smallrye/",
            "io/vertx/", "dev/strongroom/catalog/", "dev/strongroom/audit/", "dev/strongroom/store/",
            "dev/strongroom/ingest/", "dev/strongroom/http/", "dev/strongroom/VaultConfig", "dev/strongroom/aws/",
            "dev/strongroom/backup/", "dev/strongroom/metadata/sync/", "dev/strongroom/metadata/MetadataConfig",
            "dev/strongroom/metadata/MetadataWorker", "dev/strongroom/metadata/MetadataCatalog",
            "dev/strongroom/metadata/PreviewStore", "dev/strongroom/metadata/PreviewService", "dev/strongroom/statements/");

    @Test
    void extractorClassesReferToNoFrameworkAndNoServiceCode() throws IOException, URISyntaxException {
        Path dir = Path.of(MetadataExtractor.class.getResource("MetadataExtractor.class").toURI()).getParent();
        List<String> checked = new ArrayList<>();
        List<String> offences = new ArrayList<>();
        check(dir, checked, offences);
        assertTrue(checked.contains("MetadataExtractor.class"), checked.toString());
        assertTrue(checked.size() > 15, checked.toString());
        assertEquals(List.of(), offences);
    }

    @Test
    void lambdaHandlerClassesReferToNoFrameworkAndNoServiceCode() throws IOException, URISyntaxException {
        Path dir = Path.of(MetadataExtractor.class.getResource("lambda/MetadataHandler.class").toURI()).getParent();
        List<String> checked = new ArrayList<>();
        List<String> offences = new ArrayList<>();
        check(dir, checked, offences);
        assertTrue(checked.contains("MetadataHandler.class"), checked.toString());
        assertEquals(List.of(), offences);
    }

    @Test
    void statementValidatorClassesReferToNoFrameworkAndNoServiceCode() throws IOException, URISyntaxException {
        Path dir = Path.of(MetadataExtractor.class.getResource("statement/StatementValidator.class").toURI()).getParent();
        List<String> checked = new ArrayList<>();
        List<String> offences = new ArrayList<>();
        check(dir, checked, offences);
        assertTrue(checked.contains("StatementValidator.class"), checked.toString());
        assertEquals(List.of(), offences);
    }

    @Test
    void theLambdaZipLeavesOutExactlyTheServiceSide() throws IOException {
        String descriptor = Files.readString(Path.of("src/assembly/metadata-lambda.xml"));
        Matcher excluded = Pattern.compile("<exclude>dev/strongroom/metadata/(\\w+)\\*\\.class</exclude>")
                .matcher(descriptor);
        Set<String> names = new TreeSet<>();
        while (excluded.find()) {
            names.add(excluded.group(1));
        }
        assertEquals(new TreeSet<>(SERVICE_SIDE), names);
        assertTrue(descriptor.contains("<include>dev/strongroom/metadata/*.class</include>"), descriptor);
        assertTrue(descriptor.contains("<include>dev/strongroom/metadata/lambda/*.class</include>"), descriptor);
        assertTrue(descriptor.contains("<include>dev/strongroom/metadata/statement/*.class</include>"), descriptor);
    }

    /** POI logs through the Log4j API; in the Lambda, without Quarkus's provider, the zip names one that exists. */
    @Test
    void theLambdaZipGivesTheLog4jApiAProviderSoItDoesNotWarnAtEveryColdStart() throws Exception {
        String descriptor = Files.readString(Path.of("src/assembly/metadata-lambda.xml"));
        assertTrue(descriptor.contains("<directory>src/assembly/lambda</directory>"), descriptor);
        java.util.Properties props = new java.util.Properties();
        try (var in = Files.newInputStream(Path.of("src/assembly/lambda/log4j2.component.properties"))) {
            props.load(in);
        }
        String provider = props.getProperty("log4j.provider");
        Class<?> type = Class.forName(provider);
        assertTrue(org.apache.logging.log4j.spi.Provider.class.isAssignableFrom(type), provider);
    }

    private static void check(Path dir, List<String> checked, List<String> offences) throws IOException {
        try (Stream<Path> classes = Files.list(dir)) {
            for (Path file : classes.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replaceFirst("(\\$.*)?\\.class$", "");
                if (SERVICE_SIDE.contains(name)) {
                    continue;
                }
                checked.add(file.getFileName().toString());
                String pool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String forbidden : FORBIDDEN) {
                    if (pool.contains(forbidden)) {
                        offences.add(file.getFileName() + " refers to " + forbidden);
                    }
                }
            }
        }
    }
}

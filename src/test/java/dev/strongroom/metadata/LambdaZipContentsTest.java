package dev.strongroom.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Lambda zip holds whole packages: the plain-Java extractor, the handler and the statement validator.
 * That they use nothing of Quarkus, CDI or the service is {@code ArchitectureTest}'s rule; this test holds
 * that the assembly names exactly those packages, and that each of them exists and has classes.
 */
class LambdaZipContentsTest {

    static final List<String> LAMBDA_PACKAGES = List.of("dev/strongroom/metadata/extract",
            "dev/strongroom/metadata/lambda", "dev/strongroom/metadata/statement");

    @Test
    void theLambdaZipHoldsExactlyTheLambdaSidePackages() throws IOException {
        String descriptor = Files.readString(Path.of("src/assembly/metadata-lambda.xml"));
        Matcher included = Pattern.compile("<include>(dev/strongroom/[^<]*)</include>").matcher(descriptor);
        List<String> packages = new ArrayList<>();
        while (included.find()) {
            packages.add(included.group(1));
        }
        assertEquals(LAMBDA_PACKAGES.stream().map(p -> p + "/**").toList(), packages);
        assertFalse(descriptor.contains("<exclude>dev/strongroom/"), descriptor);
    }

    @Test
    void eachLambdaSidePackageIsCompiled() throws IOException {
        for (String name : LAMBDA_PACKAGES) {
            Path dir = Path.of("target/classes").resolve(name);
            try (Stream<Path> classes = Files.list(dir)) {
                assertTrue(classes.anyMatch(f -> f.toString().endsWith(".class")), dir.toString());
            }
        }
    }

    /** POI logs through the Log4j API; in the Lambda, without Quarkus's provider, the zip names one that exists. */
    @Test
    void theLambdaZipGivesTheLog4jApiAProviderSoItDoesNotWarnAtEveryColdStart() throws Exception {
        String descriptor = Files.readString(Path.of("src/assembly/metadata-lambda.xml"));
        assertTrue(descriptor.contains("<directory>src/assembly/lambda</directory>"), descriptor);
        Properties props = new Properties();
        try (var in = Files.newInputStream(Path.of("src/assembly/lambda/log4j2.component.properties"))) {
            props.load(in);
        }
        String provider = props.getProperty("log4j.provider");
        Class<?> type = Class.forName(provider);
        assertTrue(org.apache.logging.log4j.spi.Provider.class.isAssignableFrom(type), provider);
    }
}

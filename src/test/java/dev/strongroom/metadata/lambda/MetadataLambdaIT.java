package dev.strongroom.metadata.lambda;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.backup.MotoEmulator;
import dev.strongroom.backup.VaultProcess;
import dev.strongroom.support.Corpus;
import dev.strongroom.support.ExpectedErrors;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The metadata Lambda as it ships, against a real moto_server provisioned by deploy/local: the handler
 * loaded from target/strongroom-metadata-lambda.zip alone (no Quarkus anywhere on that class path) turns
 * the emulator's own S3 notification into a sidecar; and the packaged vault with its light lane off
 * takes the same path end to end, from upload and backup to search.
 */
class MetadataLambdaIT {

    private static final String HANDLER = "dev.strongroom.metadata.lambda.MetadataHandler";
    private static final long DEFER_ABOVE = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MotoEmulator moto;
    private static S3Client s3;
    private static SqsClient sqs;
    private static String queueUrl;

    @BeforeAll
    static void emulator() {
        moto = MotoEmulator.startProvisioned();
        // The handler takes its credentials from the default chain, whose first link is these properties.
        System.setProperty("aws.accessKeyId", MotoEmulator.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", MotoEmulator.ACCESS_KEY);
        s3 = moto.client(MotoEmulator.REGION);
        sqs = SqsClient.builder().region(Region.of(MotoEmulator.REGION)).endpointOverride(URI.create(moto.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MotoEmulator.ACCESS_KEY, MotoEmulator.ACCESS_KEY)))
                .build();
        queueUrl = sqs.getQueueUrl(b -> b.queueName("strongroom-documents")).queueUrl();
    }

    @AfterAll
    static void stop() {
        if (sqs != null) {
            sqs.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @AfterEach
    void reset() {
        RestAssured.reset();
    }

    @Test
    void theHandlerFromTheZipAloneTurnsTheEmulatorsEventIntoASidecarOnceAndDefersLargeDocuments() throws Exception {
        Path zip = Path.of(System.getProperty("strongroom.lambda.zip", "target/strongroom-metadata-lambda.zip"));
        assertNoQuarkusIn(zip);
        Path unpacked = unzip(zip);
        List<URL> urls = new ArrayList<>();
        urls.add(unpacked.toUri().toURL());
        try (Stream<Path> jars = Files.list(unpacked.resolve("lib"))) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("io.quarkus.runtime.Quarkus"));
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("dev.strongroom.metadata.MetadataWorker"));
            Class<?> type = loader.loadClass(HANDLER);
            assertEquals(loader, type.getClassLoader());
            Map<String, String> env = Map.of(LambdaSettings.ENDPOINT, moto.endpoint(), LambdaSettings.REGION,
                    MotoEmulator.REGION, LambdaSettings.DEFER_ABOVE_BYTES, Long.toString(DEFER_ABOVE),
                    LambdaSettings.DETECT_LANGUAGE, "false", LambdaSettings.SSM_INSTANCE_ID, "i-0123456789abcdef0");
            AutoCloseable handler = (AutoCloseable) type.getConstructor(Map.class).newInstance(env);
            try {
                Method handle = handleRequest(type);

                byte[] pdf = Corpus.pdf();
                String key = putDocument(pdf, "q3 liquidity.pdf");
                String event = receiveEventFor(key);
                assertEquals("extracted", outcome(handle, handler, event, key));
                byte[] sidecarBytes = s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET)
                        .key("metadata/" + key + ".json")).asByteArray();
                JsonNode sidecar = JSON.readTree(sidecarBytes);
                assertEquals("ok", sidecar.path("status").asText());
                assertEquals(Corpus.PDF_TITLE, sidecar.path("title").asText());
                assertEquals(Samples.sha256(pdf), sidecar.path("sha256").asText());
                byte[] png = s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET).key("metadata/" + key + ".png"))
                        .asByteArray();
                assertEquals(256, ImageIO.read(new ByteArrayInputStream(png)).getHeight());

                // A photo waits for OCR in the heavy lane; its sidecar says it has a preview, and it has one.
                byte[] photo = Corpus.jpegWithExif();
                String photoKey = putDocument(photo, "taxi.jpg");
                assertEquals("deferred", outcome(handle, handler, receiveEventFor(photoKey), photoKey));
                JsonNode photoSidecar = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET)
                        .key("metadata/" + photoKey + ".json")).asByteArray());
                assertEquals("ocr-pending", photoSidecar.path("reason").asText());
                assertEquals(true, photoSidecar.path("preview").asBoolean());
                assertEquals(320, photoSidecar.path("width").asInt(), "image dimensions are recorded");
                assertTrue(s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET).key("metadata/" + photoKey + ".png"))
                        .asByteArray().length > 0, "the preview the sidecar promises is there");

                // Delivered again: nothing new is written, the one sidecar version stays as it was.
                assertEquals("unchanged", outcome(handle, handler, event, key));
                assertEquals(1, MotoEmulator.versionsOf(s3, MotoEmulator.BUCKET, "metadata/" + key + ".json").size());
                assertArrayEquals(sidecarBytes, s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET)
                        .key("metadata/" + key + ".json")).asByteArray());

                // A statement (its retention class in the object's metadata, as the backup writes it) also gets its
                // statement sidecar from the validator the zip carries: here every refused row, by line and column.
                byte[] statement = ("account,date,merchant,amount,currency\nA1,2026-03-01,Coffee,-3.50,EUR\n"
                        + "A1,2026-03-32,Tea,-2.00,EUR\n").getBytes(StandardCharsets.UTF_8);
                String statementKey = putDocument(statement, "march.csv", "statement");
                assertEquals("extracted", outcome(handle, handler, receiveEventFor(statementKey), statementKey));
                JsonNode checked = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET)
                        .key("metadata/" + statementKey + ".statement.json")).asByteArray());
                assertEquals("invalid", checked.path("status").asText(), checked.toString());
                assertEquals(Samples.sha256(statement), checked.path("sha256").asText());
                assertEquals(3, checked.path("errors").path(0).path("line").asInt(), checked.toString());
                assertEquals("date", checked.path("errors").path(0).path("column").asText(), checked.toString());
                assertEquals(0, checked.path("lines").size());

                // Above the threshold: not parsed, a deferred sidecar, and the EC2 host asked through SSM.
                byte[] large = Samples.text((int) DEFER_ABOVE + 5_000);
                String largeKey = putDocument(large, "ledger.txt");
                assertEquals("deferred", outcome(handle, handler, receiveEventFor(largeKey), largeKey));
                JsonNode deferred = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET)
                        .key("metadata/" + largeKey + ".json")).asByteArray());
                assertEquals("deferred", deferred.path("status").asText());
                assertEquals("above-light-threshold", deferred.path("reason").asText());
                assertEquals(Samples.sha256(large), deferred.path("sha256").asText());
                try (SsmClient ssm = SsmClient.builder().region(Region.of(MotoEmulator.REGION))
                        .endpointOverride(URI.create(moto.endpoint()))
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(MotoEmulator.ACCESS_KEY, MotoEmulator.ACCESS_KEY)))
                        .build()) {
                    List<String> commands = ssm.listCommands(b -> b.instanceId("i-0123456789abcdef0")).commands()
                            .stream().flatMap(c -> c.parameters().get("commands").stream()).toList();
                    assertTrue(commands.contains("touch /srv/strongroom/metadata-handover/" + Samples.sha256(large)),
                            commands.toString());
                }

                // An object that is not there: the handler names it and throws, for Lambda's retries.
                String missing = event.replace(key.substring("documents/".length()), "no-such-document");
                ExpectedErrors.announce("documents/no-such-document failed", "this test hands the handler an event "
                        + "for an object that is not in the bucket");
                InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                        () -> handle.invoke(handler, in(missing), new ByteArrayOutputStream(), null));
                assertTrue(thrown.getCause().getClass().getName().contains("NoSuchKey")
                        || thrown.getCause().getMessage().contains("404"), thrown.getCause().toString());
            } finally {
                handler.close();
            }
        }
    }

    @Test
    void withTheLightLaneOffTheVaultGetsItsMetadataFromTheLambdaPathAndItsHeavyLane() {
        Map<String, String> env = new HashMap<>(moto.environment());
        env.put("STRONGROOM_BACKUP_CRON", "off");
        env.put("STRONGROOM_METADATA_LIGHT_LANE", "false");
        env.put("STRONGROOM_METADATA_RUNNER_ENABLED", "true");
        env.put("STRONGROOM_METADATA_RUNNER_WAIT_TIME", "2s");
        env.put("STRONGROOM_METADATA_RUNNER_DEFER_ABOVE_BYTES", Long.toString(DEFER_ABOVE));
        env.put("STRONGROOM_METADATA_SYNC_EVERY", "off");
        // One document per page: a sync still reads every page that finds sidecars, not one page a period.
        env.put("STRONGROOM_METADATA_SYNC_BATCH", "1");
        env.put("STRONGROOM_METADATA_LIMITS_DETECT_LANGUAGE", "false");
        Path work = Path.of("target", "it-lambda-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        try (VaultProcess vault = VaultProcess.start(work.resolve("data"), env, null, "metadata-lambda")) {
            RestAssured.port = vault.port();
            String alice = Vault.user("alice", "analyst");
            String olga = Vault.user("olga", "ops");
            String audrey = Vault.user("audrey", "auditor");
            String pdf = Vault.upload(alice, "q3.pdf", Corpus.pdf()).then().statusCode(201).extract().path("id");
            byte[] ledger = Samples.text((int) DEFER_ABOVE + 20_000);
            String word = new String(ledger, 0, 50, StandardCharsets.US_ASCII).split("\\s+")[1];
            String large = Vault.upload(alice, "ledger.txt", ledger).then().statusCode(201).extract().path("id");
            assertEquals("PENDING", state(alice, pdf), "the light lane is off");

            String run = Vault.as(olga).post("/api/backups/runs").then().statusCode(202).extract().path("id");
            await("the backup run", () -> !"running".equals(Vault.as(olga).get("/api/backups/runs/" + run).then()
                    .extract().path("state")), vault);

            // The runner hands the emulator's messages to the handler; one sync takes every sidecar there.
            await("both sidecars in S3", () -> List.of(pdf, large).stream().allMatch(id -> !s3.listObjectsV2(
                    b -> b.bucket(MotoEmulator.BUCKET).prefix("metadata/documents/" + id + ".json")).contents()
                    .isEmpty()), vault);
            Vault.as(olga).post("/api/metadata/sync").then().statusCode(200).body("applied", equalTo(1))
                    .body("deferred", equalTo(1));
            await("both documents' metadata", () -> {
                Vault.as(olga).post("/api/metadata/sync").then().statusCode(200);
                return "EXTRACTED".equals(state(alice, pdf)) && "EXTRACTED".equals(state(alice, large));
            }, vault);
            Vault.as(alice).get("/api/documents?q=liquidity").then().statusCode(200).body("items.id", contains(pdf));
            Vault.as(alice).get("/api/documents?q=" + word).then().statusCode(200).body("items.id", contains(large));
            Vault.as(audrey).get("/api/audit?action=metadata.extract&documentId=" + pdf).then()
                    .body("items[0].detail.lane", org.hamcrest.Matchers.equalTo("lambda"));
            Vault.as(audrey).get("/api/audit?action=metadata.extract&documentId=" + large).then()
                    .body("items[0].detail.lane", org.hamcrest.Matchers.equalTo("heavy"));
            JsonPath deferred = JsonPath.from(new String(s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET)
                    .key("metadata/documents/" + large + ".json")).asByteArray(), StandardCharsets.UTF_8));
            assertEquals("deferred", deferred.getString("status"));
            Vault.as(alice).get("/api/documents/" + pdf + "/preview").then().statusCode(200).contentType("image/png");
        }
    }

    private static String state(String user, String id) {
        return Vault.as(user).get("/api/documents/" + id).then().statusCode(200).extract().path("metadataState");
    }

    private static void await(String what, Supplier<Boolean> done, VaultProcess vault) {
        try {
            Awaitility.await(what).atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(300)).until(done::get);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + " did not happen within 4 minutes:\n" + vault.logTail(), e);
        }
    }

    /** Puts a document the way the backup does: its SHA-256 as metadata and as S3's checksum. */
    private static String putDocument(byte[] bytes, String fileName) {
        return putDocument(bytes, fileName, "default");
    }

    private static String putDocument(byte[] bytes, String fileName, String retentionClass) {
        String key = "documents/" + UUID.randomUUID();
        s3.putObject(b -> b.bucket(MotoEmulator.BUCKET).key(key).metadata(Map.of("sha256", Samples.sha256(bytes),
                "file-name", fileName.replace(" ", "%20"), "retention-class", retentionClass))
                .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(bytes));
        return key;
    }

    /** The emulator's own notification for this key, received from its queue with the real SDK, unchanged. */
    private static String receiveEventFor(String key) {
        // Each receive long-polls the queue for a second, so it is polled again at once.
        return Awaitility.await("the S3 notification for " + key + " in the queue").atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .until(() -> receiveOnce(key), Optional::isPresent).get();
    }

    /** The notification for this key if this receive brought it, deleted from the queue. */
    private static Optional<String> receiveOnce(String key) {
        for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(1).visibilityTimeout(2)).messages()) {
            if (message.body().contains(key.substring("documents/".length()))) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                return Optional.of(message.body());
            }
        }
        return Optional.empty();
    }

    private static String outcome(Method handle, Object handler, String event, String key) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handle.invoke(handler, in(event), out, null);
        return JSON.readTree(out.toByteArray()).path("documents").path(key).asText();
    }

    private static Method handleRequest(Class<?> type) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 3
                    && m.getParameterTypes()[0] == InputStream.class && m.getParameterTypes()[1] == OutputStream.class) {
                assertEquals("com.amazonaws.services.lambda.runtime.Context", m.getParameterTypes()[2].getName());
                return m;
            }
        }
        throw new AssertionError("no handleRequest(InputStream, OutputStream, Context) on " + type);
    }

    private static InputStream in(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertNoQuarkusIn(Path zip) throws IOException {
        List<String> offenders = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith("io/quarkus/") || name.contains("quarkus")) {
                    offenders.add(name);
                }
                if (name.startsWith("lib/") && name.endsWith(".jar")) {
                    try (java.util.zip.ZipInputStream jar = new java.util.zip.ZipInputStream(file.getInputStream(entry))) {
                        for (ZipEntry inner; (inner = jar.getNextEntry()) != null;) {
                            if (inner.getName().startsWith("io/quarkus/")) {
                                offenders.add(name + "!" + inner.getName());
                                break;
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
        long size = Files.size(zip);
        assertTrue(size < 250L * 1024 * 1024, "zip of " + size + " bytes");
    }

    private static Path unzip(Path zip) throws IOException {
        Path target = Path.of("target", "lambda-classpath-" + UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path out = target.resolve(entry.getName()).normalize();
                assertTrue(out.startsWith(target), entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, out);
                    }
                }
            }
        }
        return target;
    }
}

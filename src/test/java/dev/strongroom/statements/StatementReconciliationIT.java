package dev.strongroom.statements;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.backup.MotoEmulator;
import dev.strongroom.backup.VaultProcess;
import dev.strongroom.support.ReceiptImages;
import dev.strongroom.support.Samples;
import dev.strongroom.support.StatementFiles;
import dev.strongroom.support.StatementFiles.Line;
import dev.strongroom.support.TesseractInstalled;
import dev.strongroom.support.Vault;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The packaged vault against the emulator, as deploy/local provisions it: a card statement of 200 lines, 180
 * of which have their receipt in the vault (some of them phone photos read by OCR), is validated, loaded,
 * matched, reported to the bucket and announced on the statements topic; an invalid statement names its
 * refused rows and loads nothing. The topic's messages are read from a queue this test subscribes to it.
 */
class StatementReconciliationIT {

    private static final String ACCOUNT = "GB33BUKB20201555555555";
    private static final String TOPIC = "arn:aws:sns:" + MotoEmulator.REGION + ":123456789012:strongroom-statements";
    private static final LocalDate FIRST = LocalDate.of(2026, 6, 1);
    private static final int LINES = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a shop names itself on its receipt, and how the card statement prints it. */
    private record Merchant(String onReceipt, String onStatement) {
    }

    private static final List<Merchant> MERCHANTS = List.of(
            new Merchant("Northwind Stationery Ltd", "NORTHWIND STATIONE BRISTOL"),
            new Merchant("Cafe Luna", "CAFE LUNA LONDON"),
            new Merchant("Grand Hotel Berlin", "GRAND HOTEL BERLIN GMBH"),
            new Merchant("Bluebell Hardware", "BLUEBELL HARDWARE LISBON"),
            new Merchant("Kestrel Couriers", "KESTREL COURIERS LTD"),
            new Merchant("Marlowe Ironmongers", "MARLOWE IRONMONG BRISTOL"),
            new Merchant("Quillon Catering", "QUILLON CATERING PORTO"),
            new Merchant("Harbour Books", "HARBOUR BOOKS*ONLINE"),
            new Merchant("Pinecrest Taxis", "PINECREST TAXIS 0207"),
            new Merchant("Ashford Print Shop", "ASHFORD PRINT SHOP"),
            new Merchant("Meridian Rail", "MERIDIAN RAIL TICKETS"),
            new Merchant("Copperleaf Bistro", "COPPERLEAF BISTRO LEEDS"));

    /** Lines whose receipt is a phone photo rather than a text file. */
    private static final List<Integer> PHOTOS = List.of(4, 57, 133);

    @AfterEach
    void reset() {
        RestAssured.reset();
    }

    private static boolean hasReceipt(int i) {
        return i % 10 != 9;
    }

    private static Merchant merchant(int i) {
        return MERCHANTS.get(i % MERCHANTS.size());
    }

    /** Distinct amounts: no two lines could be backed by the same receipt. */
    private static BigDecimal amount(int i) {
        return new BigDecimal("3.19").add(new BigDecimal("1.37").multiply(BigDecimal.valueOf(i)));
    }

    private static LocalDate booked(int i) {
        return FIRST.plusDays(i % 28);
    }

    @Test
    void aStatementOf200LinesIsMatchedReportedToTheBucketAndAnnouncedOnTheTopic() throws IOException {
        TesseractInstalled.require();
        Path work = Path.of("target", "it-statements-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        try (MotoEmulator moto = MotoEmulator.startProvisioned();
                SqsClient sqs = client(SqsClient.builder(), moto);
                SnsClient sns = client(SnsClient.builder(), moto);
                S3Client s3 = moto.client(MotoEmulator.REGION)) {
            String queueUrl = sqs.createQueue(b -> b.queueName("statements-told")).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(b -> b.topicArn(TOPIC).protocol("sqs").endpoint(queueArn));

            Map<String, String> env = new HashMap<>(moto.environment());
            env.put("STRONGROOM_BACKUP_CRON", "off");
            env.put("STRONGROOM_STATEMENTS_TOPIC_ARN", TOPIC);
            try (VaultProcess vault = VaultProcess.start(work.resolve("data"), env, null, "statements")) {
                RestAssured.port = vault.port();
                String alice = Vault.user("alice", "analyst");

                Map<Integer, String> receiptOf = uploadReceipts(alice);
                List<String> strays = List.of(receipt(alice, "Harbour Books", FIRST.plusDays(3), "999.99"),
                        receipt(alice, "Cafe Luna", FIRST.plusDays(9), "0.85"));
                List<String> all = new ArrayList<>(receiptOf.values());
                all.addAll(strays);
                // Matching reads what the receipts' metadata says: all of it must have been read first.
                for (String id : all) {
                    await("receipt " + id + " is read").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                            .until(() -> Vault.as(alice).get("/api/documents/" + id).then().extract()
                                    .path("metadata.receipt.total.amount") != null);
                }

                List<Line> lines = new ArrayList<>();
                for (int i = 0; i < LINES; i++) {
                    lines.add(new Line(booked(i).toString(), merchant(i).onStatement(), amount(i).negate().toPlainString(),
                            "EUR"));
                }
                String statement = Vault.as(alice).multiPart("file", "june.csv", StatementFiles.csv(ACCOUNT, "50000.00",
                        lines)).multiPart("retentionClass", "statement").post("/api/documents").then().statusCode(201)
                        .extract().path("id");
                JsonPath processed = processed(alice, statement);
                assertEquals("RECONCILED", processed.getString("state"), processed::prettify);
                assertEquals(LINES, processed.getInt("lineCount"));

                List<Map<String, Object>> found = Vault.as(alice).get("/api/statements/lines?size=500&statement="
                        + statement).then().statusCode(200).extract().jsonPath().getList("items");
                assertEquals(LINES, found.size());
                int correct = 0;
                List<String> wronglySettled = new ArrayList<>();
                for (Map<String, Object> line : found) {
                    int i = (Integer) line.get("line") - 2; // line 1 is the header
                    String expected = receiptOf.get(i);
                    boolean settled = "MATCHED".equals(line.get("matchState"));
                    List<String> backing = receiptIds(line);
                    if (settled && !List.of(String.valueOf(expected)).equals(backing)) {
                        wronglySettled.add("line " + line.get("line") + " settled on " + backing + ", its receipt is "
                                + expected);
                    }
                    if (expected != null ? settled && backing.equals(List.of(expected)) : !settled) {
                        correct++;
                    }
                }
                double share = correct / (double) LINES;
                System.out.printf("statements IT: %d of %d lines correctly matched (%.1f %%), %s%n", correct, LINES,
                        100 * share, processed.getMap("matches"));
                assertTrue(wronglySettled.isEmpty(), "no line is wrongly matched with high confidence: " + wronglySettled);
                assertTrue(share >= 0.95, correct + " of " + LINES + " lines correctly matched");

                // The report in the Object-Locked bucket is the one the API serves.
                String prefix = processed.getString("report.bucketPrefix");
                assertEquals("reports/statements/" + statement + "/", prefix);
                ResponseBytes<GetObjectResponse> csv = s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET)
                        .key(prefix + "reconciliation.csv"));
                assertEquals(processed.getString("report.csvSha256"), Samples.sha256(csv.asByteArray()));
                assertNotNull(csv.response().objectLockRetainUntilDate(), "the report is under the bucket's retention");
                String report = csv.asUtf8String();
                assertEquals(LINES - receiptOf.size(), count(report, "missing receipt"), report);
                for (String stray : strays) {
                    assertTrue(report.contains(stray), "the receipts that match no line are listed: " + stray);
                }
                assertNotNull(s3.headObject(b -> b.bucket(MotoEmulator.BUCKET).key(prefix + "reconciliation.pdf")));

                // An invalid statement: kept, every refused row named, nothing loaded.
                byte[] invalid = ("account,date,merchant,amount,currency\n"
                        + "DE89370400440532013000,2026-06-01,Coffee,-3.50,EUR\n"
                        + "DE89370400440532013000,2026-06-31,Tea,-2.00,EUR\n"
                        + "DE89370400440532013000,2026-06-02,Cake,-2.5x,EUR\n"
                        + "DE89370400440532013000,2026-06-03,Bread,-1.20,EURO\n").getBytes(StandardCharsets.UTF_8);
                String bad = Vault.as(alice).multiPart("file", "broken.csv", invalid).multiPart("retentionClass", "statement")
                        .post("/api/documents").then().statusCode(201).extract().path("id");
                JsonPath refused = processed(alice, bad);
                assertEquals("INVALID", refused.getString("state"), refused::prettify);
                assertEquals(List.of(3, 4, 5), refused.getList("errors.line"));
                assertEquals(List.of("date", "amount", "currency"), refused.getList("errors.column"));
                assertTrue(refused.getString("errors[0].reason").contains("'2026-06-31' is not a date"), refused::prettify);
                Vault.as(alice).get("/api/statements/lines?statement=" + bad).then().statusCode(200)
                        .body("total", org.hamcrest.Matchers.equalTo(0));

                // Both outcomes were published to the emulator's topic.
                Map<String, JsonNode> told = new LinkedHashMap<>();
                await("the topic is told of both statements").atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(500)).until(() -> {
                            for (Message m : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                                    .waitTimeSeconds(1)).messages()) {
                                JsonNode message = JSON.readTree(JSON.readTree(m.body()).path("Message").asText());
                                told.put(message.path("statementId").asText(), message);
                            }
                            return told.containsKey(statement) && told.containsKey(bad);
                        });
                JsonNode reconciled = told.get(statement);
                assertEquals("RECONCILED", reconciled.path("state").asText(), reconciled::toString);
                assertEquals(LINES, reconciled.path("lines").asInt());
                assertEquals(prefix, reconciled.path("report").asText());
                assertEquals(processed.getLong("matches.MATCHED"), reconciled.path("matches").path("matched").asLong());
                assertEquals("INVALID", told.get(bad).path("state").asText());
                assertEquals(3, told.get(bad).path("errors").asInt());
            }
        }
    }

    /** The receipts of the lines that have one, by line index: text receipts, and a few phone photos. */
    private static Map<Integer, String> uploadReceipts(String user) {
        Map<Integer, String> receiptOf = new LinkedHashMap<>();
        for (int i = 0; i < LINES; i++) {
            if (!hasReceipt(i)) {
                continue;
            }
            // Receipts are dated the day of purchase, which the card books up to two days later.
            LocalDate bought = booked(i).minusDays(i % 3);
            if (PHOTOS.contains(i)) {
                ReceiptImages.Receipt printed = new ReceiptImages.Receipt(merchant(i).onReceipt(), "12 Harbour Street",
                        bought.toString(), bought.toString(), "Goods", amount(i).toPlainString(), "EUR");
                byte[] png = ReceiptImages.png(ReceiptImages.draw(printed, 1.0, i));
                receiptOf.put(i, Vault.upload(user, "photo-" + i + ".png", png).then().statusCode(201).extract()
                        .path("id"));
            } else {
                receiptOf.put(i, receipt(user, merchant(i).onReceipt(), bought, amount(i).toPlainString()));
            }
        }
        return receiptOf;
    }

    private static String receipt(String user, String vendor, LocalDate date, String total) {
        return Vault.upload(user, "receipt-" + total + ".txt", StatementFiles.textReceipt(vendor, date.toString(), total,
                "EUR")).then().statusCode(201).extract().path("id");
    }

    private static JsonPath processed(String user, String id) {
        return StatementFiles.awaitStatement(user, id, "notifiedAt", Duration.ofMinutes(3));
    }

    @SuppressWarnings("unchecked")
    private static List<String> receiptIds(Map<String, Object> line) {
        Object receipts = line.get("receipts");
        if (receipts == null) {
            return List.of();
        }
        return ((List<Map<String, Object>>) receipts).stream().map(r -> (String) r.get("id")).toList();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C> C client(
            B builder, MotoEmulator moto) {
        return builder.region(Region.of(MotoEmulator.REGION)).endpointOverride(java.net.URI.create(moto.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoEmulator.ACCESS_KEY,
                        MotoEmulator.ACCESS_KEY))).build();
    }
}

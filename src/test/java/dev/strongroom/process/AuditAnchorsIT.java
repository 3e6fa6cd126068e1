package dev.strongroom.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.backup.MotoEmulator;
import dev.strongroom.process.VaultClient.User;
import dev.strongroom.storage.HostKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The packaged vault with its outside anchors (moto_server for S3 and CloudWatch Logs): rolling digests
 * every two seconds, a rewritten chain caught offline by the verifier with {@code --digests}, a digest
 * refused over a changed segment, a CloudWatch check that names the side the signed digest vouches for,
 * an index column changed in the catalog while the vault was stopped, and a vault restored from S3 that
 * finds its journal shorter than CloudWatch, restores the tail from there, and ships to a new stream
 * epoch while the old stream stays as it was; then a tail restored from the journal segments in S3.
 */
@ExtendWith(VaultProcess.LogTailOnFailure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditAnchorsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREAM = "anchors-it";
    private static final String GROUP = "/strongroom/audit";
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final User ANALYST = new User("anchor-analyst", "analyst-password-anchors");
    private static final User AUDITOR = new User("anchor-auditor", "auditor-password-anchors");
    private static final User OPS = new User("anchor-ops", "ops-password-for-anchors");

    private MotoEmulator moto;
    private S3Client s3;
    private CloudWatchLogsClient logs;
    private Path work;
    private Path data;
    private VaultProcess vault;
    private VaultClient client;
    private int starts;
    private String document;
    private long downloadSeq;

    @BeforeAll
    void start() throws Exception {
        moto = MotoEmulator.startProvisioned();
        s3 = moto.client(MotoEmulator.REGION);
        logs = CloudWatchLogsClient.builder().region(Region.of(MotoEmulator.REGION))
                .endpointOverride(URI.create(moto.endpoint())).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MotoEmulator.ACCESS_KEY, MotoEmulator.ACCESS_KEY))).build();
        work = ScratchDirectory.fresh("audit-anchors");
        data = work.resolve("data");
        vault = startVault(data);
        client = new VaultClient(vault, Duration.ofSeconds(60));
        client.createUser(ANALYST, "analyst");
        client.createUser(AUDITOR, "auditor");
        client.createUser(OPS, "ops");
        document = upload("anchored.txt");
        assertEquals(200, client.download(ANALYST, document).status());
        downloadSeq = client.getJson(AUDITOR, "/api/audit?action=document.download&documentId=" + document)
                .path("items").get(0).path("seq").asLong();
    }

    @AfterAll
    void stop() {
        if (vault != null) {
            vault.close();
        }
        if (logs != null) {
            logs.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aRollingDigestAnchorsNewEventsAndTheOfflineVerifierCatchesARewrittenChain() throws Exception {
        JsonNode digest = await().atMost(Duration.ofMinutes(2)).until(this::newestDigest,
                d -> d != null && d.path("lastSeq").asLong() >= downloadSeq);
        assertEquals("rolling", digest.path("reason").asText(), digest.toPrettyString());

        Path dir = Files.createDirectories(work.resolve("offline"));
        Path export = dir.resolve("export.ndjson");
        Files.write(export, client.send(AUDITOR, "GET", "/api/audit/export?format=ndjson", null).body()
                .getBytes(StandardCharsets.UTF_8));
        Path digests = downloadDigests(dir.resolve("digests"));
        Path key = Files.writeString(dir.resolve("vault.pub.pem"), client.send(AUDITOR, "GET", "/api/keys/receipt", null)
                .body());
        Verifier intact = Verifier.run(export, digests, key);
        assertEquals(0, intact.exit(), intact.output());

        // Minutes old, so no hourly digest could cover it: the download is given to someone else, and every
        // hash from it on recomputed, so the chain alone still holds.
        Path forged = dir.resolve("forged.ndjson");
        Files.write(forged, Forgery.rewrite(Files.readAllLines(export, StandardCharsets.UTF_8), downloadSeq,
                "\"actor\":\"" + ANALYST.name() + "\"", "\"actor\":\"someone-else\""));
        Verifier caught = Verifier.run(forged, digests, key);
        assertEquals(1, caught.exit(), caught.output());
        assertTrue(caught.output().contains("CHANGED"), caught.output());
    }

    @Test
    @Order(2)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aDigestIsNeverSignedOverAChangedSegment() throws Exception {
        long seq = eventTheNewestDigestSigned();
        String line = lineOf(seq);
        Instant changedAt = Instant.now();
        rewriteInPlace(line, line.replace("\"outcome\":\"success\"", "\"outcome\":\"suc-ess\""));
        try {
            upload("after-the-change.txt");
            await().atMost(Duration.ofMinutes(2)).until(() -> client.healthCheck("audit-journal").toString()
                    .contains("DIGEST_REFUSED"));
            List<String> signedAfter = digestKeys().stream().filter(k -> endOf(k).isAfter(changedAt)).toList();
            assertEquals(List.of(), signedAfter, "no digest may be signed over the changed segment");
            JsonNode refusals = client.getJson(AUDITOR, "/api/audit?action=audit.digest.refused&outcome=failure&size=1");
            assertTrue(refusals.path("total").asLong() >= 1, refusals.toPrettyString());
            assertTrue(refusals.path("items").get(0).path("detail").path("problem").asText().contains(
                    "no longer holds the"), refusals.toPrettyString());
            String metrics = client.send(OPS, "GET", "/q/metrics", null).body();
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("strongroom_audit_digest_refused_total")
                    && !l.endsWith(" 0.0")), "the refusal is counted");
        } finally {
            rewriteInPlace(lineOf(seq), line);
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> !client.healthCheck("audit-journal").toString()
                .contains("DIGEST_REFUSED"));
        assertTrue(digestKeys().stream().anyMatch(k -> endOf(k).isAfter(changedAt)), "signing resumed");
    }

    @Test
    @Order(3)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void cloudWatchAndTheJournalDifferAtSeqNAndTheSignedDigestSaysWhichIsRight() throws Exception {
        await().atMost(Duration.ofMinutes(2)).until(() -> client.getJson(OPS, "/api/audit/cloudwatch")
                .path("shippedSeq").asLong() > downloadSeq);
        String line = lineOf(downloadSeq);
        rewriteInPlace(line, line.replace("\"outcome\":\"success\"", "\"outcome\":\"suc-ess\""));
        JsonNode report;
        try {
            report = VaultClient.json(client.send(AUDITOR, "POST", "/api/audit/cloudwatch/checks?from="
                    + Instant.now().minus(Duration.ofHours(1)) + "&to=" + Instant.now().plusSeconds(5), null));
        } finally {
            rewriteInPlace(lineOf(downloadSeq), line);
        }
        assertFalse(report.path("ok").asBoolean(), report.toPrettyString());
        String message = report.path("findings").get(0).path("message").asText();
        assertTrue(message.startsWith("CloudWatch and the journal differ at seq " + downloadSeq), report.toPrettyString());
        assertTrue(message.contains("CloudWatch matches signed digest"), report.toPrettyString());
    }

    @Test
    @Order(4)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void anIndexColumnChangedInTheCatalogIsAFinding() throws Exception {
        String other = upload("someone-elses.txt");
        vault.kill();
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath().resolve("catalog")
                .resolve("strongroom"), "strongroom", "");
                PreparedStatement update = db.prepareStatement("update audit_event set document_id = ? where seq = ?")) {
            update.setString(1, other);
            update.setLong(2, downloadSeq);
            assertEquals(1, update.executeUpdate());
        }
        vault = startVault(data);
        client = new VaultClient(vault, Duration.ofSeconds(60));
        await().atMost(Duration.ofMinutes(2)).until(() -> client.healthCheck("audit-journal").toString()
                .contains("INDEX_DISAGREES"));
        JsonNode verified = client.verifyFull(AUDITOR);
        assertFalse(verified.path("ok").asBoolean(), verified.toPrettyString());
        JsonNode finding = verified.path("findings").get(0);
        assertEquals("index-disagrees", finding.path("kind").asText(), verified.toPrettyString());
        assertEquals(downloadSeq, finding.path("seq").asLong(), verified.toPrettyString());
        assertTrue(finding.path("message").asText().contains("document_id"), verified.toPrettyString());
    }

    @Test
    @Order(5)
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aVaultRestoredFromS3RestoresItsTailFromCloudWatchAndShipsToANewEpoch() throws Exception {
        JsonNode run = VaultClient.json(client.send(OPS, "POST", "/api/backups/runs", null));
        String runId = run.path("id").asText();
        await().atMost(Duration.ofMinutes(3)).until(() -> client.getJson(OPS, "/api/backups/runs/" + runId)
                .path("state").asText(), s -> !s.equals("running"));
        upload("after-the-backup.txt");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, client.download(ANALYST, document).status());
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            JsonNode status = client.getJson(OPS, "/api/audit/cloudwatch");
            return status.path("shippedSeq").asLong() == status.path("durableSeq").asLong();
        });
        vault.kill();
        Map<Long, String> oldStream = streamEvents(STREAM);
        long shippedHead = oldStream.keySet().stream().max(Long::compare).orElseThrow();

        Path restored = work.resolve("restored");
        ProcessBuilder command = new ProcessBuilder("deploy/restore-from-s3.sh", "--data-dir", restored.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("restore.log").toFile());
        command.environment().putAll(moto.environment());
        command.environment().put("STRONGROOM_APP_DIR", Path.of("target", "quarkus-app").toAbsolutePath().toString());
        Process restore = command.start();
        restore.getOutputStream().close();
        assertTrue(restore.waitFor(5, TimeUnit.MINUTES), "the restore did not finish");
        assertEquals(0, restore.exitValue(), Files.readString(work.resolve("restore.log")));
        data = restored;
        vault = startVault(restored);
        client = new VaultClient(vault, Duration.ofSeconds(60));
        // The restored journal ends at the backup; the vault took the events shipped after it back from
        // the stream at its start, and named the upload acknowledged after the backup run.
        JsonNode status = client.getJson(OPS, "/api/audit/recovery");
        assertEquals("writable", status.path("state").asText(), status.toPrettyString());
        JsonNode taken = client.getJson(AUDITOR, "/api/audit?action=audit.recovery.restore-tail").path("items").get(0);
        assertEquals("cloudwatch", taken.path("detail").path("source").asText(), taken.toPrettyString());
        assertEquals(Long.toString(shippedHead), taken.path("detail").path("toSeq").asText(), taken.toPrettyString());
        JsonNode late = client.getJson(AUDITOR, "/api/audit?action=audit.recovery.uploads-after-backup").path("items")
                .get(0);
        assertTrue(late.path("detail").path("uploads").asText().contains("after-the-backup.txt"), late.toPrettyString());
        upload("after-the-restore.txt");
        JsonNode verified = client.verifyFull(AUDITOR);
        assertTrue(verified.path("ok").asBoolean(), verified.toPrettyString());

        String epoch = await().atMost(Duration.ofMinutes(2)).until(() -> epochStream(), s -> s != null);
        assertTrue(epoch.startsWith(STREAM + "/s3-restore-"), epoch);
        long head = client.getJson(OPS, "/api/audit/cloudwatch").path("durableSeq").asLong();
        await().atMost(Duration.ofMinutes(2)).until(() -> streamEvents(epoch).size() >= head);
        Map<Long, String> newStream = streamEvents(epoch);
        assertEquals(1L, newStream.keySet().stream().min(Long::compare).orElseThrow(), "the new epoch holds the whole chain");
        assertEquals(oldStream, streamEvents(STREAM), "the stream before the restore stays as it was");
        oldStream.forEach((seq, line) -> assertEquals(line, newStream.get(seq), "event " + seq + " is the same in both"));
        JsonNode check = VaultClient.json(client.send(AUDITOR, "POST", "/api/audit/cloudwatch/checks?from="
                + Instant.now().minus(Duration.ofHours(1)) + "&to=" + Instant.now(), null));
        assertTrue(check.path("ok").asBoolean(), check.toPrettyString());
    }

    @Test
    @Order(6)
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aTailCutWhileStoppedIsRestoredFromTheSegmentsInS3() throws Exception {
        upload("before-the-second-backup.txt");
        JsonNode run = VaultClient.json(client.send(OPS, "POST", "/api/backups/runs", null));
        String runId = run.path("id").asText();
        await().atMost(Duration.ofMinutes(3)).until(() -> client.getJson(OPS, "/api/backups/runs/" + runId)
                .path("state").asText(), s -> !s.equals("running"));
        assertEquals("succeeded", client.getJson(OPS, "/api/backups/runs/" + runId).path("state").asText());
        vault.kill();
        JournalFiles journal = new JournalFiles(data);
        Path newest = journal.newest();
        List<String> lines = JournalFiles.lines(newest);
        // The backup holds the segment up to the run's own head; the run's later events are only local.
        String key = HostKeys.of(Files.readString(data.resolve("host-id")).strip()).journal(newest.getFileName()
                .toString());
        List<String> backedUp = List.of(s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET).key(key))
                .asString(StandardCharsets.UTF_8).split("\n"));
        int keep = backedUp.size() - 2;
        JournalFiles.write(newest, lines.subList(0, keep));
        vault = startVault(data);
        client = new VaultClient(vault, Duration.ofSeconds(60));
        assertEquals("read-only", client.getJson(OPS, "/api/audit/recovery").path("state").asText());
        JsonNode fromS3 = VaultClient.json(client.send(OPS, "POST", "/api/audit/recovery/restore-tail?source=s3",
                null));
        assertEquals(JournalFiles.seqOf(backedUp.get(backedUp.size() - 1)), fromS3.path("head").path("seq").asLong(),
                fromS3.toPrettyString());
        assertTrue(JournalFiles.lines(journal.newest()).containsAll(backedUp.subList(keep, backedUp.size())),
                "the cut lines the backup holds came back from S3 byte for byte");
        // What happened after the backup run is not in S3; the index still holds it.
        JsonNode back = VaultClient.json(client.send(OPS, "POST", "/api/audit/recovery/restore-tail?source=index",
                null));
        assertEquals("writable", back.path("state").asText(), back.toPrettyString());
        JsonNode verified = client.verifyFull(AUDITOR);
        assertTrue(verified.path("ok").asBoolean(), verified.toPrettyString());
    }

    // ------------------------------------------------------------------ helpers

    private VaultProcess startVault(Path dir) {
        starts++;
        Map<String, String> env = new HashMap<>(moto.environment());
        env.put("STRONGROOM_AUDIT_DIGEST_EVERY", "2s");
        env.put("STRONGROOM_STARTUP_BACKGROUND_DELAY", "1s");
        env.put("STRONGROOM_AUDIT_CLOUDWATCH_STREAM", STREAM);
        env.put("STRONGROOM_AUDIT_CLOUDWATCH_POLL_INTERVAL", "PT0.2S");
        env.put("STRONGROOM_AUDIT_CLOUDWATCH_CHECK_CRON", "off");
        env.put("STRONGROOM_BACKUP_CRON", "off");
        env.put("STRONGROOM_METADATA_ENABLED", "false");
        env.put("STRONGROOM_METADATA_SYNC_ENABLED", "false");
        env.put("STRONGROOM_SNAPSHOTS_IMDS_ENABLED", "false");
        env.put("STRONGROOM_METRICS_ENABLED", "false");
        env.put("STRONGROOM_COMPLIANCE_REPORT_CRON", "off");
        env.put("STRONGROOM_COMPLIANCE_DRILL_CRON", "off");
        return VaultProcess.start(dir, work.resolve("vault-" + starts + ".log"), List.of("-Xmx256m"), env);
    }

    private String upload(String name) throws Exception {
        byte[] content = ("contents of " + name + "\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = client.upload(ANALYST, name, content.length,
                () -> new ByteArrayInputStream(content));
        VaultClient.expect(201, response);
        return VaultClient.json(response).path("id").asText();
    }

    private String lineOf(long seq) {
        return new JournalFiles(data).lines().stream().filter(l -> JournalFiles.seqOf(l) == seq).findFirst()
                .orElseThrow(() -> new AssertionError("no journal line for event " + seq));
    }

    /**
     * A successful event in the segment the newest digest signed last: the writer checks the segments
     * the previous digest signed, and the download's segment is no longer among them once the hour turns.
     */
    private long eventTheNewestDigestSigned() throws IOException {
        JsonNode segments = newestDigest().path("segments");
        JsonNode signed = segments.get(segments.size() - 1);
        Path segment = new JournalFiles(data).segments().stream()
                .filter(p -> p.getFileName().toString().equals(signed.path("name").asText())).findFirst().orElseThrow();
        return JournalFiles.lines(segment).stream().filter(l -> l.contains("\"outcome\":\"success\""))
                .mapToLong(JournalFiles::seqOf).filter(seq -> seq <= signed.path("lastSeq").asLong()).max()
                .orElseThrow(() -> new AssertionError("no successful event in " + signed));
    }

    /** Changes one line of the running vault's journal in place, keeping the file's length. */
    private void rewriteInPlace(String line, String replacement) throws IOException {
        assertEquals(line.length(), replacement.length());
        for (Path segment : new JournalFiles(data).segments()) {
            String text = Files.readString(segment, StandardCharsets.UTF_8);
            int at = text.indexOf(line);
            if (at >= 0) {
                long offset = text.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
                try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(replacement.getBytes(StandardCharsets.UTF_8)), offset);
                    channel.force(false);
                }
                return;
            }
        }
        throw new AssertionError("the line is in no segment");
    }

    /** This host's digests: hosts/<host-id>/digests/. */
    private String digestFolder() {
        try {
            return HostKeys.of(Files.readString(data.resolve("host-id")).strip()).digests();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> digestKeys() {
        String folder = digestFolder();
        return s3.listObjectsV2Paginator(b -> b.bucket(MotoEmulator.BUCKET).prefix(folder)).contents().stream()
                .map(S3Object::key).filter(k -> k.endsWith(".json")).sorted().toList();
    }

    private static Instant endOf(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return Instant.from(KEY_TIME.parse(name.substring(0, name.indexOf('-'))));
    }

    private JsonNode newestDigest() throws IOException {
        List<String> keys = digestKeys();
        if (keys.isEmpty()) {
            return null;
        }
        return JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET).key(keys.get(keys.size() - 1)))
                .asByteArray());
    }

    private Path downloadDigests(Path target) throws IOException {
        String folder = digestFolder();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(MotoEmulator.BUCKET).prefix(folder))
                .contents()) {
            Path file = target.resolve(object.key().substring(folder.length()));
            Files.createDirectories(file.getParent());
            Files.write(file, s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET).key(object.key())).asByteArray());
        }
        return target;
    }

    /** Every event a stream holds, by sequence number. */
    private Map<Long, String> streamEvents(String stream) {
        Map<Long, String> events = new TreeMap<>();
        String token = null;
        while (true) {
            String previous = token;
            var page = logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName(stream).startFromHead(true)
                    .nextToken(previous));
            for (OutputLogEvent event : page.events()) {
                events.putIfAbsent(JournalFiles.seqOf(event.message()), event.message());
            }
            token = page.nextForwardToken();
            if (token == null || token.equals(previous)) {
                return events;
            }
        }
    }

    private String epochStream() {
        return logs.describeLogStreamsPaginator(b -> b.logGroupName(GROUP).logStreamNamePrefix(STREAM + "/"))
                .logStreams().stream().map(s -> s.logStreamName()).findFirst().orElse(null);
    }

    /** The verifier as an auditor runs it, from the packaged application, with no vault. */
    record Verifier(int exit, String output) {
        static Verifier run(Path export, Path digests, Path key) throws Exception {
            Path app = Path.of("target", "quarkus-app").toAbsolutePath();
            Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    app.resolve("lib/main") + "/*:" + app.resolve("app") + "/*:" + app.resolve("lib/boot") + "/*",
                    "dev.strongroom.audit.VerifyExport", export.toString(), "--digests", digests.toString(),
                    "--public-key", key.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(2, TimeUnit.MINUTES));
            return new Verifier(process.exitValue(), output);
        }
    }

    /** Changes one event of an export and recomputes its hash and every hash after it, as a forger would. */
    static final class Forgery {
        private Forgery() {
        }

        static List<String> rewrite(List<String> export, long seq, String from, String to) throws Exception {
            List<String> out = new ArrayList<>();
            String previous = null;
            boolean rewriting = false;
            for (int i = 1; i < export.size(); i++) {
                String line = export.get(i);
                if (line.isEmpty()) {
                    continue;
                }
                long at = JournalFiles.seqOf(line);
                if (at == seq) {
                    rewriting = true;
                    line = line.replace(from, to);
                }
                if (rewriting) {
                    String body = line.substring(0, line.lastIndexOf(",\"hash\":\"")) + "}";
                    if (at != seq) {
                        body = body.replaceFirst("\"prevHash\":\"[0-9a-f]{64}\"", "\"prevHash\":\"" + previous + "\"");
                    }
                    String hash = JournalFiles.sha256(body.getBytes(StandardCharsets.UTF_8));
                    line = body.substring(0, body.length() - 1) + ",\"hash\":\"" + hash + "\"}";
                }
                previous = JournalFiles.hashOf(line);
                out.add(line);
            }
            JsonNode header = JSON.readTree(export.get(0));
            ((com.fasterxml.jackson.databind.node.ObjectNode) header.get("chainHead")).put("hash", previous);
            out.add(0, JSON.writeValueAsString(header));
            return out;
        }
    }
}

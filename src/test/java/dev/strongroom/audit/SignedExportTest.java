package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.audit.digest.DigestFixtures;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An export of any filter proves itself complete and unchanged to an examiner with the published key
 * history and no code of ours: every way of removing, adding, reordering or changing its events or
 * its header is caught by docs/verify-audit-export.sh (openssl, jq, sha256sum) and by VerifyExport,
 * and an honest export passes both, with and without the signed digests.
 */
@QuarkusTest
class SignedExportTest {

    private static final Path SCRIPT = Path.of("docs", "verify-audit-export.sh");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTools() throws Exception {
        for (List<String> tool : List.of(List.of("jq", "--version"), List.of("openssl", "version"))) {
            Assumptions.assumeTrue(new ProcessBuilder(tool).start().waitFor() == 0, tool.get(0) + " is not installed");
        }
    }

    static Stream<Arguments> kinds() {
        return Stream.of(Arguments.of("period to the chain head"), Arguments.of("period with an end"),
                Arguments.of("document"), Arguments.of("actor"), Arguments.of("action of an actor"),
                Arguments.of("outcome of a period"), Arguments.of("words"), Arguments.of("time of day of a period"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyChangeToAnExportIsCaughtAndAnHonestOnePasses(String kind) throws Exception {
        String auditor = Vault.user("examiner", "auditor");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusMillis(1);
        String alice = Vault.user("signed-export", "analyst");
        String id = Vault.upload(alice, "invoice.txt", Samples.text(2000)).then().statusCode(201).extract().path("id");
        for (int i = 0; i < 3; i++) {
            Vault.as(alice).get("/api/documents/" + id + "/content").then().statusCode(200);
            Vault.as(alice).get("/api/documents/" + id + "/receipt").then().statusCode(200);
        }
        Vault.upload(alice, "statement.txt", Samples.text(3000)).then().statusCode(201);
        Instant after = Instant.now().plusMillis(1);
        Map<String, String> filter = new LinkedHashMap<>();
        switch (kind) {
            case "period to the chain head" -> filter.put("from", before.toString());
            case "period with an end" -> {
                filter.put("from", before.toString());
                filter.put("to", after.toString());
            }
            case "document" -> filter.put("documentId", id);
            case "actor" -> filter.put("actor", alice);
            case "action of an actor" -> {
                filter.put("actor", alice);
                filter.put("action", "receipt.view");
            }
            case "outcome of a period" -> {
                filter.put("from", before.toString());
                filter.put("outcome", "success");
            }
            case "words" -> filter.put("text", alice);
            default -> {
                filter.put("from", before.toString());
                filter.put("timeFrom", "00:00");
            }
        }
        Vault.as(auditor).post("/api/audit/digests").then().statusCode(201);
        Path keys = DigestFixtures.write(dir.resolve("strongroom-keys.json"),
                Vault.as(auditor).get("/.well-known/strongroom-keys.json").then().statusCode(200).extract().asString());
        Path digests = DigestFixtures.downloadDigests(dir);
        Path export = AuditExports.download(auditor, "ndjson", filter, dir);
        List<String> honest = AuditExports.lines(export);
        assertTrue(honest.size() >= 4, "enough events to cut, add and swap: " + honest);
        String stranger = AuditExports.lines(AuditExports.download(auditor, "ndjson", Map.of("actor", auditor), dir))
                .get(1);

        for (List<String> args : List.of(List.of("--keys", keys.toString()),
                List.of("--keys", keys.toString(), "--digests", digests.toString()), List.<String>of())) {
            Outcome script = script(export, args);
            assertEquals(0, script.code(), kind + " " + args + ": " + script.output());
            Outcome java = java(export, args);
            assertEquals(0, java.code(), kind + " " + args + ": " + java.output());
        }
        assertTrue(script(export, List.of("--keys", keys.toString())).output().contains("manifest and signature checked"));

        Map<String, UnaryOperator<List<String>>> tampers = new LinkedHashMap<>();
        tampers.put("first event removed", l -> without(l, 1));
        tampers.put("a middle event removed", l -> without(l, l.size() / 2));
        tampers.put("last event removed", l -> without(l, l.size() - 1));
        tampers.put("last event removed, count and last seq fixed", l -> {
            List<String> cut = without(l, l.size() - 1);
            long lastSeq = JournalSegments.seqOf(cut.get(cut.size() - 1));
            cut.set(0, cut.get(0).replaceFirst("\"eventCount\":\\d+", "\"eventCount\":" + (cut.size() - 1))
                    .replaceFirst("\"lastSeq\":\\d+", "\"lastSeq\":" + lastSeq));
            return cut;
        });
        tampers.put("an event added", l -> {
            List<String> more = new ArrayList<>(l);
            more.add(2, stranger);
            return more;
        });
        tampers.put("an event added at the end", l -> {
            List<String> more = new ArrayList<>(l);
            more.add(stranger);
            return more;
        });
        tampers.put("two events swapped", l -> {
            List<String> swapped = new ArrayList<>(l);
            swapped.set(1, l.get(2));
            swapped.set(2, l.get(1));
            return swapped;
        });
        tampers.put("an event changed and rehashed", l -> {
            List<String> changed = new ArrayList<>(l);
            changed.set(2, rehashed(l.get(2).replaceFirst("\"actor\":\"", "\"actor\":\"x")));
            return changed;
        });
        tampers.put("the header's count changed", l -> header(l, h -> h.replaceFirst("\"eventCount\":\\d+",
                "\"eventCount\":999")));
        tampers.put("the header's chain head changed", l -> header(l, h -> h.replaceFirst(
                "(\"chainHead\":\\{\"seq\":)(\\d+)", "$1" + "1")));
        tampers.put("the header's filter changed", l -> header(l, h -> h.replaceFirst("\"filter\":\\{[^}]*}",
                "\"filter\":{\"actor\":\"someone-else\"}")));
        tampers.put("the header's signature stripped", l -> header(l, h -> h.replaceFirst(
                ",\"keyId\":\"[0-9a-f]+\",\"signature\":\"[^\"]+\"", "")));

        List<String> missed = new ArrayList<>();
        for (Map.Entry<String, UnaryOperator<List<String>>> tamper : tampers.entrySet()) {
            Path changed = DigestFixtures.writeLines(dir.resolve("tampered.ndjson"), tamper.getValue().apply(honest));
            Outcome script = script(changed, List.of("--keys", keys.toString()));
            if (script.code() != 1) {
                missed.add("script passed " + tamper.getKey() + " (exit " + script.code() + "): " + script.output());
            }
            Outcome java = java(changed, List.of("--keys", keys.toString()));
            if (java.code() != 1) {
                missed.add("VerifyExport passed " + tamper.getKey() + " (exit " + java.code() + "): " + java.output());
            }
        }
        assertEquals(List.of(), missed, kind + ": every change is caught");
    }

    private static List<String> without(List<String> lines, int index) {
        List<String> less = new ArrayList<>(lines);
        less.remove(index);
        return less;
    }

    private static List<String> header(List<String> lines, UnaryOperator<String> change) {
        List<String> changed = new ArrayList<>(lines);
        String header = change.apply(lines.get(0));
        assertTrue(!header.equals(lines.get(0)), "the change applies to " + lines.get(0));
        changed.set(0, header);
        return changed;
    }

    /** The event line with its hash recomputed, as someone who changed it would. */
    private static String rehashed(String line) {
        String body = line.substring(0, line.lastIndexOf(",\"hash\":\""));
        return body + ",\"hash\":\"" + EventLine.sha256(body + "}") + "\"}";
    }

    private static Outcome script(Path export, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), export.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the script did not finish");
        return new Outcome(process.exitValue(), output);
    }

    private static Outcome java(Path export, List<String> args) {
        List<String> all = new ArrayList<>(List.of(export.toString()));
        all.addAll(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = VerifyExport.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8));
    }

    private record Outcome(int code, String output) {
    }
}

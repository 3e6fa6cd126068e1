package dev.strongroom.audit;

import dev.strongroom.audit.digest.DigestFixtures;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A signed NDJSON export of one kind of filter over a few fresh events, downloaded through the API, with what an
 * examiner holds beside it: the published key history, the signed digests, and one event of the chain the filter
 * left out (to add to the file).
 */
record FilteredExport(Path file, List<String> lines, Path keys, Path digests, String stranger) {

    static Stream<Arguments> kinds() {
        return Stream.of(Arguments.of("period to the chain head"), Arguments.of("period with an end"),
                Arguments.of("document"), Arguments.of("actor"), Arguments.of("action of an actor"),
                Arguments.of("outcome of a period"), Arguments.of("words"), Arguments.of("time of day of a period"));
    }

    /** Skips the calling test where the offline script's tools are missing: both verifiers run on every export. */
    static FilteredExport of(String kind, Path dir) throws IOException, InterruptedException {
        ExportVerifiers.needTheScriptsTools();
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
        if (honest.size() < 4) {
            throw new AssertionError("too few events to cut, add and swap: " + honest);
        }
        String stranger = AuditExports.lines(AuditExports.download(auditor, "ndjson", Map.of("actor", auditor), dir))
                .get(1);

        return new FilteredExport(export, honest, keys, digests, stranger);
    }
}

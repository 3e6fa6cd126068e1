package dev.strongroom.audit;

import dev.strongroom.support.Vault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Audit exports downloaded through the API into files, as an auditor would keep them. */
final class AuditExports {

    private AuditExports() {
    }

    static Path download(String auditor, String format, Map<String, String> filter, Path dir) throws IOException {
        byte[] body = Vault.as(auditor).queryParam("format", format).queryParams(filter).get("/api/audit/export")
                .then().statusCode(200).extract().asByteArray();
        return Files.write(Files.createTempFile(dir, "strongroom-audit-", "." + format), body);
    }

    /** The export's lines: the header first, then one event per line. */
    static List<String> lines(Path ndjson) throws IOException {
        return Files.readAllLines(ndjson, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
    }

    /** Changes one character of one event line, in the middle of the export. */
    static void alterOneEvent(Path ndjson) throws IOException {
        List<String> lines = lines(ndjson);
        int middle = 1 + (lines.size() - 1) / 2;
        String line = lines.get(middle);
        String altered = line.replaceFirst("\"outcome\":\"(.)", "\"outcome\":\"X");
        if (altered.equals(line)) {
            throw new AssertionError("line " + middle + " has no outcome to alter: " + line);
        }
        Files.writeString(ndjson, String.join("\n", lines).replace(line, altered) + "\n", StandardCharsets.UTF_8);
    }
}

package dev.strongroom.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strongroom.audit.digest.DigestedExportCheck;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Verifies an NDJSON audit export on its own, with no vault running:
 * {@code java -cp 'target/quarkus-app/lib/main/*:target/quarkus-app/app/*' dev.strongroom.audit.VerifyExport FILE}
 * after {@code ./mvnw package} (docs/audit-format.md).
 * Checks every event's hash; for a contiguous export also the chain from its anchor, the event count
 * and that the last event is the chain head it claims. With {@code --digests DIR --public-key PEM}
 * it also checks the export against the signed audit digests ({@link DigestedExportCheck}). Exit
 * code 0 when intact, 1 when not, 2 on unusable input.
 */
public final class VerifyExport {

    private VerifyExport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 1) {
            System.exit(run(Path.of(args[0])));
        }
        if (args.length == 5 && args[1].equals("--digests") && args[3].equals("--public-key")) {
            // Against the signed hourly digests (a copy of the bucket's audit-digests/ folder) and the
            // vault's public key: reports missing, changed, reordered and extra events one by one.
            System.exit(DigestedExportCheck.run(Path.of(args[0]), Path.of(args[2]), Path.of(args[4]), System.out));
        }
        System.err.println("usage: VerifyExport EXPORT.ndjson [--digests DIGESTS_DIR --public-key VAULT_KEY.pem]");
        System.exit(2);
    }

    static int run(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            JsonNode header = first == null ? null : EventLine.JSON.readTree(first);
            if (header == null || !header.has("strongroomAuditExport")) {
                System.err.println("not a Strongroom NDJSON audit export: the first line is not its header");
                return 2;
            }
            boolean contiguous = header.path("contiguous").asBoolean(false);
            JsonNode anchor = header.path("anchor");
            ChainVerifier verifier = contiguous && anchor.has("seq")
                    ? new ChainVerifier(anchor.get("seq").asLong(), anchor.get("hash").asText())
                    : new ChainVerifier(0, null);
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty()) {
                    if (contiguous) {
                        verifier.accept(line);
                    } else {
                        verifier.acceptUnlinked(line);
                    }
                }
            }
            VerificationResult result = verifier.result();
            boolean ok = result.ok();
            long claimedCount = header.path("eventCount").asLong(-1);
            if (claimedCount != result.eventCount()) {
                System.out.printf("COUNT  the header promises %d events, the file has %d%n", claimedCount,
                        result.eventCount());
                ok = false;
            }
            JsonNode head = header.path("chainHead");
            if (contiguous && result.head() != null && result.head().seq() == head.path("seq").asLong()
                    && !result.head().hash().equals(head.path("hash").asText())) {
                System.out.println("HEAD   the last event's hash is not the chain head the header claims");
                ok = false;
            }
            result.findings().forEach(f -> System.out.printf("%-6s seq %d: %s%n", f.kind().toUpperCase(), f.seq(),
                    f.message()));
            System.out.printf("%s: %d events%s, chain head seq %s%n", ok ? "OK" : "BROKEN", result.eventCount(),
                    contiguous ? ", chain checked from seq " + anchor.path("seq").asLong() : ", each event's hash checked "
                            + "(filtered export: links between events cannot be checked)",
                    head.path("seq").asText());
            return ok ? 0 : 1;
        }
    }
}

package dev.strongroom.audit;

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
            ExportCheck check = ExportCheck.of(reader);
            if (!check.usable()) {
                System.err.println(check.summary());
                return 2;
            }
            check.findings().forEach(System.out::println);
            System.out.println(check.summary());
            return check.ok() ? 0 : 1;
        }
    }
}

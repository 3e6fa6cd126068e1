package dev.strongroom.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.strongroom.audit.digest.DigestedExportCheck;
import dev.strongroom.signing.KeyHistory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies an NDJSON audit export on its own, with no vault running:
 * {@code java -cp 'target/quarkus-app/lib/main/*:target/quarkus-app/app/*' dev.strongroom.audit.VerifyExport FILE}
 * after {@code ./mvnw package} (docs/audit-format.md).
 * Checks every event's hash; for a contiguous export also the chain from its anchor, the event count
 * and that the last event is the chain head it claims; the header's manifest ({@link ExportCheck}).
 * With {@code --keys KEYS} (the key history, {@code strongroom-keys.json}; {@code --public-key PEM}
 * gives a single key instead) also the header's signature, and with {@code --digests DIR} as well the
 * export against the signed audit digests ({@link DigestedExportCheck}). Exit code 0 when intact, 1 when not, 2 on unusable input (one line on stderr).
 */
public final class VerifyExport {

    static final String USAGE = "usage: VerifyExport EXPORT.ndjson [--keys strongroom-keys.json [--digests DIGESTS_DIR]]"
            + " (--public-key KEY.pem in place of --keys for a single key)";

    private VerifyExport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The export on its own, as from the command line. */
    static int run(Path export) {
        return run(new String[] { export.toString() }, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args.length % 2 == 0) {
            err.println(USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!List.of("--digests", "--keys", "--public-key").contains(args[i]) || options.containsKey(args[i])) {
                err.println(USAGE);
                return 2;
            }
            options.put(args[i], args[i + 1]);
        }
        String keys = options.getOrDefault("--keys", options.get("--public-key"));
        boolean bothKeys = options.containsKey("--keys") && options.containsKey("--public-key");
        if (bothKeys || (options.containsKey("--digests") && keys == null)) {
            err.println(USAGE);
            return 2;
        }
        Path export = Path.of(args[0]);
        try {
            Optional<String> wrong = notNdjson(export);
            if (wrong.isPresent()) {
                err.println(wrong.get());
                return 2;
            }
            KeyHistory history = null;
            if (keys != null) {
                try {
                    history = KeyHistory.read(Path.of(keys));
                } catch (IllegalArgumentException | UncheckedIOException e) {
                    err.println("VerifyExport: " + keys + " is not a key history: " + e.getMessage());
                    return 2;
                }
            }
            int own = check(export, history, out, err);
            if (own == 2 || !options.containsKey("--digests")) {
                return own;
            }
            // Against the signed hourly digests (a copy of the bucket's audit-digests/ folder) and the
            // key history: reports missing, changed, reordered and extra events one by one.
            return Math.max(own, DigestedExportCheck.run(export, Path.of(options.get("--digests")), Path.of(keys), out));
        } catch (IOException | UncheckedIOException e) {
            err.println("VerifyExport: cannot read " + export + ": " + e.getMessage());
            return 2;
        }
    }

    /**
     * A usage error for a file that is not an NDJSON export: the vault's JSON and CSV exports carry the
     * same events, but only NDJSON keeps each event's exact line, which the hashes are over.
     */
    private static Optional<String> notNdjson(Path export) throws IOException {
        if (!Files.isReadable(export)) {
            return Optional.of("VerifyExport: cannot read " + export);
        }
        String first;
        try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            first = reader.readLine();
        }
        String again = " export; VerifyExport checks NDJSON exports: export again with format=ndjson";
        if (first == null) {
            return Optional.of("VerifyExport: " + export + " is empty, not an NDJSON audit export");
        }
        if (first.startsWith("{\"strongroomAuditExport\"") && first.endsWith("\"events\":[")) {
            return Optional.of("VerifyExport: " + export + " is a JSON" + again);
        }
        if (first.startsWith("seq,id,time,")) {
            return Optional.of("VerifyExport: " + export + " is a CSV" + again);
        }
        try {
            if (!EventLine.JSON.readTree(first).has("strongroomAuditExport")) {
                return Optional.of("VerifyExport: " + export + " is not a Strongroom NDJSON audit export: the first "
                        + "line is not its header");
            }
        } catch (JsonProcessingException e) {
            return Optional.of("VerifyExport: " + export + " is not a Strongroom NDJSON audit export: the first line "
                    + "is not JSON");
        }
        return Optional.empty();
    }

    private static int check(Path file, KeyHistory keys, PrintStream out, PrintStream err) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ExportCheck check = ExportCheck.of(reader, keys);
            if (!check.usable()) {
                err.println(check.summary());
                return 2;
            }
            check.findings().forEach(out::println);
            out.println(check.summary());
            return check.ok() ? 0 : 1;
        }
    }
}

package dev.strongroom.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.http.ProblemException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention schedule as data: the built-in policies/retention.yaml, or a file; validated at start. */
class RetentionPolicyTest {

    @TempDir
    Path dir;

    @Test
    void theBuiltInScheduleKeepsReceiptsSevenYearsAndInvoicesTen() {
        RetentionPolicy policy = load(Optional.empty());
        Instant uploaded = Instant.parse("2026-02-28T12:00:00Z");

        assertEquals(Instant.parse("2033-02-28T12:00:00Z"), policy.retainUntil("receipt", uploaded));
        assertEquals(Instant.parse("2036-02-28T12:00:00Z"), policy.retainUntil("invoice", uploaded));
        assertEquals(Instant.parse("2031-02-28T12:00:00Z"), policy.retainUntil("report", uploaded));
        assertEquals("default", policy.defaultClass());
        assertEquals(List.of("default", "invoice", "receipt", "report", "statement"), List.copyOf(policy.classes().keySet()));
        assertEquals(Instant.parse("2033-02-28T12:00:00Z"), policy.retainUntil("statement", uploaded));
        assertEquals("P7Y", policy.classes().get("receipt").keep());
    }

    @Test
    void aLeapDayPlusSevenYearsIsTheLastDayOfFebruary() {
        assertEquals(Instant.parse("2031-02-28T00:00:00Z"),
                load(Optional.empty()).retainUntil("receipt", Instant.parse("2024-02-29T00:00:00Z")));
    }

    @Test
    void noClassMeansTheDefaultAndAnUnknownClassIsA400ListingTheKnownOnes() {
        RetentionPolicy policy = load(Optional.empty());

        assertEquals("default", policy.resolve(null));
        assertEquals("default", policy.resolve("  "));
        assertEquals("invoice", policy.resolve("invoice"));
        ProblemException refused = assertThrows(ProblemException.class, () -> policy.resolve("forever"));
        assertEquals(400, refused.status());
        assertEquals("unknown-retention-class", refused.slug());
        assertEquals("Unknown retention class 'forever'; known classes: receipt, invoice, statement, report, default",
                refused.getMessage());
    }

    @Test
    void aScheduleFileReplacesTheBuiltInOne() throws Exception {
        Path file = Files.writeString(dir.resolve("retention.yaml"), """
                default: contracts
                classes:
                  contracts:
                    keep: P30Y
                    description: Signed contracts.
                """);

        RetentionPolicy policy = load(Optional.of(file));

        assertEquals("contracts", policy.resolve(null));
        assertEquals(Instant.parse("2056-01-01T00:00:00Z"), policy.retainUntil("contracts",
                Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals("Signed contracts.", policy.classes().get("contracts").description());
    }

    @Test
    void aDefaultThatIsNotAClassStopsTheStart() throws Exception {
        Path file = Files.writeString(dir.resolve("retention.yaml"), "default: missing\nclasses:\n  a:\n    keep: P1Y\n");

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> load(Optional.of(file)));

        assertEquals("retention schedule: default class 'missing' is not among the classes [a]", refused.getMessage());
    }

    @Test
    void aMissingScheduleFileStopsTheStart() {
        UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                () -> load(Optional.of(dir.resolve("absent.yaml"))));

        assertTrue(refused.getMessage().startsWith("cannot read the retention schedule"), refused.getMessage());
    }

    private static RetentionPolicy load(Optional<Path> file) {
        RetentionPolicy policy = new RetentionPolicy(new RetentionConfig() {
            @Override
            public Optional<Path> policyFile() {
                return file;
            }

            @Override
            public String sweepEvery() {
                return "5m";
            }
        });
        policy.load();
        return policy;
    }
}

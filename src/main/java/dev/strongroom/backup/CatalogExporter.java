package dev.strongroom.backup;

import dev.strongroom.storage.Sha256;
import com.fasterxml.jackson.databind.SequenceWriter;
import dev.strongroom.catalog.ConsistentRead;
import dev.strongroom.catalog.PortableCatalog;
import dev.strongroom.retention.DisposalRequest;
import dev.strongroom.retention.Tombstone;
import dev.strongroom.security.VaultUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * Writes the catalog export of one run to a local file: one read transaction on one snapshot
 * ({@link ConsistentRead}), so the file is a consistent picture of the catalog at one moment, whatever is
 * uploaded or disposed of while it is written. Documents are read in pages to bound memory. A run that may
 * refer to the previous run's export instead asks first, in the same snapshot, whether anything the export reads
 * has changed since ({@link ExportChanges}), and writes nothing when not.
 */
@ApplicationScoped
public class CatalogExporter {

    /** What a run gets: a new export, or word that the previous one is still the catalog's picture. */
    public sealed interface Result permits Export, Unchanged {
    }

    /** The export file, what it holds, and the change marks its snapshot saw. */
    public record Export(Path file, String sha256, long size, long documents, ExportChanges.Seen seen)
            implements Result {
    }

    /** Nothing the export reads changed since the export the previous run recorded. */
    public record Unchanged() implements Result {
    }

    private final PortableCatalog catalog;
    private final ExportChanges changes;

    public CatalogExporter(PortableCatalog catalog, ExportChanges changes) {
        this.catalog = catalog;
        this.changes = changes;
    }

    public Export export(String runId, Path file) {
        return (Export) export(runId, file, null);
    }

    /**
     * The export, or {@link Unchanged} when {@code reusableBy} names this host, no other host backs the catalog up,
     * and the snapshot holds no change mark.
     */
    public Result export(String runId, Path file, String reusableBy) {
        MessageDigest digest = Sha256.digest();
        long[] documents = { 0 };
        ExportChanges.Seen[] seen = { null };
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), digest);
                SequenceWriter lines = BackupJson.MAPPER.writer().withRootValueSeparator("\n").writeValues(out)) {
            boolean unchanged = QuarkusTransaction.requiringNew().call(() -> {
                ConsistentRead.fromHere();
                seen[0] = changes.seen();
                if (reusableBy != null && seen[0].none() && !changes.anotherHostBacksUp(reusableBy)) {
                    return true;
                }
                try {
                    lines.write(new CatalogRows.Header(CatalogRows.FORMAT, CatalogRows.VERSION, Instant.now().toString(),
                            runId));
                    for (VaultUser u : VaultUser.<VaultUser>listAll()) {
                        lines.write(new CatalogRows.Line(null, CatalogRows.UserRow.of(u), null, null));
                    }
                    catalog.forEachInIdOrder(d -> {
                        write(lines, new CatalogRows.Line(CatalogRows.DocumentRow.of(d), null, null, null));
                        documents[0]++;
                    });
                    for (DisposalRequest r : DisposalRequest.<DisposalRequest>listAll()) {
                        lines.write(new CatalogRows.Line(null, null, CatalogRows.DisposalRow.of(r), null));
                    }
                    for (Tombstone t : Tombstone.<Tombstone>listAll()) {
                        lines.write(new CatalogRows.Line(null, null, null, CatalogRows.TombstoneRow.of(t)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return false;
            });
            if (unchanged) {
                return new Unchanged();
            }
            lines.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the catalog export " + file, e);
        }
        try {
            return new Export(file, Sha256.hex(digest.digest()), Files.size(file), documents[0], seen[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(SequenceWriter lines, CatalogRows.Line line) {
        try {
            lines.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

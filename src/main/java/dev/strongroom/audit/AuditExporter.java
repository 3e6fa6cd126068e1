package dev.strongroom.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Streams events matching a filter, oldest first, in pages of {@value #PAGE} read by sequence
 * number, so an export of any size needs constant memory. NDJSON and JSON carry the journal lines
 * byte for byte, which keeps every event's hash checkable. An export carries one host's chain (hosts
 * sharing the catalog each number theirs from 1): the one its header names.
 */
@ApplicationScoped
public class AuditExporter {

    static final int PAGE = 1000;
    static final String[] CSV_COLUMNS = { "seq", "id", "time", "actor", "role", "action", "resource", "outcome",
            "client", "requestId", "detail", "prevHash", "hash" };

    private final ObjectMapper json = EventLine.JSON;

    public void write(ExportFormat format, ExportHeader header, AuditFilter filter, OutputStream out) throws IOException {
        write(format, header, sink -> forEachLine(header.host(), filter, header.chainHead().seq(), sink), out);
    }

    /** Writes journal lines from any source (the index, or CloudWatch Logs) in the same export formats. */
    public void write(ExportFormat format, ExportHeader header, LineSource lines, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        switch (format) {
            case NDJSON -> {
                writer.write(header.asHttpHeader());
                writer.write('\n');
                lines.forEach(line -> {
                    writer.write(line);
                    writer.write('\n');
                });
            }
            case JSON -> {
                String head = header.asHttpHeader();
                writer.write(head.substring(0, head.length() - 1));
                writer.write(",\"events\":[");
                boolean[] first = { true };
                lines.forEach(line -> {
                    if (!first[0]) {
                        writer.write(',');
                    }
                    first[0] = false;
                    writer.write('\n');
                    writer.write(line);
                });
                writer.write("\n]}\n");
            }
            case CSV -> {
                // Only the column names and the events: a spreadsheet reads any other line as a row. The
                // export header travels in the response's X-Audit-Export-Header (docs/audit-format.md).
                CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(CSV_COLUMNS).get());
                lines.forEach(line -> {
                    AuditEvent e = EventLine.parse(line);
                    String detail = e.detail() == null ? "" : json.writeValueAsString(e.detail());
                    csv.printRecord(e.seq(), e.id(), e.time(), CsvCells.defuse(e.actor()), CsvCells.defuse(e.role()),
                            CsvCells.defuse(e.action()), CsvCells.defuse(e.resource()), CsvCells.defuse(e.outcome()),
                            CsvCells.defuse(e.client()), CsvCells.defuse(e.requestId()), CsvCells.defuse(detail),
                            e.prevHash(), e.hash());
                });
                csv.flush();
            }
        }
        writer.flush();
    }

    public long count(String host, AuditFilter filter, long upToSeq) {
        AuditFilter.Query q = filter.toQuery(host, 0, upToSeq);
        return QuarkusTransaction.requiringNew().call(() -> IndexedEvent.count(q.where(), q.params()));
    }

    /**
     * The manifest of what {@link #write} will stream for this filter: first and last sequence numbers
     * and the SHA-256 of the NDJSON event lines, each with its newline. Read before the header is
     * written, from the same indexed events up to the same chain head, so it describes the body exactly.
     */
    public LinesManifest manifest(String host, AuditFilter filter, long upToSeq) throws IOException {
        return manifest(sink -> forEachLine(host, filter, upToSeq, sink));
    }

    /** The manifest of the journal lines spooled in a file, one per line, as {@link #write} streams them. */
    public static LinesManifest manifest(Path spool) throws IOException {
        return manifest(sink -> {
            try (BufferedReader lines = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    sink.accept(line);
                }
            }
        });
    }

    private static LinesManifest manifest(LineSource source) throws IOException {
        MessageDigest sha256 = EventLine.newSha256();
        long[] range = { -1, -1 };
        source.forEach(line -> {
            long seq = JournalSegments.seqOf(line);
            if (range[0] < 0) {
                range[0] = seq;
            }
            range[1] = seq;
            sha256.update(line.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
        });
        return new LinesManifest(range[0] < 0 ? null : range[0], range[1] < 0 ? null : range[1],
                HexFormat.of().formatHex(sha256.digest()));
    }

    /** What a manifest pass found: null sequence numbers for an export with no events. */
    public record LinesManifest(Long firstSeq, Long lastSeq, String sha256) {
    }

    private void forEachLine(String host, AuditFilter filter, long upToSeq, LineSink sink) throws IOException {
        long after = 0;
        while (true) {
            AuditFilter.Query q = filter.toQuery(host, after, upToSeq);
            List<IndexedEvent> page = QuarkusTransaction.requiringNew().call(() -> IndexedEvent
                    .<IndexedEvent>find(q.where() + " order by seq", q.params()).page(0, PAGE).list());
            for (IndexedEvent row : page) {
                sink.accept(row.line);
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).seq;
        }
    }

    @FunctionalInterface
    public interface LineSink {
        void accept(String line) throws IOException;
    }

    /** Feeds journal lines, oldest first, to a sink. */
    @FunctionalInterface
    public interface LineSource {
        void forEach(LineSink sink) throws IOException;
    }
}

package dev.strongroom.audit.cloudwatch;

import dev.strongroom.VaultConfig;
import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.AuditExporter;
import dev.strongroom.audit.AuditLogAction;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.ChainHead;
import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.ExportFormat;
import dev.strongroom.audit.ExportHeader;
import dev.strongroom.audit.NewestDigest;
import dev.strongroom.audit.Outcome;
import dev.strongroom.keys.SigningKey;
import dev.strongroom.security.VaultKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Exports the audit trail straight from CloudWatch Logs, in the same formats as the vault's own
 * export, so that the same verifier checks it: an auditor can hold the vault to what CloudWatch
 * recorded. Events are taken in stream order, one per sequence number (re-sent copies dropped),
 * oversized events joined from their parts; nothing is re-sorted or repaired, so damage in
 * CloudWatch shows in the verification. The anchor and the chain head also come from CloudWatch.
 * The events are spooled to the data volume first, because the header states their count.
 */
@ApplicationScoped
public class CloudWatchExport {

    private static final Logger LOG = Logger.getLogger(CloudWatchExport.class);
    /** Stamps run ahead of event times only after clock steps or long outages; past this, stop reading. */
    private static final Duration STAMP_SLACK = Duration.ofDays(1);

    private final AuditShipping shipping;
    private final AuditExporter exporter;
    private final Auditor auditor;
    private final VaultKey vaultKey;
    private final NewestDigest newestDigest;
    private final Path spoolDir;

    public CloudWatchExport(AuditShipping shipping, AuditExporter exporter, Auditor auditor, VaultKey vaultKey,
            NewestDigest newestDigest, VaultConfig vault) {
        this.shipping = shipping;
        this.exporter = exporter;
        this.auditor = auditor;
        this.vaultKey = vaultKey;
        this.newestDigest = newestDigest;
        this.spoolDir = vault.dataDir().resolve("audit").resolve("cloudwatch");
    }

    /** An export read from CloudWatch and waiting to be streamed. */
    public record Prepared(ExportFormat format, ExportHeader header, Path spool) {
    }

    /** Reads the events with a time in [from, to) (either may be null) from this instance's stream. */
    public Prepared prepare(ExportFormat format, Instant from, Instant to) {
        AuditLogStream stream = shipping.stream();
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("source", "cloudwatch");
        filter.put("logGroup", stream.group());
        filter.put("stream", stream.stream());
        if (from != null) {
            filter.put("from", from.toString());
        }
        if (to != null) {
            filter.put("to", to.toString());
        }
        Map<String, Object> detail = new LinkedHashMap<>(filter);
        detail.put("format", format.extension);
        auditor.record(AuditLogAction.EXPORT, "audit/cloudwatch/" + stream.stream(), Outcome.SUCCESS, detail);
        Path spoolFile = null;
        try {
            Files.createDirectories(spoolDir);
            Path spool = spoolDir.resolve("export-" + UUID.randomUUID() + ".ndjson");
            spoolFile = spool;
            Spooled spooled = spool(stream, from, to, spool);
            ChainHead anchor = spooled.firstSeq == 0 ? null : anchor(stream, spooled);
            ChainHead head = stream.lastBefore(Instant.now().plus(Duration.ofHours(3)).toEpochMilli())
                    .map(e -> EventParts.read(e.message())).filter(m -> m != null)
                    .map(m -> new ChainHead(m.seq(), m.hash())).orElse(new ChainHead(0, AuditEvent.GENESIS_HASH));
            AuditExporter.LinesManifest lines = AuditExporter.manifest(spool);
            ExportHeader header = new ExportHeader(1, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), filter,
                    true, anchor, spooled.count, head)
                    .withManifest(lines.firstSeq(), lines.lastSeq(), lines.sha256(), newestDigest.newest().orElse(null));
            // Signed as read, when the key is loaded: what CloudWatch holds is evidence from outside the
            // vault, so a missing key does not withhold it (the verifiers then report the header unsigned).
            Optional<SigningKey> key = vaultKey.loaded();
            if (key.isEmpty()) {
                LOG.warn("The signing key is missing: this CloudWatch export goes out with an unsigned header");
            }
            return new Prepared(format, key.map(header::signedWith).orElse(header), spool);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool the CloudWatch export in " + spoolDir, e);
        } catch (SdkException e) {
            deleteQuietly(spoolFile);
            throw new CloudWatchUnavailable("CloudWatch Logs could not be read for the export: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("Could not remove the export spool %s: %s", file, e.getMessage());
            }
        }
    }

    /** Streams the spooled events in the chosen format, then deletes the spool. */
    public void write(Prepared export, OutputStream out) throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(export.spool(), StandardCharsets.UTF_8)) {
            exporter.write(export.format(), export.header(), sink -> {
                String line;
                while ((line = lines.readLine()) != null) {
                    sink.accept(line);
                }
            }, out);
        } finally {
            Files.deleteIfExists(export.spool());
        }
        LOG.infof("CloudWatch audit export finished: %d events as %s", export.header().eventCount(),
                export.format().extension);
    }

    private static final class Spooled {
        long count;
        long firstSeq;
        long firstStamp;
        ChainHead before;
    }

    private static Spooled spool(AuditLogStream stream, Instant from, Instant to, Path spool) throws IOException {
        Spooled spooled = new Spooled();
        BitSet seen = new BitSet();
        long stopAt = to == null ? Long.MAX_VALUE : to.plus(STAMP_SLACK).toEpochMilli();
        try (BufferedWriter out = Files.newBufferedWriter(spool, StandardCharsets.UTF_8)) {
            StreamEvents.read(stream, from == null ? 0 : from.toEpochMilli(), event -> {
                if (event.stamp() >= stopAt) {
                    return false;
                }
                Instant time = timeOf(event.line());
                if ((from != null && time != null && time.isBefore(from)) || (to != null && time != null
                        && !time.isBefore(to))) {
                    if (spooled.firstSeq == 0) {
                        spooled.before = new ChainHead(event.seq(), EventLine.claimedHash(event.line()));
                    }
                    return true;
                }
                if (event.seq() <= Integer.MAX_VALUE && event.seq() > 0) {
                    if (seen.get((int) event.seq())) {
                        return true;
                    }
                    seen.set((int) event.seq());
                }
                if (spooled.firstSeq == 0) {
                    spooled.firstSeq = event.seq();
                    spooled.firstStamp = event.stamp();
                }
                try {
                    out.write(event.line());
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                spooled.count++;
                return true;
            });
        }
        return spooled;
    }

    /** The event just before the first exported one, as CloudWatch holds it; null when it cannot be found. */
    private static ChainHead anchor(AuditLogStream stream, Spooled spooled) {
        if (spooled.firstSeq == 1) {
            return new ChainHead(0, AuditEvent.GENESIS_HASH);
        }
        if (spooled.before != null && spooled.before.seq() == spooled.firstSeq - 1) {
            return spooled.before;
        }
        return stream.lastBefore(spooled.firstStamp).map(e -> EventParts.read(e.message()))
                .filter(m -> m != null && m.seq() == spooled.firstSeq - 1).map(m -> new ChainHead(m.seq(), m.hash()))
                .orElse(null);
    }

    private static Instant timeOf(String line) {
        try {
            return Instant.parse(EventLine.parse(line).time());
        } catch (Exception e) {
            // Not readable as an event: exported anyway, so the verifier reports it.
            return null;
        }
    }
}

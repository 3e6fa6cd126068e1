package dev.strongroom.examiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strongroom.audit.AuditFilter;
import dev.strongroom.audit.AuditLogAction;
import dev.strongroom.audit.AuditService;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.ExportFormat;
import dev.strongroom.audit.Outcome;
import dev.strongroom.audit.digest.DigestCopies;
import dev.strongroom.storage.Sha256;
import dev.strongroom.catalog.ContentService;
import dev.strongroom.catalog.DocumentAction;
import dev.strongroom.catalog.DocumentService;
import dev.strongroom.catalog.DocumentView;
import dev.strongroom.catalog.Viewer;
import dev.strongroom.http.ProblemException;
import dev.strongroom.ingest.DepositReceipt;
import dev.strongroom.ingest.FileNames;
import dev.strongroom.ingest.ReceiptService;
import dev.strongroom.signing.KeyHistory;
import dev.strongroom.signing.PublishedKey;
import dev.strongroom.signing.SigningKey;
import dev.strongroom.keys.VaultKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jboss.logging.Logger;

/**
 * The audit package of a period for an outside examiner: the signed trail of the period, every
 * document it records as uploaded with its metadata and deposit receipt, the signed digests and the
 * key history they need, and a README and verify.sh that check all of it with openssl, sha256sum and
 * jq (docs/audit-package.md). The trail is the truth: the documents are those its upload events name.
 */
@ApplicationScoped
public class AuditPackage {

    static final String FORMAT = "strongroom-audit-package/1";
    static final String ROOT = "strongroom-audit-package/";
    private static final Logger LOG = Logger.getLogger(AuditPackage.class);
    private static final List<String> STATIC_FILES = List.of("README.md", "verify.sh", "trail/verify-audit-export.sh");

    private final AuditService audit;
    private final Auditor auditor;
    private final ContentService contents;
    private final DocumentService documents;
    private final ReceiptService receipts;
    private final DigestCopies digests;
    private final VaultKey vaultKey;
    private final ObjectMapper json;

    public AuditPackage(AuditService audit, Auditor auditor, ContentService contents, DocumentService documents,
            ReceiptService receipts, DigestCopies digests, VaultKey vaultKey, ObjectMapper json) {
        this.audit = audit;
        this.auditor = auditor;
        this.contents = contents;
        this.documents = documents;
        this.receipts = receipts;
        this.digests = digests;
        this.vaultKey = vaultKey;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** A document the trail records as uploaded in the period, and what the package holds of it. */
    record Deposit(String id, String sha256, ContentService.Readable readable, DepositReceipt receipt,
            DocumentView view, String notIncluded) {
    }

    /** Everything the package will hold, gathered before the first byte is sent so a refusal is a clean 4xx. */
    public final class Prepared implements AutoCloseable {
        private final Instant from;
        private final Instant to;
        private final Path trail;
        private final List<Deposit> deposits;
        private final List<DigestCopies.Copy> digestCopies;
        private final SigningKey key;
        private final KeyHistory history;
        private final String by;

        private Prepared(Instant from, Instant to, Path trail, List<Deposit> deposits,
                List<DigestCopies.Copy> digestCopies, SigningKey key, KeyHistory history, String by) {
            this.from = from;
            this.to = to;
            this.trail = trail;
            this.deposits = deposits;
            this.digestCopies = digestCopies;
            this.key = key;
            this.history = history;
            this.by = by;
        }

        public String fileName() {
            return "strongroom-audit-package-" + from.truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "")
                    + "-" + to.truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "") + ".zip";
        }

        public void write(OutputStream out) throws IOException {
            writePackage(this, out);
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(trail);
        }
    }

    public Prepared prepare(Instant from, Instant to, Viewer viewer) throws IOException {
        SigningKey key = vaultKey.current();
        auditor.record(AuditLogAction.PACKAGE, "audit", Outcome.SUCCESS, Map.of("from", from.toString(), "to", to.toString()));
        Path trail = Files.createTempFile("strongroom-audit-package-", ".ndjson",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            AuditService.PreparedExport export = audit.prepareExport(ExportFormat.NDJSON,
                    new AuditFilter(from, to, null, null, null, null));
            try (OutputStream out = Files.newOutputStream(trail)) {
                audit.write(export, out);
            }
            List<Deposit> deposits = new ArrayList<>();
            for (Map.Entry<String, String> upload : uploads(trail).entrySet()) {
                deposits.add(deposit(upload.getKey(), upload.getValue(), viewer));
            }
            List<DigestCopies.Copy> copies = digests.covering(from, to);
            LOG.infof("Audit package %s to %s for %s: %d events, %d documents, %d digests", from, to, viewer.name(),
                    export.header().eventCount(), deposits.size(), copies.size());
            return new Prepared(from, to, trail, deposits, copies, key, vaultKey.history(), viewer.name());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(trail);
            throw e;
        }
    }

    /** The documents the trail records as uploaded, by id, with the SHA-256 each upload acknowledged. */
    private Map<String, String> uploads(Path trail) throws IOException {
        Map<String, String> uploads = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(trail, StandardCharsets.UTF_8)) {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode event = json.readTree(line);
                String resource = event.path("resource").asText();
                if (DocumentAction.UPLOAD.action().equals(event.path("action").asText())
                        && Outcome.SUCCESS.is(event.path("outcome").asText()) && resource.startsWith("document/")) {
                    uploads.put(resource.substring("document/".length()), event.path("detail").path("sha256").asText());
                }
            }
        }
        return uploads;
    }

    private Deposit deposit(String id, String sha256, Viewer viewer) {
        try {
            ContentService.Readable readable = contents.readable(id, viewer, "audit-package");
            return new Deposit(id, sha256, readable, receipts.issue(id, viewer), documents.view(id, viewer), null);
        } catch (ProblemException e) {
            if (e.status() == 404 || e.status() == 410) {
                return new Deposit(id, sha256, null, null, null, "not in the catalog any more (" + e.slug()
                        + "): its disposal, if any, is in the vault's trail and tombstones");
            }
            throw e;
        }
    }

    private void writePackage(Prepared p, OutputStream out) throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : STATIC_FILES) {
                try (InputStream in = resource(name)) {
                    entry(zip, sums, name, in::transferTo);
                }
            }
            entry(zip, sums, "trail/audit.ndjson", o -> Files.copy(p.trail, o));
            entry(zip, sums, "keys/strongroom-keys.json", o -> o.write(p.history.toJson()));
            for (PublishedKey k : p.history.keys()) {
                entry(zip, sums, "keys/" + k.keyId() + ".pem", o -> o.write(k.publicKeyPem().getBytes(StandardCharsets.UTF_8)));
            }
            for (DigestCopies.Copy copy : p.digestCopies) {
                entry(zip, sums, "digests/" + copy.name(), o -> o.write(copy.digest()));
                entry(zip, sums, "digests/" + copy.name() + ".sig", o -> o.write(copy.signature()));
            }
            ArrayNode packed = json.createArrayNode();
            ArrayNode notIncluded = json.createArrayNode();
            int done = 0;
            for (Deposit d : p.deposits) {
                if (d.readable() == null) {
                    notIncluded.addObject().put("id", d.id()).put("sha256", d.sha256()).put("reason", d.notIncluded());
                    continue;
                }
                String dir = "documents/" + d.id() + "/";
                String file = dir + "content/" + FileNames.sanitize(d.readable().fileName());
                entry(zip, sums, file, o -> Files.copy(d.readable().blob(), o));
                entry(zip, sums, dir + "receipt.json", o -> o.write(json.writeValueAsBytes(d.receipt())));
                entry(zip, sums, dir + "metadata.json", o -> o.write(json.writeValueAsBytes(d.view())));
                packed.addObject().put("id", d.id()).put("file", file).put("sha256", d.sha256())
                        .put("fileName", d.readable().fileName());
                if (++done % 100 == 0) {
                    LOG.infof("Audit package: %d of %d documents packed", done, p.deposits.size());
                }
            }
            ObjectNode manifest = json.createObjectNode().put("format", FORMAT)
                    .put("createdAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString()).put("createdBy", p.by)
                    .put("from", p.from.toString()).put("to", p.to.toString()).put("keyId", p.key.keyId())
                    .put("trail", "trail/audit.ndjson").put("digests", p.digestCopies.size());
            manifest.set("documents", packed);
            manifest.set("notIncluded", notIncluded);
            entry(zip, sums, "MANIFEST.json", o -> o.write(json.writeValueAsBytes(manifest)));
            StringBuilder list = new StringBuilder();
            sums.forEach((name, sum) -> list.append(sum).append("  ").append(name).append('\n'));
            byte[] sumsFile = list.toString().getBytes(StandardCharsets.UTF_8);
            raw(zip, "SHA256SUMS", sumsFile);
            raw(zip, "SHA256SUMS.sig", (Base64.getEncoder().encodeToString(p.key.sign(sumsFile)) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        LOG.infof("Audit package %s to %s written: %d documents, %d files", p.from, p.to, p.deposits.size(), sums.size());
    }

    @FunctionalInterface
    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void entry(ZipOutputStream zip, Map<String, String> sums, String name, Body body) throws IOException {
        MessageDigest sha256 = Sha256.digest();
        zip.putNextEntry(new ZipEntry(ROOT + name));
        DigestOutputStream digesting = new DigestOutputStream(new NonClosing(zip), sha256);
        body.writeTo(digesting);
        digesting.flush();
        zip.closeEntry();
        sums.put(name, HexFormat.of().formatHex(sha256.digest()));
    }

    private static void raw(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(ROOT + name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static InputStream resource(String name) {
        InputStream in = AuditPackage.class.getClassLoader().getResourceAsStream("audit-package/" + name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("audit-package/" + name + " is missing from the build"));
        }
        return in;
    }

    /** Keeps a body's writer from closing the zip under it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}

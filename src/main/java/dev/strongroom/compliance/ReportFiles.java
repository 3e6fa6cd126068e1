package dev.strongroom.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.strongroom.backup.BackupService;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes a report's four files to {@code <reports-dir>/<date>/<id>.*} (each through a temp file, so
 * a half-written report never appears) and uploads them to {@code reports/<date>/} in the backup
 * bucket, with the SHA-256 checksum S3 verifies and the bucket's default Object Lock retention,
 * like every backup object.
 */
@ApplicationScoped
public class ReportFiles {

    static final String PREFIX = "reports/";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final ComplianceConfig config;
    private final ObjectMapper json;
    private final BackupService backups;
    private final BackupTarget bucket;

    public ReportFiles(ComplianceConfig config, ObjectMapper json, BackupService backups, BackupTarget bucket) {
        this.config = config;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
        this.backups = backups;
        this.bucket = bucket;
    }

    /** The files written and their SHA-256, by format. */
    public record Written(String folder, Map<ReportFormat, String> sha256) {
    }

    static String folderOf(Instant generatedAt) {
        return DAY.format(generatedAt);
    }

    public Path file(String folder, String id, ReportFormat format) {
        return config.reportsDir().resolve(folder).resolve(id + "." + format.extension);
    }

    public Written write(ComplianceReport report) throws IOException {
        String folder = folderOf(report.generatedAt());
        Files.createDirectories(config.reportsDir().resolve(folder));
        Map<ReportFormat, String> sha256 = new EnumMap<>(ReportFormat.class);
        for (ReportFormat format : ReportFormat.values()) {
            Path target = file(folder, report.id(), format);
            Path temp = target.resolveSibling(target.getFileName() + ".part");
            try (OutputStream out = Files.newOutputStream(temp)) {
                render(report, format, out);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            sha256.put(format, Sha256.hexOf(target));
        }
        return new Written(folder, sha256);
    }

    private void render(ComplianceReport report, ReportFormat format, OutputStream out) throws IOException {
        switch (format) {
            case JSON -> json.writeValue(out, report);
            case CSV -> ReportCsv.write(report, new OutputStreamWriter(out, StandardCharsets.UTF_8));
            case HTML -> out.write(ReportHtml.render(report).getBytes(StandardCharsets.UTF_8));
            case PDF -> ReportPdf.write(report, out);
        }
    }

    /** Uploads the files; returns the key prefix. Throws when the bucket refuses or cannot be reached. */
    public String upload(String id, Written written) {
        String prefix = PREFIX + written.folder() + "/";
        for (ReportFormat format : ReportFormat.values()) {
            bucket.putFile(prefix + id + "." + format.extension, file(written.folder(), id, format), format.mediaType,
                    written.sha256().get(format));
        }
        return prefix;
    }

    public boolean bucketConfigured() {
        return backups.configured();
    }
}

package dev.strongroom.compliance;

import dev.strongroom.jobs.JobState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A report as the API lists it.
 *
 * @param state running, succeeded or failed (the report could not be made; see error)
 * @param progress 0 to 100 while running
 * @param links the report's files, by format, once written
 * @param sha256 each file's SHA-256, as recorded in the audit trail
 * @param uploadedTo the S3 key prefix the files were uploaded under, null when they were not
 * @param uploadNote why the files are not in S3, when they are not
 */
public record ReportView(String id, String state, String phase, int progress, String trigger, String triggeredBy,
        Instant startedAt, Instant finishedAt, Instant from, Instant to, String overall, int passed, int failed,
        int notConfigured, Map<String, String> links, Map<String, String> sha256, String uploadedTo,
        String uploadNote, String error) {

    static ReportView of(ReportRecord r, String phase, int progress) {
        Map<String, String> links = new LinkedHashMap<>();
        Map<String, String> sums = new LinkedHashMap<>();
        if (r.state == JobState.SUCCEEDED) {
            for (ReportFormat f : ReportFormat.values()) {
                links.put(f.extension, "/api/compliance/reports/" + r.id + "/report." + f.extension);
                sums.put(f.extension, f.sha256(r));
            }
        }
        return new ReportView(r.id, r.state.stored(), phase, progress, r.trigger, r.triggeredBy, r.startedAt,
                r.finishedAt, r.periodFrom, r.periodTo, r.overall, r.passed, r.failed, r.notConfigured, links, sums,
                r.uploadedPrefix, r.uploadNote, r.error);
    }
}

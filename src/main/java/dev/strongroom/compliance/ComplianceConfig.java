package dev.strongroom.compliance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Compliance reports and restore drills; read by {@link ReportService}, {@link ReportFiles},
 * {@link BackupEvidence} and {@code compliance.drill.DrillService}.
 */
@ConfigMapping(prefix = "strongroom.compliance")
public interface ComplianceConfig {

    /** Where reports are written, as {@code <reports-dir>/<yyyy-MM-dd>/<id>.*}. Env: STRONGROOM_COMPLIANCE_REPORTS_DIR. */
    @WithDefault("compliance-reports")
    Path reportsDir();

    /** When the daily report runs (Quartz cron with seconds), covering the day before; "off" for on demand only. */
    @WithDefault("0 15 3 * * ?")
    String reportCron();

    /** Parallel HEAD requests when the report checks each backed-up version's checksum in S3. */
    @WithDefault("8")
    int headParallelism();

    /**
     * Documents confirmed before the previous report whose checksum the coverage check asks S3 for, drawn
     * at random (the others are checked against the bucket's listing only); 400 bounds the share of
     * mismatches below 0.75 % with 95 % confidence. Env: STRONGROOM_COMPLIANCE_COVERAGE_SAMPLE.
     */
    @WithDefault("400")
    int coverageSample();

    Drill drill();

    interface Drill {

        /** When the scheduled drill runs (Quartz cron with seconds; default Sundays 04:00); "off" for on demand only. */
        @WithDefault("0 0 4 ? * SUN")
        String cron();

        /** Share of the backed-up documents a drill restores. */
        @WithDefault("0.01")
        double sampleRatio();

        /** A drill restores at least this many documents (all of them when there are fewer). */
        @WithDefault("20")
        int sampleMin();

        /** Upload-time strata the sample is spread over, so old and new documents are both restored. */
        @WithDefault("10")
        int strata();

        /**
         * Whether drills also restore the sample from the replica bucket (when one is configured and
         * reachable). Off only where the replica cannot hold the objects, such as an emulator that
         * keeps a replication rule but copies nothing.
         */
        @WithDefault("true")
        boolean replica();

        /** Scratch folder for restored bytes, emptied after each document; default {@code <data-dir>/drill-scratch}. */
        Optional<Path> scratchDir();

        /** The report's drill check fails when the latest passing drill is older than this. */
        @WithDefault("P8D")
        Duration maxAge();
    }
}

package dev.strongroom.audit.recovery;

/** Where a lost journal tail is restored from. */
public enum TailSource {
    /** The catalog's audit index, whose rows keep each event's line. */
    INDEX,
    /** The journal segments the backup shipped to S3 ({@code journal/}). */
    S3,
    /** Every epoch of this vault's CloudWatch Logs stream. */
    CLOUDWATCH
}

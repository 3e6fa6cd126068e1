package dev.strongroom.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

/** Upload limits and the type allow-list; read by {@link UploadService}. */
@ConfigMapping(prefix = "strongroom.upload")
public interface UploadConfig {

    /** Largest accepted file, in bytes (default 200 MiB). Larger uploads get 413. */
    @WithDefault("209715200")
    long maxFileBytes();

    /** Media types accepted, as detected from the bytes. Anything else gets 415. */
    @WithDefault("application/pdf,image/png,image/jpeg,image/tiff,image/webp,"
            + "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
            + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
            + "application/vnd.oasis.opendocument.text,application/vnd.oasis.opendocument.spreadsheet,"
            + "text/csv,text/plain,application/xml,text/xml,application/json,message/rfc822")
    Set<String> allowedTypes();

    /**
     * Slowest average rate an upload may keep up once {@link #slowUploadGrace()} has passed; slower
     * uploads get 408 (see PacedBody).
     */
    @WithDefault("1024")
    long minBytesPerSecond();

    /** How long an upload may run before its average rate is held to {@link #minBytesPerSecond()}. */
    @WithDefault("PT30S")
    Duration slowUploadGrace();

    /** Most tags one document may carry. */
    @WithDefault("50")
    int maxTags();
}

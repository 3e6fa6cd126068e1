package dev.strongroom.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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

    /** Most tags one document may carry. */
    @WithDefault("50")
    int maxTags();
}

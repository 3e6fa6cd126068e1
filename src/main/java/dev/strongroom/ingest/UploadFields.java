package dev.strongroom.ingest;

import java.util.List;

/**
 * What a client says about its file besides the bytes: the name it gives it, and the optional
 * retention class, description and tags. A multipart form carries them as its parts; a raw body as
 * the query. Checked by {@link UploadService}.
 */
public record UploadFields(String fileName, String retentionClass, String description, List<String> tags) {

    public UploadFields {
        tags = List.copyOf(tags);
    }
}

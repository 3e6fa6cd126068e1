package dev.strongroom.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The objects a run's manifest refers to besides its documents and journal segments, kept on the run so that the
 * next run can refer to them instead of writing them again: the catalog export (its own or an earlier run's) and
 * the two lists of everything backed up.
 *
 * @param deltas how many lists in a row, this run's included, hold only what their run added since the list before
 *        them; 0 when this run's lists are whole
 */
public record RunObjects(Manifest.ObjectRef catalog, Manifest.ObjectRef checksums, Manifest.ObjectRef versions,
        int deltas) {

    String json() {
        try {
            return BackupJson.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Those of a run, when it recorded them (runs from before did not). */
    static Optional<RunObjects> of(BackupRun run) {
        if (run.objectsJson == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(BackupJson.MAPPER.readValue(run.objectsJson, RunObjects.class));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("backup run " + run.id + " has unreadable objects_json", e);
        }
    }
}

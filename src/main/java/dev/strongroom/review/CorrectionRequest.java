package dev.strongroom.review;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * Body of a correction: the fields to set (by their JSON names), and why. Setting a field to the value
 * that was extracted confirms it.
 */
public record CorrectionRequest(
        @NotEmpty(message = "name at least one field, e.g. {\"fields\": {\"total\": \"1893.40\"}}") Map<String, String> fields,
        @Size(max = 2000, message = "must be at most 2000 characters") String reason) {
}

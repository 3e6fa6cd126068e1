package dev.strongroom.snapshots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What policies/dlm-policy.json (shipped in the app as {@code policies/dlm-policy.json}) requires of
 * the deployed DLM policy: the target tag, and per required schedule its retention count and
 * whether it copies snapshots to another region. The optional schedules (hourly) are not required.
 */
record ExpectedPolicy(String tagKey, String tagValue, List<Schedule> schedules) {

    static final String RESOURCE = "policies/dlm-policy.json";

    record Schedule(String name, int retainCount, boolean crossRegionCopy) {
    }

    static ExpectedPolicy load() {
        try (InputStream in = ExpectedPolicy.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not in the application");
            }
            return of(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static ExpectedPolicy of(JsonNode document) {
        JsonNode details = document.path("PolicyDetails");
        JsonNode tag = details.path("TargetTags").path(0);
        List<Schedule> schedules = new ArrayList<>();
        for (JsonNode s : details.path("Schedules")) {
            schedules.add(new Schedule(s.path("Name").asText(), s.path("RetainRule").path("Count").asInt(),
                    s.path("CrossRegionCopyRules").size() > 0));
        }
        return new ExpectedPolicy(tag.path("Key").asText(), tag.path("Value").asText(), List.copyOf(schedules));
    }
}

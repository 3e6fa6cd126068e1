package dev.strongroom.retention;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.Problems;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/** The retention schedule: class name to keeping period. */
@ApplicationScoped
public class RetentionPolicy {

    private static final Logger LOG = Logger.getLogger(RetentionPolicy.class);
    static final String BUILT_IN = "policies/retention.yaml";

    private final RetentionConfig config;
    private Schedule schedule;

    public RetentionPolicy(RetentionConfig config) {
        this.config = config;
    }

    @PostConstruct
    void load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (InputStream in = config.policyFile().isPresent() ? Files.newInputStream(config.policyFile().get())
                : getClass().getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN + " is missing from the application");
            }
            schedule = yaml.readValue(in, Schedule.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the retention schedule", e);
        }
        if (!schedule.classes().containsKey(schedule.defaultClass())) {
            throw new IllegalStateException("retention schedule: default class '" + schedule.defaultClass()
                    + "' is not among the classes " + schedule.classes().keySet());
        }
        LOG.infof("Retention classes: %s (default %s)", schedule.classes().keySet(), schedule.defaultClass());
    }

    /** The class to use: the requested one, or the default. Unknown names are a 400 listing the known ones. */
    public String resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            return schedule.defaultClass();
        }
        if (!schedule.classes().containsKey(requested)) {
            throw ProblemException.badRequest(ProblemType.UNKNOWN_RETENTION_CLASS, "Unknown retention class '"
                    + Problems.clip(requested) + "'; known classes: " + String.join(", ", schedule.classes().keySet()));
        }
        return requested;
    }

    public Instant retainUntil(String retentionClass, Instant from) {
        Period period = Period.parse(schedule.classes().get(retentionClass).keep());
        return from.atOffset(ZoneOffset.UTC).plus(period).toInstant();
    }

    public Map<String, RetentionClass> classes() {
        return new TreeMap<>(schedule.classes());
    }

    public String defaultClass() {
        return schedule.defaultClass();
    }

    /** The YAML document. */
    record Schedule(@JsonProperty("default") String defaultClass, Map<String, RetentionClass> classes) {
    }

    /**
     * @param keep ISO-8601 period, e.g. P7Y
     */
    public record RetentionClass(String keep, String description) {
    }
}

package dev.strongroom.jobs;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a {@link JobState} as its word ({@link JobState#stored()}), the lower-case word run tables have
 * always held.
 */
@Converter
public class JobStateConverter implements AttributeConverter<JobState, String> {

    @Override
    public String convertToDatabaseColumn(JobState state) {
        return state == null ? null : state.stored();
    }

    @Override
    public JobState convertToEntityAttribute(String word) {
        return word == null ? null : JobState.ofStored(word);
    }
}

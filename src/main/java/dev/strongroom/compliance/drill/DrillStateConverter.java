package dev.strongroom.compliance.drill;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link DrillState} as its word ({@link DrillState#stored()}), as restore_drill has always held it. */
@Converter
public class DrillStateConverter implements AttributeConverter<DrillState, String> {

    @Override
    public String convertToDatabaseColumn(DrillState state) {
        return state == null ? null : state.stored();
    }

    @Override
    public DrillState convertToEntityAttribute(String word) {
        return word == null ? null : DrillState.ofStored(word);
    }
}

package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strongroom.support.DocumentedNames;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every action name the trail can hold is a constant of an {@link AuditAction} enum and a row of the
 * "Action names" table in docs/audit-format.md, and nothing else is: auditors read that table to know
 * what an event means.
 */
class ActionNamesAreDocumentedTest {

    @Test
    void everyActionConstantHasARowAndEveryRowAConstant() {
        Set<String> inCode = DocumentedNames.projectClasses()
                .filter(c -> c.isEnum() && AuditAction.class.isAssignableFrom(c))
                .flatMap(c -> Arrays.stream(c.getEnumConstants()).map(a -> ((AuditAction) a).action()))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = DocumentedNames.inTable("docs/audit-format.md", "## Action names");
        assertEquals(inCode, documented, DocumentedNames.difference(inCode, documented));
    }

    @Test
    void noTwoConstantsShareAnActionName() {
        var names = DocumentedNames.projectClasses()
                .filter(c -> c.isEnum() && AuditAction.class.isAssignableFrom(c))
                .flatMap(c -> Arrays.stream(c.getEnumConstants()).map(a -> ((AuditAction) a).action())).toList();
        assertEquals(names.size(), Set.copyOf(names).size(), "two constants name the same action: " + names);
    }
}

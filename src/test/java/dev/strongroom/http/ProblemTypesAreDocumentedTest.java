package dev.strongroom.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strongroom.support.DocumentedNames;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every problem type the API answers with is a {@link ProblemType} constant and a row of
 * docs/problem-types.md, and nothing else is: clients branch on the slug and read there what it means.
 */
class ProblemTypesAreDocumentedTest {

    @Test
    void everyProblemTypeHasARowAndEveryRowAConstant() {
        Set<String> inCode = Stream.of(ProblemType.values()).map(ProblemType::slug)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = DocumentedNames.inTable("docs/problem-types.md", "# Problem types");
        assertEquals(inCode, documented, DocumentedNames.difference(inCode, documented));
    }

    @Test
    void noTwoConstantsShareASlug() {
        Set<String> slugs = Stream.of(ProblemType.values()).map(ProblemType::slug).collect(Collectors.toSet());
        assertEquals(ProblemType.values().length, slugs.size(), "two problem types share a slug");
    }
}

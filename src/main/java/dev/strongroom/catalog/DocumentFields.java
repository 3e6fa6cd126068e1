package dev.strongroom.catalog;

import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules for the fields a person writes about a document (description and tags), the same at
 * upload and when they are edited later, each refusal a 400 that names the problem.
 */
public final class DocumentFields {

    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_TAG = 64;

    private DocumentFields() {
    }

    /** Null for none; stripped; at most {@value #MAX_DESCRIPTION} characters, no control characters but newline and tab. */
    public static String description(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        if (text.codePointCount(0, text.length()) > MAX_DESCRIPTION) {
            throw ProblemException.badRequest(ProblemType.DESCRIPTION_TOO_LONG,
                    "The description is longer than " + MAX_DESCRIPTION + " characters");
        }
        if (text.codePoints().anyMatch(cp -> Character.isISOControl(cp) && cp != '\n' && cp != '\t')) {
            throw ProblemException.badRequest(ProblemType.INVALID_DESCRIPTION,
                    "The description contains control characters");
        }
        return text;
    }

    /** At most {@code maxTags} distinct tags, each at most {@value #MAX_TAG} characters, no control characters. */
    public static Set<String> tags(Collection<String> raw, int maxTags) {
        Set<String> tags = new LinkedHashSet<>(raw);
        if (tags.size() > maxTags) {
            throw ProblemException.badRequest(ProblemType.TOO_MANY_TAGS,
                    "At most " + maxTags + " tags per document; got " + tags.size());
        }
        for (String tag : tags) {
            if (tag.length() > MAX_TAG || tag.codePoints().anyMatch(Character::isISOControl)) {
                throw ProblemException.badRequest(ProblemType.INVALID_TAG,
                        "Tags must be at most " + MAX_TAG + " characters without control characters");
            }
        }
        return tags;
    }

    /** Tags typed as one comma-separated line, as the upload form and the edit form take them. */
    public static Set<String> splitTags(String line) {
        if (line == null) {
            return Set.of();
        }
        return Arrays.stream(line.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}

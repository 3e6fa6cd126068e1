package dev.strongroom.deploy.iam;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces IAM policy variables ({@code ${ec2:SourceInstanceARN}}, {@code ${aws:username}}) with the
 * request's values. A variable the request does not carry makes the element unusable (empty), as AWS
 * then never matches it. (The escapes {@code ${*}}, {@code ${?}}, {@code ${$}} are not used here and
 * count as missing variables.)
 */
final class PolicyVariables {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private PolicyVariables() {
    }

    static Optional<String> substitute(String text, Map<String, List<String>> context) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<String> values = context.get(m.group(1));
            if (values == null || values.size() != 1) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(0)));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }
}

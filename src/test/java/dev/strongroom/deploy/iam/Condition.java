package dev.strongroom.deploy.iam;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * One condition of a statement: an operator (with its optional {@code IfExists} suffix and
 * {@code ForAnyValue:}/{@code ForAllValues:} set qualifier), a context key and the values it is
 * compared with. Keys are case-insensitive, as in IAM; values may hold policy variables.
 */
record Condition(String operator, String key, List<String> values) {

    /** The operators these policies may use; anything else is refused when the policy is read. */
    enum Operator {
        STRING_EQUALS("StringEquals", false, (a, b) -> a.equals(b)),
        STRING_NOT_EQUALS("StringNotEquals", true, (a, b) -> a.equals(b)),
        STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false, (a, b) -> a.equalsIgnoreCase(b)),
        STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true, (a, b) -> a.equalsIgnoreCase(b)),
        STRING_LIKE("StringLike", false, (actual, pattern) -> Wildcard.matches(pattern, actual, false)),
        STRING_NOT_LIKE("StringNotLike", true, (actual, pattern) -> Wildcard.matches(pattern, actual, false)),
        ARN_EQUALS("ArnEquals", false, (actual, pattern) -> Wildcard.matches(pattern, actual, false)),
        ARN_LIKE("ArnLike", false, (actual, pattern) -> Wildcard.matches(pattern, actual, false)),
        ARN_NOT_EQUALS("ArnNotEquals", true, (actual, pattern) -> Wildcard.matches(pattern, actual, false)),
        ARN_NOT_LIKE("ArnNotLike", true, (actual, pattern) -> Wildcard.matches(pattern, actual, false)),
        BOOL("Bool", false, (a, b) -> a.equalsIgnoreCase(b)),
        NUMERIC_EQUALS("NumericEquals", false, (a, b) -> compare(a, b) == 0),
        NUMERIC_NOT_EQUALS("NumericNotEquals", true, (a, b) -> compare(a, b) == 0),
        NUMERIC_LESS_THAN("NumericLessThan", false, (a, b) -> compare(a, b) < 0),
        NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", false, (a, b) -> compare(a, b) <= 0),
        NUMERIC_GREATER_THAN("NumericGreaterThan", false, (a, b) -> compare(a, b) > 0),
        NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", false, (a, b) -> compare(a, b) >= 0),
        NULL("Null", false, null);

        final String name;
        /** Negated operators hold when no value matches, and when the key is missing. */
        final boolean negated;
        final BiPredicate<String, String> test;

        Operator(String name, boolean negated, BiPredicate<String, String> test) {
            this.name = name;
            this.negated = negated;
            this.test = test;
        }

        static Operator named(String name) {
            for (Operator o : values()) {
                if (o.name.equals(name)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("condition operator " + name + " is not one the evaluator knows");
        }

        private static int compare(String a, String b) {
            return new BigDecimal(a).compareTo(new BigDecimal(b));
        }
    }

    Condition {
        parse(operator); // refuses unknown operators when the policy is read
    }

    boolean holds(Map<String, List<String>> context) {
        Parsed parsed = parse(operator);
        List<String> actual = lookup(context, key);
        if (parsed.operator == Operator.NULL) {
            boolean absent = actual == null || actual.isEmpty();
            return values.stream().anyMatch(v -> Boolean.parseBoolean(v) == absent);
        }
        if (actual == null || actual.isEmpty()) {
            if (parsed.ifExists) {
                return true;
            }
            return switch (parsed.set) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case NONE -> parsed.operator.negated;
            };
        }
        List<String> expected = values.stream().map(v -> PolicyVariables.substitute(v, context)).flatMap(Optional::stream)
                .toList();
        return switch (parsed.set) {
            case FOR_ALL_VALUES -> actual.stream().allMatch(a -> single(parsed.operator, a, expected));
            case FOR_ANY_VALUE, NONE -> actual.stream().anyMatch(a -> single(parsed.operator, a, expected));
        };
    }

    private static boolean single(Operator operator, String actual, List<String> expected) {
        boolean any = expected.stream().anyMatch(e -> operator.test.test(actual, e));
        return operator.negated ? !any : any;
    }

    private static List<String> lookup(Map<String, List<String>> context, String key) {
        for (Map.Entry<String, List<String>> e : context.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    private enum SetQualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    private record Parsed(SetQualifier set, Operator operator, boolean ifExists) {
    }

    private static Parsed parse(String text) {
        SetQualifier set = SetQualifier.NONE;
        String rest = text;
        if (rest.startsWith("ForAnyValue:")) {
            set = SetQualifier.FOR_ANY_VALUE;
            rest = rest.substring("ForAnyValue:".length());
        } else if (rest.startsWith("ForAllValues:")) {
            set = SetQualifier.FOR_ALL_VALUES;
            rest = rest.substring("ForAllValues:".length());
        }
        boolean ifExists = rest.endsWith("IfExists") && !rest.equals("Null");
        if (ifExists) {
            rest = rest.substring(0, rest.length() - "IfExists".length());
        }
        return new Parsed(set, Operator.named(rest), ifExists);
    }

    @Override
    public String toString() {
        return operator + " " + key.toLowerCase(Locale.ROOT) + " " + values;
    }
}

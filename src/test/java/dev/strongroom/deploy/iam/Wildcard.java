package dev.strongroom.deploy.iam;

/** IAM's glob: {@code *} matches any run of characters (colons and slashes too), {@code ?} exactly one. */
final class Wildcard {

    private Wildcard() {
    }

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(java.util.Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(java.util.Locale.ROOT) : value;
        return matches(p, 0, v, 0);
    }

    private static boolean matches(String p, int pi, String v, int vi) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int from = vi; from <= v.length(); from++) {
                    if (matches(p, pi, v, from)) {
                        return true;
                    }
                }
                return false;
            }
            if (vi >= v.length() || c != '?' && c != v.charAt(vi)) {
                return false;
            }
            pi++;
            vi++;
        }
        return vi == v.length();
    }
}

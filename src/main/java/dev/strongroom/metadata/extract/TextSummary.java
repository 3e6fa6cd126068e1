package dev.strongroom.metadata.extract;

/**
 * The excerpt and word count of a document's text. The excerpt is the text with every run of
 * whitespace collapsed to one space, cut to at most {@value #EXCERPT_CHARS} characters (never inside a
 * surrogate pair). A word is a run of non-space characters holding at least one letter or digit, so
 * "12.60" and "Bristol," count and a lone "—" does not.
 */
record TextSummary(String excerpt, int wordCount) {

    static final int EXCERPT_CHARS = 2_000;

    static TextSummary of(CharSequence text) {
        StringBuilder excerpt = new StringBuilder(Math.min(text.length(), EXCERPT_CHARS));
        boolean excerptDone = false;
        boolean pendingSpace = false;
        int words = 0;
        boolean inWord = false;
        boolean wordHasAlnum = false;
        for (int i = 0; i < text.length();) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
                if (inWord && wordHasAlnum) {
                    words++;
                }
                inWord = false;
                wordHasAlnum = false;
                pendingSpace = excerpt.length() > 0;
                continue;
            }
            inWord = true;
            wordHasAlnum |= Character.isLetterOrDigit(cp);
            if (!excerptDone) {
                int needed = Character.charCount(cp) + (pendingSpace ? 1 : 0);
                if (excerpt.length() + needed > EXCERPT_CHARS) {
                    excerptDone = true;
                } else {
                    if (pendingSpace) {
                        excerpt.append(' ');
                    }
                    excerpt.appendCodePoint(cp);
                    pendingSpace = false;
                }
            }
        }
        if (inWord && wordHasAlnum) {
            words++;
        }
        return new TextSummary(excerpt.length() == 0 ? null : excerpt.toString(), words);
    }
}

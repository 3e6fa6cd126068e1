package dev.strongroom.metadata.extract;

import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.tika.langdetect.opennlp.OpenNLPDetector;
import org.apache.tika.language.detect.LanguageResult;

/**
 * The language of a text, from Tika's OpenNLP language detector (103 languages). Tika's own
 * confidence levels mark almost every result as uncertain for documents of a few sentences, so the
 * rule here is relative: the best language must score at least twice the runner-up, on at least
 * {@value #MIN_LETTERS} letters of text. Otherwise there is no answer rather than a guess.
 * <p>
 * The model takes about 85 MB of heap and one to three seconds of CPU to load. It is one model per
 * JVM (Tika holds it in a static field), loaded by whoever first touches the detector class; {@link
 * #preload()} starts that in the background, so it overlaps with Tika's own start-up and the first
 * parses instead of stalling the first document that needs a language. Each guess uses a detector of
 * its own (cheap: it only wraps the shared model), so parse threads guess in parallel.
 * <p>
 * {@link #release()} drops the model when extraction has been idle (the field is Tika's, so it is
 * cleared and reloaded by reflection); a guess after that loads it again first.
 */
public final class LanguageGuesser {

    private static final System.Logger LOG = System.getLogger(LanguageGuesser.class.getName());

    static final int MIN_LETTERS = 40;
    private static final int SAMPLE_CHARS = 10_000;
    private static final double MARGIN = 2.0;
    private static final Map<String, String> TWO_LETTER = twoLetterCodes();
    /** Guards Tika's shared model while it is released or loaded again. */
    private static final Object MODEL = new Object();

    /**
     * Loads the model on a background daemon thread. A guess made before it is done waits for it (the
     * JVM's class initialisation lock), so nothing is read half-loaded.
     */
    static void preload() {
        Thread loader = new Thread(() -> {
            try {
                Class.forName(OpenNLPDetector.class.getName(), true, LanguageGuesser.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // The first guess fails the same way and that document's sidecar says so; nothing to add here.
                LOG.log(Level.DEBUG, "the language model could not be preloaded", e);
            }
        }, "metadata-language-model");
        loader.setDaemon(true);
        loader.start();
    }

    /** ISO 639-1 code where the language has one ("en"), else the detector's ISO 639-3 code; or null. */
    String guess(CharSequence text) {
        String sample = text.length() > SAMPLE_CHARS ? text.subSequence(0, SAMPLE_CHARS).toString() : text.toString();
        if (sample.codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
            return null;
        }
        List<LanguageResult> results = detector().detectAll(sample);
        // Not LanguageResult.isUnknown(): that is true whenever Tika's confidence is NONE, see above.
        if (results.isEmpty() || results.get(0).getLanguage() == null || results.get(0).getLanguage().isEmpty()) {
            return null;
        }
        float best = results.get(0).getRawScore();
        float next = results.size() > 1 ? results.get(1).getRawScore() : 0f;
        if (best < next * MARGIN) {
            return null;
        }
        String code = results.get(0).getLanguage();
        return TWO_LETTER.getOrDefault(code, code);
    }

    /** A detector over the shared model, loading the model again if it was released. */
    private static OpenNLPDetector detector() {
        synchronized (MODEL) {
            Field field = modelField();
            try {
                if (field != null && field.get(null) == null) {
                    Method load = OpenNLPDetector.class.getDeclaredMethod("loadBuiltInModels");
                    load.setAccessible(true);
                    load.invoke(null);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot load the language model again", e);
            }
            return new OpenNLPDetector();
        }
    }

    /**
     * Drops the shared model (about 85 MB); the next guess loads it again. Only while no guess runs:
     * the caller releases when extraction is idle. Does nothing if Tika's field is not where it was.
     */
    public static void release() {
        synchronized (MODEL) {
            Field field = modelField();
            if (field == null) {
                return;
            }
            try {
                field.set(null, null);
            } catch (IllegalAccessException e) {
                LOG.log(Level.DEBUG, "the language model could not be released", e);
            }
        }
    }

    /** Tika's static field holding the model, or null (logged) when it cannot be reached. */
    private static Field modelField() {
        try {
            Field field = OpenNLPDetector.class.getDeclaredField("LANG_MODEL");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Tika's language model field is not reachable; it stays loaded", e);
            return null;
        }
    }

    private static Map<String, String> twoLetterCodes() {
        Map<String, String> codes = new HashMap<>();
        for (String two : Locale.getISOLanguages()) {
            try {
                codes.put(Locale.forLanguageTag(two).getISO3Language(), two);
            } catch (java.util.MissingResourceException noThreeLetterCode) {
                // A few ISO 639-1 codes have no three-letter form in the JDK; nothing to map.
            }
        }
        return Map.copyOf(codes);
    }
}

package dev.strongroom.statements;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * How alike a statement's merchant and a receipt's vendor are, from 0 (nothing in common) to 1.
 * <p>
 * Banks print merchants in capitals with their own cut-offs, store numbers and towns ({@code NORTHWIND
 * STATIONE BRISTOL 0042}); receipts print the trading name with its legal form ({@code Northwind
 * Stationery Ltd}). So both are folded to ASCII capitals and split into words, and legal forms, card
 * terms and bare numbers are dropped. Each word of one side is then paired with its most similar word of
 * the other (Jaro-Winkler from Apache Commons Text, which favours a shared beginning: a truncated word
 * still scores high), word similarities below {@value #WORD_FLOOR} count as none (unrelated words score
 * around 0.5 on Jaro-Winkler, which must not add up to a match), and the pairings are averaged, weighted
 * by word length. This is the Monge-Elkan measure; the better of its two directions is taken, so the
 * extra town on a statement line does not count against a receipt that names only the shop.
 */
public final class VendorSimilarity {

    static final double WORD_FLOOR = 0.8;
    private static final Set<String> NOISE = Set.of("LTD", "LIMITED", "GMBH", "AG", "INC", "LLC", "SA", "SARL", "SAS",
            "BV", "NV", "PLC", "CO", "CORP", "THE", "AND", "OF", "POS", "CARD", "PURCHASE", "VISA", "DEBIT", "CREDIT",
            "PAYMENT", "MASTERCARD", "CONTACTLESS", "SRL", "SPA", "KG", "EK", "UG");
    private static final JaroWinklerSimilarity WORDS = new JaroWinklerSimilarity();

    private VendorSimilarity() {
    }

    /** 0 to 1; 0 when either side has no word left after folding. */
    public static double of(String merchant, String vendor) {
        List<String> a = words(merchant);
        List<String> b = words(vendor);
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        return Math.max(directed(a, b), directed(b, a));
    }

    private static double directed(List<String> from, List<String> to) {
        double weighted = 0;
        int weights = 0;
        for (String word : from) {
            double best = 0;
            for (String other : to) {
                best = Math.max(best, WORDS.apply(word, other));
            }
            weighted += (best < WORD_FLOOR ? 0 : best) * word.length();
            weights += word.length();
        }
        return weighted / weights;
    }

    static List<String> words(String name) {
        if (name == null) {
            return List.of();
        }
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", " ");
        return Arrays.stream(ascii.split(" ")).filter(w -> w.length() > 1 && !NOISE.contains(w)
                && !w.chars().allMatch(Character::isDigit)).toList();
    }
}

package dev.strongroom.statements;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches statement lines to receipts. Pure: the caller brings the lines still open, the receipts nobody
 * has claimed, and the settings; docs/statements.md explains the rules with examples.
 * <p>
 * A receipt can back a line when its total equals the line's amount (money out or in alike) in the same
 * currency, and its date is within {@code windowDays} of the booking date. Its score (0 to 100) adds 40
 * for amount and currency, up to 20 for the date (same day 20, falling to nothing past the window) and up
 * to 40 for the vendor's similarity to the merchant ({@link VendorSimilarity}); a receipt that states no
 * currency, date or vendor gets a part of that, never all of it.
 * <p>
 * Only an unambiguous, likely match is settled ({@link MatchState#MATCHED}): a score of at least
 * {@code highConfidence}, and no other open receipt for the line and no other open line for the receipt
 * within {@code margin} points of it. Everything else is offered ({@link MatchState#SUGGESTED}), best first,
 * for an analyst to confirm or change: ambiguous matches are never forced. A line with no single receipt
 * may be offered two or three receipts that add up to its amount (a bill split across receipts). Each
 * receipt backs at most one settled line.
 */
public final class StatementMatcher {

    /** A line to match. {@code amount} is as the statement states it, signed. */
    public record Line(int lineNo, LocalDate date, String merchant, BigDecimal amount, String currency) {
    }

    /** What a receipt's metadata says (absent fields are null). */
    public record Receipt(String id, String vendor, LocalDate date, BigDecimal total, String currency) {
    }

    /** One way to back a line: one receipt, or several that add up to its amount. */
    public record Option(List<String> receiptIds, int score) {
    }

    /** The outcome for one line: settled (one option), offered (options, best first) or nothing found. */
    public record Outcome(int lineNo, MatchState state, List<Option> options) {
    }

    /**
     * @param windowDays     a receipt may be dated this many days before or after the booking
     * @param highConfidence the score from which an unambiguous match is settled
     * @param margin         a rival within this many points makes a match ambiguous
     */
    public record Settings(int windowDays, int highConfidence, int margin) {
    }

    static final int MAX_OPTIONS = 5;
    static final int MAX_SPLIT_PARTS = 3;
    static final double SPLIT_VENDOR_FLOOR = 0.6;

    private final Settings settings;

    public StatementMatcher(Settings settings) {
        this.settings = settings;
    }

    private record Pair(Line line, Receipt receipt, int score) {
    }

    public List<Outcome> match(List<Line> lines, List<Receipt> receipts) {
        List<Pair> pairs = new ArrayList<>();
        for (Line line : lines) {
            for (Receipt receipt : receipts) {
                int score = score(line, receipt, true);
                if (score >= 0) {
                    pairs.add(new Pair(line, receipt, score));
                }
            }
        }
        pairs.sort(Comparator.comparingInt(Pair::score).reversed().thenComparingInt(p -> p.line().lineNo()));
        Map<Integer, Pair> settled = new HashMap<>();
        Set<String> taken = new HashSet<>();
        // Settling one line can take away another's only rival, so passes repeat until nothing more settles.
        boolean more = true;
        while (more) {
            more = false;
            for (Pair pair : pairs) {
                if (settled.containsKey(pair.line().lineNo()) || taken.contains(pair.receipt().id())
                        || pair.score() < settings.highConfidence()) {
                    continue;
                }
                if (!rivalled(pair, pairs, settled, taken)) {
                    settled.put(pair.line().lineNo(), pair);
                    taken.add(pair.receipt().id());
                    more = true;
                }
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Line line : lines) {
            Pair done = settled.get(line.lineNo());
            if (done != null) {
                outcomes.add(new Outcome(line.lineNo(), MatchState.MATCHED,
                        List.of(new Option(List.of(done.receipt().id()), done.score()))));
                continue;
            }
            List<Option> options = new ArrayList<>();
            for (Pair pair : pairs) {
                if (pair.line() == line && !taken.contains(pair.receipt().id()) && options.size() < MAX_OPTIONS) {
                    options.add(new Option(List.of(pair.receipt().id()), pair.score()));
                }
            }
            if (options.isEmpty()) {
                options.addAll(splits(line, receipts, taken));
            }
            outcomes.add(new Outcome(line.lineNo(), options.isEmpty() ? MatchState.UNMATCHED : MatchState.SUGGESTED,
                    List.copyOf(options)));
        }
        return outcomes;
    }

    private boolean rivalled(Pair pair, List<Pair> pairs, Map<Integer, Pair> settled, Set<String> taken) {
        for (Pair other : pairs) {
            if (other == pair || other.score() < pair.score() - settings.margin()) {
                continue;
            }
            boolean sameLine = other.line() == pair.line() && !taken.contains(other.receipt().id());
            boolean sameReceipt = other.receipt() == pair.receipt() && !settled.containsKey(other.line().lineNo());
            if (sameLine || sameReceipt) {
                return true;
            }
        }
        return false;
    }

    /** Two or three open receipts from the same merchant, in the window, that add up to the line's amount. */
    private List<Option> splits(Line line, List<Receipt> receipts, Set<String> taken) {
        List<Receipt> parts = new ArrayList<>();
        List<Integer> scores = new ArrayList<>();
        for (Receipt receipt : receipts) {
            int score = score(line, receipt, false);
            if (score >= 0 && !taken.contains(receipt.id()) && receipt.total() != null && receipt.total().signum() > 0
                    && receipt.vendor() != null
                    && VendorSimilarity.of(line.merchant(), receipt.vendor()) >= SPLIT_VENDOR_FLOOR) {
                parts.add(receipt);
                scores.add(score);
            }
        }
        BigDecimal target = line.amount().abs();
        List<Option> options = new ArrayList<>();
        int n = parts.size();
        for (int i = 0; i < n && options.size() < MAX_OPTIONS; i++) {
            for (int j = i + 1; j < n && options.size() < MAX_OPTIONS; j++) {
                BigDecimal two = parts.get(i).total().add(parts.get(j).total());
                if (two.compareTo(target) == 0) {
                    options.add(split(List.of(parts.get(i), parts.get(j)), List.of(scores.get(i), scores.get(j))));
                }
                for (int k = j + 1; MAX_SPLIT_PARTS > 2 && k < n && options.size() < MAX_OPTIONS; k++) {
                    if (two.add(parts.get(k).total()).compareTo(target) == 0) {
                        options.add(split(List.of(parts.get(i), parts.get(j), parts.get(k)),
                                List.of(scores.get(i), scores.get(j), scores.get(k))));
                    }
                }
            }
        }
        options.sort(Comparator.comparingInt(Option::score).reversed());
        return options;
    }

    private static Option split(List<Receipt> parts, List<Integer> scores) {
        // A split is a weaker claim than a single receipt of the exact amount: it is offered, a few points down.
        int score = (int) Math.round(scores.stream().mapToInt(Integer::intValue).average().orElse(0)) - 5;
        return new Option(parts.stream().map(Receipt::id).toList(), Math.max(0, score));
    }

    /** The score of a receipt for a line, or -1 when it cannot back it. */
    int score(Line line, Receipt receipt, boolean wholeAmount) {
        if (receipt.currency() != null && !receipt.currency().equals(line.currency())) {
            return -1;
        }
        if (wholeAmount && (receipt.total() == null || line.amount().signum() == 0
                || receipt.total().compareTo(line.amount().abs()) != 0)) {
            return -1;
        }
        double dateShare;
        if (receipt.date() == null) {
            dateShare = 0.3;
        } else {
            long days = Math.abs(ChronoUnit.DAYS.between(receipt.date(), line.date()));
            if (days > settings.windowDays()) {
                return -1;
            }
            dateShare = 1 - (double) days / (settings.windowDays() + 1);
        }
        double vendorShare = receipt.vendor() == null ? 0.25 : VendorSimilarity.of(line.merchant(), receipt.vendor());
        double score = 40 + 20 * dateShare + 40 * vendorShare - (receipt.currency() == null ? 10 : 0);
        return (int) Math.round(Math.max(0, Math.min(100, score)));
    }
}

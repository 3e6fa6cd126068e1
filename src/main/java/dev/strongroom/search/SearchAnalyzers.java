package dev.strongroom.search;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How text becomes terms. Every text field is lower-cased and folded to ASCII ({@code Zürich} and
 * {@code Zurich}, {@code São Paulo} and {@code Sao Paulo}, {@code café} and {@code CAFE} are the same
 * terms). The whole text is also indexed stemmed in the document's language when it is known
 * (English, German, Portuguese: {@code receipts} finds {@code receipt}, {@code Rechnungen} finds
 * {@code Rechnung}), in a field per language, and queries are stemmed the same way for each.
 */
final class SearchAnalyzers {

    static final String TEXT = "text";
    static final String VENDOR = "vendor";
    static final Map<String, String> STEMMED = Map.of("en", "text_en", "de", "text_de", "pt", "text_pt");

    private SearchAnalyzers() {
    }

    /** The analyzer for every field, by name: folded for the plain fields, folded and stemmed per language. */
    static Analyzer perField() {
        Analyzer folded = folded();
        return new PerFieldAnalyzerWrapper(folded, Map.of(STEMMED.get("en"), stemmed("en"), STEMMED.get("de"),
                stemmed("de"), STEMMED.get("pt"), stemmed("pt"), "vendor_exact", keyword()));
    }

    static Analyzer folded() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream result = new ASCIIFoldingFilter(new LowerCaseFilter(source));
                return new TokenStreamComponents(source, result);
            }

            @Override
            protected TokenStream normalize(String field, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }

    /** The whole value as one folded term: an exact vendor filter. */
    static Analyzer keyword() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new KeywordTokenizer();
                return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
            }
        };
    }

    static Analyzer stemmed(String language) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream result = new LowerCaseFilter(source);
                result = switch (language) {
                    case "en" -> new PorterStemFilter(new EnglishPossessiveFilter(result));
                    case "de" -> new GermanLightStemFilter(new GermanNormalizationFilter(result));
                    default -> new PortugueseLightStemFilter(result);
                };
                return new TokenStreamComponents(source, new ASCIIFoldingFilter(result));
            }
        };
    }

    /** A vendor as the exact filter compares it: folded, spaces collapsed. */
    static String vendorKey(String vendor) {
        char[] in = vendor.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ").toCharArray();
        char[] out = new char[in.length * 4];
        int n = ASCIIFoldingFilter.foldToASCII(in, 0, out, 0, in.length);
        return new String(out, 0, n);
    }
}

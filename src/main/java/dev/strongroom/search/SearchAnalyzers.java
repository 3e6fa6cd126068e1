package dev.strongroom.search;

import java.io.Reader;
import java.util.Map;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
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
    /** The text of documents read by OCR, with the characters OCR confuses made one (see {@link #ocr()}). */
    static final String OCR_TEXT = "text_ocr";

    private SearchAnalyzers() {
    }

    /** The analyzer for every field, by name: folded for the plain fields, folded and stemmed per language. */
    static Analyzer perField() {
        Analyzer folded = folded();
        return new PerFieldAnalyzerWrapper(folded, Map.of(STEMMED.get("en"), stemmed("en"), STEMMED.get("de"),
                stemmed("de"), STEMMED.get("pt"), stemmed("pt"), "vendor_exact", keyword(), OCR_TEXT, ocr()));
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

    /**
     * Folded text with the characters Tesseract confuses most made one, in the index and in the query:
     * 0 and o, 1 and l, 5 and s, 8 and b. A word typed right then finds the photo whose OCR read
     * "zuzulivoll" for "zuzulivo11". Used for documents read by OCR only, weighted low.
     */
    static Analyzer ocr() {
        NormalizeCharMap.Builder confusions = new NormalizeCharMap.Builder();
        confusions.add("0", "o");
        confusions.add("1", "l");
        confusions.add("5", "s");
        confusions.add("8", "b");
        confusions.add("|", "l");
        NormalizeCharMap map = confusions.build();
        return new Analyzer() {
            @Override
            protected Reader initReader(String field, Reader reader) {
                return new MappingCharFilter(map, reader);
            }

            @Override
            protected Reader initReaderForNormalization(String field, Reader reader) {
                return new MappingCharFilter(map, reader);
            }

            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
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

package dev.strongroom.metadata.extract;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file as a table of cells, for the receipt reader. Tika's own CSV handling sniffs the dialect and
 * falls back to plain text on small files (a two-row export with semicolons), which loses the cells;
 * so the vault reads CSV itself with Commons CSV: the delimiter is the one of {@code , ; TAB} the header
 * line holds most of, the text UTF-8 (else ISO-8859-1), bounded by {@link TableCells#MAX_CELLS}.
 */
final class CsvTable {

    private static final long MAX_BYTES = 2 * 1024 * 1024;

    private CsvTable() {
    }

    static boolean applies(String type, String fileName) {
        return "text/csv".equals(type) || "text/tab-separated-values".equals(type)
                || ("text/plain".equals(type) && fileName != null && fileName.toLowerCase(java.util.Locale.ROOT)
                        .matches(".*\\.(csv|tsv)$"));
    }

    /** The file's table, or an empty list when it is too large or not CSV at all. */
    static List<TableCells.Table> read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                return List.of();
            }
            String text = decode(Files.readAllBytes(file));
            String header = text.lines().findFirst().orElse("");
            char delimiter = delimiter(header);
            List<List<String>> rows = new ArrayList<>();
            int cells = 0;
            try (Reader in = new java.io.StringReader(text)) {
                for (CSVRecord record : CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
                        .setTrim(true).get().parse(in)) {
                    List<String> row = new ArrayList<>();
                    for (String value : record) {
                        if (cells++ >= TableCells.MAX_CELLS) {
                            break;
                        }
                        row.add(ReceiptText.collapse(value.length() <= TableCells.MAX_CELL_CHARS ? value
                                : value.substring(0, TableCells.MAX_CELL_CHARS)));
                    }
                    rows.add(row);
                }
            }
            return rows.isEmpty() ? List.of() : List.of(new TableCells.Table(null, rows));
        } catch (IOException | RuntimeException notCsv) {
            return List.of();
        }
    }

    private static char delimiter(String header) {
        char best = ',';
        long most = -1;
        for (char c : new char[] { ',', ';', '\t' }) {
            long n = header.chars().filter(ch -> ch == c).count();
            if (n > most) {
                most = n;
                best = c;
            }
        }
        return best;
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}

package dev.strongroom.audit;

/**
 * Defuses spreadsheet formula injection: a cell a spreadsheet would evaluate (one starting with
 * =, +, -, @, tab or carriage return) gets a leading apostrophe, as OWASP recommends.
 */
public final class CsvCells {

    private CsvCells() {
    }

    public static String defuse(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell
                : cell;
    }
}

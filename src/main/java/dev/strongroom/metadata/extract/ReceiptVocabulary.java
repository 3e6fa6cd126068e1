package dev.strongroom.metadata.extract;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words receipts and invoices print around their fields, in English, Portuguese and German (and the
 * commonest French, Spanish and Italian ones). docs/metadata.md lists them for people.
 */
final class ReceiptVocabulary {

    /** Retention classes whose documents are receipts or invoices, whatever they print. */
    static final Set<String> FILED_AS_RECEIPT = Set.of("receipt", "receipts", "invoice", "invoices", "expense",
            "expenses");

    /** Words by which a document calls itself a receipt or invoice. */
    static final Pattern KIND = Pattern.compile("(?iu)(?<!\\p{L})(receipt|invoice|bill|facture|rechnung|quittung|beleg|"
            + "kassenbon|kassenzettel|bon|factura|fattura|fatura|fatura-recibo|recibo|nota\\s+fiscal|cupom|"
            + "amount\\s+due|total\\s+due|balance\\s+due|zu\\s+zahlen|total\\s+a\\s+pagar)(?!\\p{L})");

    static final Pattern STRONG_TOTAL = Pattern.compile("(?iu)(?<!\\p{L})(grand\\s+total|amount\\s+due|total\\s+due|"
            + "balance\\s+due|total\\s+amount|amount\\s+payable|total\\s+payable|total\\s+to\\s+pay|amount\\s+to\\s+pay|"
            + "invoice\\s+total|total\\s+incl\\.?(?:uding)?\\s+(?:vat|tax)|gesamtbetrag|rechnungsbetrag|endbetrag|"
            + "gesamtsumme|zu\\s+zahlen|zahlbetrag|bruttobetrag|summe\\s+brutto|montant\\s+total|total\\s+ttc|"
            + "importe\\s+total|total\\s+a\\s+pagar|valor\\s+a\\s+pagar|valor\\s+total|total\\s+geral|"
            + "total\\s+da\\s+fatura|montante\\s+total|total\\s+c/\\s*iva|total\\s+com\\s+iva)(?!\\p{L})");
    static final Pattern PLAIN_TOTAL = Pattern.compile("(?iu)(?<!\\p{L})(total|totale|totaal|gesamt|summe|betrag|soma)(?!\\p{L})");
    static final Pattern SUBTOTAL = Pattern.compile("(?iu)(?<!\\p{L})(sub[-\\s]?total|zwischensumme|netto(?:betrag)?|"
            + "summe\\s+netto|net\\s+(?:total|amount)|total\\s+(?:net|excl\\.?(?:uding)?\\s+(?:vat|tax)|before\\s+tax)|"
            + "total\\s+s/\\s*iva|total\\s+sem\\s+iva|total\\s+il[ií]quido|base\\s+tribut[aá]vel|valor\\s+l[ií]quido|"
            + "incid[eê]ncia)(?!\\p{L})");
    /** Lines saying "total" that are not the amount to pay. */
    static final Pattern NOT_TOTAL = Pattern.compile("(?iu)(?<!\\p{L})(total\\s+(?:tax|vat|iva|mwst|items?|savings?|"
            + "discount|quantity|qty|hours|pages|weight|de\\s+itens|artikel|st[üu]ck)|(?:tax|vat|items?|artikel)\\s+total|"
            + "rabatt|desconto|discount|change|wechselgeld|r[üu]ckgeld|troco|gegeben|given|tendered|entregue)(?!\\p{L})");

    static final Pattern TAX = Pattern.compile("(?iu)(?<!\\p{L})(vat|tax|sales\\s+tax|gst|hst|pst|mwst|mw\\.?-?st|"
            + "ust|mehrwertsteuer|umsatzsteuer|iva|imposto|icms|tva)(?!\\p{L})");
    /** Tax identifiers and exemptions, not tax amounts. */
    static final Pattern TAX_ID = Pattern.compile("(?iu)(?<!\\p{L})(vat\\s*(?:no|number|reg|id)|tax\\s*(?:id|no|number)|"
            + "ust-?id|st\\.?-?nr|steuernummer|steuer-?nr|nif|nipc|cnpj|cpf|ein)(?!\\p{L})");
    static final Pattern RATE = Pattern.compile("(?<![\\d.,])(\\d{1,2}(?:[.,]\\d{1,2})?)\\s?%");

    static final Pattern ISSUE_DATE_LINE = Pattern.compile("(?iu)(?<!\\p{L})((?:invoice|receipt|issue|document|transaction|"
            + "order|billing|purchase|sale)\\s+date|date\\s+of\\s+(?:issue|invoice|purchase)|issued(?:\\s+on)?|dated|"
            + "rechnungsdatum|belegdatum|ausstellungsdatum|kaufdatum|data\\s+(?:de\\s+|da\\s+)?(?:emiss[aã]o|fatura|"
            + "documento|compra)|emitid[ao]\\s+em)(?!\\p{L})");
    static final Pattern DATE_LINE = Pattern.compile("(?iu)(?<!\\p{L})(date|datum|data|fecha|dt)(?!\\p{L})");
    static final Pattern OTHER_DATE_LINE = Pattern.compile("(?iu)(?<!\\p{L})(due|delivery|expiry|expires|valid|"
            + "payment\\s+by|pay\\s+by|period|f[äa]llig(?:keit)?|zahlbar\\s+bis|lieferdatum|leistungsdatum|"
            + "liefertermin|g[üu]ltig|vencimento|validade|prazo|entrega|pagar\\s+at[eé]|ship(?:ped|ping)?)(?!\\p{L})");

    static final Pattern VENDOR_LABEL = Pattern.compile("(?iu)^\\s*(vendor|seller|merchant|supplier|sold\\s+by|"
            + "billed\\s+by|issued\\s+by|payee|store|shop|lieferant|verk[äa]ufer|h[äa]ndler|rechnungssteller|"
            + "fournisseur|fornecedor|vendedor|emitente|estabelecimento|loja)\\s*[:\\-]\\s*(.{2,80})$");
    /** Lines near the top that are not the vendor's name. */
    static final Pattern NOT_VENDOR = Pattern.compile("(?iu)(?<!\\p{L})(receipt|invoice|rechnung|quittung|kassenbon|"
            + "beleg|fatura|factura|recibo|nota|cupom|tax|vat|date|datum|data|page|seite|p[áa]gina|total|amount|"
            + "bill\\s+to|ship\\s+to|customer|kunde|cliente|order|bestellung|encomenda|no\\.|nr\\.?|n\\.?º|number|"
            + "hello|dear|hi|thank|thanks|danke|obrigad[oa]|ol[áa]|hallo|guten|sehr\\s+geehrte|welcome|willkommen|"
            + "bem-vindo|tel|phone|fax|telefone|telefon|email|e-mail|www|nif|cnpj|ust|mwst|iva|original|copy|"
            + "kopie|c[óo]pia|duplicado|cashier|kassierer|operador|table|tisch|mesa|vendor|supplier|merchant|seller|"
            + "lieferant|fornecedor|description|beschreibung|bezeichnung|descri[çc][ãa]o|expenses|ausgaben|despesas)(?!\\p{L})"
            + "|@|https?:|#|\\d{3,}");
    /** A company's legal form: a line ending in one is very likely its name. */
    static final Pattern LEGAL_FORM = Pattern.compile("(?iu)(?<!\\p{L})(ltd\\.?|limited|llc|l\\.l\\.c\\.|inc\\.?|plc|"
            + "corp\\.?|co\\.|gmbh|ag|kg|ohg|e\\.\\s?k\\.|ug|lda\\.?|ltda\\.?|s\\.\\s?a\\.?|sa|unipessoal|me|eireli|"
            + "sarl|sas|bv|nv)(?!\\p{L})");
    /** An e-mail subject naming who sent the receipt: "Your receipt from Acme Store". */
    static final Pattern SUBJECT_VENDOR = Pattern.compile("(?iu)(?:receipt|invoice|order|rechnung|quittung|bestellung|"
            + "fatura|recibo|encomenda|compra)\\s+(?:from|von|bei|de|da|do|der)\\s+(.{2,60}?)(?:\\s*[#:(\\-–,]|\\s+(?:no|nr|n\\.?º)\\b|$)");

    static final Pattern NUMBER = Pattern.compile("(?iu)(?<!\\p{L})(?:receipt|invoice|rechnung|beleg|bon|quittung|"
            + "fatura(?:-recibo)?|recibo|nota|document|documento|order|transaction)\\s*(?:no\\.?|nr\\.?|n\\.?\\s?[º°o]\\.?|"
            + "number|nummer|n[úu]mero|#|-?nummer|id)?\\s*[:#]?\\s*([A-Z]{0,4}[\\s/-]?[A-Z0-9][A-Z0-9/\\-.]{1,30})");
    static final Pattern NUMBER_LABEL = Pattern.compile("(?iu)(?<!\\p{L})(rechnungsnummer|rechnungs-nr\\.?|belegnummer|"
            + "beleg-nr\\.?|bon-nr\\.?|invoice\\s*(?:no|number|#)|receipt\\s*(?:no|number|#)|n\\.?\\s?º\\s*(?:da\\s+)?"
            + "(?:fatura|recibo)?)\\s*[:.#]?\\s*([A-Z0-9][A-Z0-9/\\-. ]{0,30}[A-Z0-9])");

    static final Pattern PAYMENT = Pattern.compile("(?iu)(?<!\\p{L})(visa|mastercard|master\\s?card|maestro|amex|"
            + "american\\s+express|debit|credit|card|karte|kartenzahlung|ec-?karte|girocard|cart[ãa]o|multibanco|"
            + "contactless|kontaktlos|cash|bar|barzahlung|bargeld|dinheiro|numer[áa]rio|esp[ée]cie|paypal|"
            + "bank\\s+transfer|wire\\s+transfer|transfer|[üu]berweisung|sepa|transfer[êe]ncia|pix|mb\\s?way|"
            + "apple\\s+pay|google\\s+pay)(?!\\p{L})");
    static final Pattern PAYMENT_LABEL = Pattern.compile("(?iu)(?<!\\p{L})(payment|paid\\s+(?:by|with|via)|tender|"
            + "zahlung|zahlungsart|bezahlt|gegeben|pagamento|forma\\s+de\\s+pagamento|pago\\s+com|meio\\s+de\\s+pagamento)(?!\\p{L})");
    static final Map<String, String> PAYMENT_KINDS = Map.ofEntries(Map.entry("cash", "cash"), Map.entry("bar", "cash"),
            Map.entry("barzahlung", "cash"), Map.entry("bargeld", "cash"), Map.entry("dinheiro", "cash"),
            Map.entry("numerario", "cash"), Map.entry("especie", "cash"), Map.entry("paypal", "paypal"),
            Map.entry("bank transfer", "bank-transfer"), Map.entry("wire transfer", "bank-transfer"),
            Map.entry("transfer", "bank-transfer"), Map.entry("uberweisung", "bank-transfer"),
            Map.entry("sepa", "bank-transfer"), Map.entry("transferencia", "bank-transfer"),
            Map.entry("pix", "bank-transfer"), Map.entry("mb way", "mobile"), Map.entry("mbway", "mobile"),
            Map.entry("apple pay", "mobile"), Map.entry("google pay", "mobile"));

    static final Pattern ITEM_HEADER = Pattern.compile("(?iu)(?<!\\p{L})(description|item|items|article|product|"
            + "service|beschreibung|bezeichnung|artikel|leistung|position|descri[çc][ãa]o|artigo|produto|servi[çc]o)(?!\\p{L})");
    static final Pattern QUANTITY_HEADER = Pattern.compile("(?iu)(?<!\\p{L})(qty|quantity|menge|anzahl|qtd\\.?|quantidade|qt\\.?)(?!\\p{L})");
    static final Pattern AMOUNT_HEADER = Pattern.compile("(?iu)(?<!\\p{L})(amount|total|price|betrag|preis|summe|"
            + "valor|pre[çc]o|montante|gesamt)(?!\\p{L})");
    static final Pattern VENDOR_HEADER = Pattern.compile("(?iu)^\\s*(vendor|merchant|supplier|seller|payee|store|"
            + "lieferant|h[äa]ndler|verk[äa]ufer|gesch[äa]ft|fornecedor|vendedor|emitente|loja|estabelecimento|"
            + "company|firma|empresa)\\s*:?\\s*$");
    static final Pattern DATE_HEADER = Pattern.compile("(?iu)^\\s*(date|invoice\\s+date|receipt\\s+date|datum|"
            + "rechnungsdatum|belegdatum|data|data\\s+de\\s+emiss[ãa]o)\\s*:?\\s*$");
    static final Pattern CURRENCY_HEADER = Pattern.compile("(?iu)^\\s*(currency|w[äa]hrung|moeda|divisa)\\s*:?\\s*$");
    static final Pattern NUMBER_HEADER = Pattern.compile("(?iu)^\\s*(receipt|invoice|rechnung|beleg|fatura|recibo)?\\s*"
            + "(no\\.?|nr\\.?|number|nummer|n[úu]mero|n\\.?º|#)\\s*:?\\s*$|^\\s*(rechnungsnummer|belegnummer)\\s*:?\\s*$");
    static final Pattern PAYMENT_HEADER = Pattern.compile("(?iu)^\\s*(payment|payment\\s+method|paid\\s+by|"
            + "zahlungsart|zahlung|pagamento|forma\\s+de\\s+pagamento|meio\\s+de\\s+pagamento)\\s*:?\\s*$");

    private ReceiptVocabulary() {
    }
}

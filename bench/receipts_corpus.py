#!/usr/bin/python3
"""Writes a labelled corpus of receipts and invoices for bench/receipts.

usage: receipts_corpus.py OUT_DIR COUNT [SEED]

Every document is written with libraries the vault does not use to read it: reportlab (PDF),
python-docx (DOCX), openpyxl (XLSX), odfpy (ODT), the standard library's email and csv modules (EML,
CSV) and Pillow (JPEG photos: small text, skew, blur, uneven light, JPEG noise). Vendors, currencies,
languages (English, Portuguese, German), date formats and layouts vary. OUT_DIR/labels.jsonl has one
line per file: what is printed on it (vendor, date, total, currency, tax, a word found on its last
page) and how it is uploaded (retention class; about a third of the receipts print no word such as
"receipt" or "invoice" and are filed as "default", so only their layout says what they are).
Deterministic for a seed.
"""
import csv
import datetime
import io
import json
import math
import os
import random
import sys
from decimal import ROUND_HALF_UP, Decimal
from email.message import EmailMessage
from email.utils import format_datetime

from docx import Document as Docx
from odf.opendocument import OpenDocumentText
from odf.style import Style, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import P
from openpyxl import Workbook
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
FORMATS = [("pdf", 0.18), ("docx", 0.12), ("xlsx", 0.12), ("odt", 0.12), ("eml", 0.12), ("csv", 0.12), ("jpg", 0.22)]

VENDORS = {
    "en-US": ["Blue Bottle Diner", "Harbor Freight Supplies Inc.", "Cedar Lane Pharmacy", "Pacific Office Depot LLC",
              "Maple Street Books", "Sunrise Taxi Co."],
    "en-GB": ["Northwind Stationery Ltd", "Crown & Anchor Pub", "Bristol Rail Tickets Ltd", "Kensington Florists",
              "Thames Print Works Ltd", "Highland Coffee Roasters"],
    "de": ["Müller Bürobedarf GmbH", "Café Zürich", "Bäckerei Schäfer", "Rheinland Elektro GmbH",
           "Hotel Königshof", "Apotheke am Markt"],
    "pt": ["Papelaria São Paulo Lda", "Padaria Açores", "Café Lisboa Unipessoal Lda", "Livraria Bertrand Ltda",
           "Farmácia Central", "Táxis Porto Lda"],
}
CURRENCIES = {"en-US": ["USD"], "en-GB": ["GBP"], "de": ["EUR", "EUR", "CHF"], "pt": ["EUR", "EUR", "BRL"]}
TAX_RATES = {"en-US": [Decimal("8.875"), Decimal("7.25"), Decimal("6")], "en-GB": [Decimal("20")],
             "de": [Decimal("19"), Decimal("7")], "pt": [Decimal("23"), Decimal("13"), Decimal("6")]}
ITEMS = {
    "en-US": ["Coffee", "Bagel", "Printer paper", "Toner cartridge", "Notebook", "Taxi fare", "Parking", "Lunch special"],
    "en-GB": ["Tea", "Sandwich", "A4 paper", "Envelopes", "Train ticket", "Flowers", "Ink", "Pint of ale"],
    "de": ["Kaffee", "Brötchen", "Druckerpapier", "Ordner", "Übernachtung", "Frühstück", "Kabel", "Taschenrechner"],
    "pt": ["Café", "Pastel de nata", "Papel A4", "Caneta", "Pão", "Almoço", "Corrida de táxi", "Livro"],
}
STREETS = {"en-US": "500 Market St, San Francisco, CA", "en-GB": "12 Harbour Street, Bristol BS1 4QA",
           "de": "Hauptstraße 12, 50667 Köln", "pt": "Rua Augusta 120, 1100-053 Lisboa"}
WORDS = {  # labels as each language prints them
    "en-US": dict(receipt="RECEIPT", invoice="INVOICE", date="Date", number="Receipt #", subtotal="Subtotal",
                  tax="Sales Tax", total=["TOTAL", "Total", "Amount Due", "Balance Due"], paid="Paid by",
                  pay=["VISA ****4412", "Cash", "Mastercard ****0199"], inv_number="Invoice No.", qty="Qty",
                  desc="Description", amount="Amount", thanks="Thank you for your business!"),
    "en-GB": dict(receipt="RECEIPT", invoice="INVOICE", date="Date", number="Receipt No.", subtotal="Subtotal",
                  tax="VAT", total=["TOTAL", "Total due", "Amount payable", "Total"], paid="Payment",
                  pay=["Card", "Cash", "Contactless"], inv_number="Invoice No.", qty="Qty", desc="Description",
                  amount="Amount", thanks="Thank you for your custom"),
    "de": dict(receipt="QUITTUNG", invoice="RECHNUNG", date="Datum", number="Beleg-Nr.", subtotal="Nettobetrag",
               tax="MwSt", total=["SUMME", "Gesamtbetrag", "Zu zahlen", "Summe"], paid="Zahlungsart",
               pay=["EC-Karte", "Bar", "Girocard"], inv_number="Rechnungsnummer", qty="Menge", desc="Bezeichnung",
               amount="Betrag", thanks="Vielen Dank für Ihren Einkauf"),
    "pt": dict(receipt="RECIBO", invoice="FATURA", date="Data", number="Fatura-Recibo nº", subtotal="Total s/ IVA",
               tax="IVA", total=["TOTAL", "Total a pagar", "Valor total", "TOTAL"], paid="Pagamento",
               pay=["Multibanco", "Numerário", "MB Way", "Cartão"], inv_number="Fatura nº", qty="Qtd",
               desc="Descrição", amount="Valor", thanks="Obrigado pela sua visita"),
}
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
           "novembro", "dezembro"],
}
SYLLABLES = ["ka", "zu", "mo", "ri", "te", "vo", "xa", "li", "nu", "pe", "qo", "si", "da", "ge", "fy"]

CENT = Decimal("0.01")


def money(value, lang, symbol=False, currency=None):
    """An amount as the language prints it: 1,234.56 / 1.234,56."""
    q = value.quantize(CENT, rounding=ROUND_HALF_UP)
    text = f"{q:,.2f}"
    if lang in ("de", "pt"):
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    if symbol and currency:
        sym = {"USD": "$", "GBP": "£", "EUR": "€", "BRL": "R$", "CHF": "CHF "}[currency]
        return sym + text if currency in ("USD", "GBP", "BRL", "CHF") else text + " €"
    return text


def date_text(d, lang, rnd):
    if lang == "en-US":
        return rnd.choice([d.strftime("%m/%d/%Y"), f"{MONTHS['en'][d.month - 1]} {d.day}, {d.year}",
                           f"{MONTHS['en'][d.month - 1][:3]} {d.day}, {d.year}"])
    if lang == "en-GB":
        return rnd.choice([d.strftime("%d/%m/%Y"), f"{d.day} {MONTHS['en'][d.month - 1][:3]} {d.year}",
                           d.strftime("%Y-%m-%d")])
    if lang == "de":
        return rnd.choice([d.strftime("%d.%m.%Y"), f"{d.day}. {MONTHS['de'][d.month - 1]} {d.year}",
                           d.strftime("%d.%m.%y")])
    return rnd.choice([d.strftime("%d/%m/%Y"), d.strftime("%d-%m-%Y"), f"{d.day} de {MONTHS['pt'][d.month - 1]} de {d.year}"])


def make_receipt(i, rnd):
    lang = rnd.choice(["en-US", "en-GB", "de", "pt"])
    vendor = rnd.choice(VENDORS[lang])
    currency = rnd.choice(CURRENCIES[lang])
    d = datetime.date(2024, 1, 1) + datetime.timedelta(days=rnd.randrange(0, 1000))
    items = []
    for _ in range(rnd.randint(1, 5)):
        price = Decimal(rnd.randrange(150, 60000 if rnd.random() < 0.3 else 6000)) / 100
        qty = rnd.choice([1, 1, 1, 2, 3])
        items.append((rnd.choice(ITEMS[lang]), qty, price * qty))
    net = sum((a for _, _, a in items), Decimal(0))
    rate = rnd.choice(TAX_RATES[lang])
    has_tax = not (lang == "en-US" and rnd.random() < 0.2)
    tax = (net * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP) if has_tax else None
    total = net + (tax or 0)
    word = "".join(rnd.choice(SYLLABLES) for _ in range(4)) + str(i)
    return dict(lang=lang, vendor=vendor, currency=currency, date=d, items=items, net=net, rate=rate, tax=tax,
                total=total, word=word, number=f"{rnd.choice(['A', 'FR', 'R', '2026'])}-{rnd.randrange(100, 99999)}",
                total_label=rnd.choice(WORDS[lang]["total"]), pay=rnd.choice(WORDS[lang]["pay"]),
                date_text=date_text(d, lang, rnd), kind_word=rnd.random() < 0.65, invoice=rnd.random() < 0.4)


def receipt_lines(r, rnd):
    """The receipt as lines of text: what every text format prints (in its own way)."""
    w = WORDS[r["lang"]]
    lang = r["lang"]
    lines = [r["vendor"], STREETS[lang]]
    if r["kind_word"]:
        lines.append(w["invoice"] if r["invoice"] else w["receipt"])
    lines.append(f"{w['date']}: {r['date_text']}")
    lines.append(f"{w['number']} {r['number']}")
    lines.append("")
    for name, qty, amount in r["items"]:
        lines.append(f"{qty} x {name}    {money(amount, lang)}")
    lines.append("")
    if r["tax"] is not None:
        lines.append(f"{w['subtotal']}    {money(r['net'], lang)}")
        lines.append(f"{w['tax']} {fmt_rate(r['rate'], lang)}%    {money(r['tax'], lang)}")
    lines.append(f"{r['total_label']}    {money(r['total'], lang, True, r['currency'])}")
    lines.append(f"{w['paid']}: {r['pay']}")
    lines.append(w["thanks"])
    return lines


def fmt_rate(rate, lang):
    text = f"{rate.normalize():f}"
    return text.replace(".", ",") if lang in ("de", "pt") else text


def label(r, fmt, name, retention, pages=1, **extra):
    out = dict(file=name, format=fmt, language=r["lang"], vendor=r["vendor"], date=r["date"].isoformat(),
               total=f"{r['total']:.2f}", currency=r["currency"], tax=None if r["tax"] is None else f"{r['tax']:.2f}",
               word=r["word"], retention=retention, pages=pages, kind_word=r["kind_word"])
    out.update(extra)
    return out


def retention_for(r, rnd):
    if not r["kind_word"]:
        return "default"  # neither the words nor the uploader say it: only the layout does
    return rnd.choice(["receipt", "invoice", "default"]) if r["invoice"] else rnd.choice(["receipt", "receipt", "default"])


def file_name(r, fmt, i, rnd):
    if r["kind_word"] and rnd.random() < 0.5:
        return f"{'invoice' if r['invoice'] else 'receipt'}-{i:04d}.{fmt}"
    return f"doc-{i:04d}.{fmt}"


# ---- writers ----

def write_pdf(path, r, rnd):
    c = canvas.Canvas(path, pagesize=A4)
    c.setTitle(f"{r['vendor']} {r['number']}")
    font = rnd.choice(["Helvetica", "Times-Roman", "Courier"])
    width, height = A4
    y = height - 60
    layout = rnd.choice(["till", "invoice"])
    lines = receipt_lines(r, rnd)
    c.setFont(font + ("-Bold" if font != "Times-Roman" else ""), 14 if layout == "invoice" else 11)
    c.drawString(60, y, lines[0])
    c.setFont(font, 10)
    for line in lines[1:]:
        y -= 16
        if "    " in line:  # label left, amount right-aligned
            left, right = line.rsplit("    ", 1)
            c.drawString(60 if layout == "invoice" else 160, y, left)
            c.drawRightString(520 if layout == "invoice" else 420, y, right)
        else:
            c.drawString(60 if layout == "invoice" else 160, y, line)
    pages = 1
    if rnd.random() < 0.25:  # a long document: terms and conditions, the word on its last page
        pages = rnd.randint(3, 40)
        for p in range(2, pages + 1):
            c.showPage()
            c.setFont(font, 9)
            y = height - 60
            for k in range(40):
                c.drawString(60, y, f"Clause {p}.{k}: general terms of sale and delivery, page {p} of {pages}.")
                y -= 14
            if p == pages:
                c.drawString(60, y - 10, f"Reference {r['word']}")
    else:
        c.drawString(60, 60, f"Reference {r['word']}")
    c.showPage()
    c.save()
    return pages


def write_docx(path, r, rnd):
    doc = Docx()
    w = WORDS[r["lang"]]
    lang = r["lang"]
    doc.core_properties.title = f"{r['vendor']} {r['number']}"
    doc.add_heading(r["vendor"], level=1)
    doc.add_paragraph(STREETS[lang])
    if r["kind_word"]:
        doc.add_paragraph(w["invoice"] if r["invoice"] else w["receipt"])
    doc.add_paragraph(f"{w['date']}: {r['date_text']}")
    doc.add_paragraph(f"{w['inv_number'] if r['invoice'] else w['number']} {r['number']}")
    table = doc.add_table(rows=1, cols=3)
    table.rows[0].cells[0].text = w["desc"]
    table.rows[0].cells[1].text = w["qty"]
    table.rows[0].cells[2].text = w["amount"]
    for name, qty, amount in r["items"]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = name, str(qty), money(amount, lang)
    totals = doc.add_table(rows=0, cols=2)
    if r["tax"] is not None:
        row = totals.add_row().cells
        row[0].text, row[1].text = w["subtotal"], money(r["net"], lang)
        row = totals.add_row().cells
        row[0].text, row[1].text = f"{w['tax']} {fmt_rate(r['rate'], lang)}%", money(r["tax"], lang)
    row = totals.add_row().cells
    row[0].text, row[1].text = r["total_label"], money(r["total"], lang, True, r["currency"])
    doc.add_paragraph(f"{w['paid']}: {r['pay']}")
    doc.add_paragraph(f"Ref. {r['word']}")
    doc.save(path)


def write_odt(path, r, rnd):
    doc = OpenDocumentText()
    bold = Style(name="Bold", family="paragraph")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.styles.addElement(bold)
    lines = receipt_lines(r, rnd)
    doc.text.addElement(P(stylename=bold, text=lines[0]))
    use_table = rnd.random() < 0.5
    table = None
    for line in lines[1:]:
        if use_table and "    " in line:
            if table is None:
                table = Table(name="Totals")
                table.addElement(TableColumn(numbercolumnsrepeated=2))
                doc.text.addElement(table)
            left, right = line.rsplit("    ", 1)
            tr = TableRow()
            for value in (left, right):
                cell = TableCell()
                cell.addElement(P(text=value))
                tr.addElement(cell)
            table.addElement(tr)
        else:
            doc.text.addElement(P(text=line.replace("    ", "\t")))
    doc.text.addElement(P(text=f"Ref. {r['word']}"))
    doc.save(path)


def write_eml(path, r, rnd):
    w = WORDS[r["lang"]]
    lang = r["lang"]
    msg = EmailMessage()
    slug = "".join(ch for ch in r["vendor"].lower() if ch.isalpha())[:12] or "shop"
    msg["From"] = f"{r['vendor']} <billing@{slug}.example>" if rnd.random() < 0.6 else f"billing@{slug}.example"
    msg["To"] = "analyst@finance.example"
    subjects = {
        "en-US": [f"Your receipt from {r['vendor']}", f"Order {r['number']} confirmation"],
        "en-GB": [f"Your receipt from {r['vendor']}", f"Invoice {r['number']}"],
        "de": [f"Ihre Rechnung von {r['vendor']}", f"Bestellung {r['number']}"],
        "pt": [f"Fatura de {r['vendor']}", f"Encomenda {r['number']}"],
    }
    msg["Subject"] = rnd.choice(subjects[lang]) if r["kind_word"] else f"{r['number']}"
    msg["Date"] = format_datetime(datetime.datetime.combine(r["date"], datetime.time(10, 30),
                                                            tzinfo=datetime.timezone.utc))
    greeting = {"en-US": "Hello Jane,", "en-GB": "Dear customer,", "de": "Hallo Frau Schmidt,", "pt": "Olá Ana,"}[lang]
    body = [greeting, ""] + receipt_lines(r, rnd) + ["", f"Ref. {r['word']}"]
    msg.set_content("\n".join(body))
    with open(path, "wb") as f:
        f.write(bytes(msg))


def write_xlsx(path, r, rnd):
    wb = Workbook()
    ws = wb.active
    ws.title = rnd.choice(["Expenses", "Receipt", "Sheet1", "Beleg"])
    w = WORDS[r["lang"]]
    layout = rnd.choice(["header", "keyvalue", "items"])
    total = float(r["total"])  # a float, as spreadsheets hold money: 1893.4 shows as 1893.4
    tax = None if r["tax"] is None else float(r["tax"])
    vendor_label = {"en-US": "Vendor", "en-GB": "Supplier", "de": "Lieferant", "pt": "Fornecedor"}[r["lang"]]
    if layout == "header":
        ws.append([vendor_label, w["date"], w["subtotal"], w["tax"], "Total", "Currency"])
        ws.append([r["vendor"], r["date"], float(r["net"]), tax, total, r["currency"]])
        ws.cell(row=2, column=2).number_format = "yyyy-mm-dd"
    elif layout == "keyvalue":
        ws.append([vendor_label, r["vendor"]])
        ws.append([w["date"], r["date"]])
        ws.cell(row=2, column=2).number_format = "dd.mm.yyyy" if r["lang"] == "de" else "yyyy-mm-dd"
        ws.append([w["number"], r["number"]])
        if tax is not None:
            ws.append([f"{w['tax']} {fmt_rate(r['rate'], r['lang'])}%", tax])
        ws.append(["Total", total])
        ws.append(["Currency", r["currency"]])
    else:
        ws.append([r["vendor"]])
        ws.append([w["date"], r["date"]])
        ws.cell(row=2, column=2).number_format = "yyyy-mm-dd"
        ws.append([])
        ws.append([w["desc"], w["qty"], w["amount"]])
        for name, qty, amount in r["items"]:
            ws.append([name, qty, float(amount)])
        if tax is not None:
            ws.append([f"{w['tax']} {fmt_rate(r['rate'], r['lang'])}%", None, tax])
        ws.append([f"Total {r['currency']}", None, total])
    ws.append([])
    ws.append([f"Ref. {r['word']}"])
    wb.save(path)
    return layout


def write_csv(path, r, rnd):
    w = WORDS[r["lang"]]
    lang = r["lang"]
    sep = ";" if lang in ("de", "pt") else ","
    vendor_label = {"en-US": "Vendor", "en-GB": "Supplier", "de": "Lieferant", "pt": "Fornecedor"}[lang]
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, delimiter=sep)
        if rnd.random() < 0.5:
            out.writerow([vendor_label, w["date"], w["tax"], "Total", "Currency", "Reference"])
            out.writerow([r["vendor"], r["date_text"], "" if r["tax"] is None else plain(r["tax"], lang),
                          plain(r["total"], lang), r["currency"], r["word"]])
        else:
            out.writerow([vendor_label, r["vendor"]])
            out.writerow([w["date"], r["date_text"]])
            out.writerow([w["number"], r["number"]])
            if r["tax"] is not None:
                out.writerow([w["tax"], plain(r["tax"], lang)])
            out.writerow(["Total", plain(r["total"], lang)])
            out.writerow(["Currency", r["currency"]])
            out.writerow(["Reference", r["word"]])


def plain(value, lang):
    """An amount as an export writes it: no thousands separator, the language's decimal mark."""
    text = f"{value.quantize(CENT):f}"
    return text.replace(".", ",") if lang in ("de", "pt") else text


def write_photo(path, r, rnd):
    """A thermal receipt photographed on a desk: small text, skew, blur, uneven light, JPEG noise."""
    glyph = rnd.choice([9, 10, 11, 12, 13, 14, 16])  # cap height in pixels: small text
    font = ImageFont.truetype(FONT_DIR + rnd.choice(["DejaVuSansMono.ttf", "DejaVuSans.ttf"]), int(glyph / 0.73))
    bold = ImageFont.truetype(FONT_DIR + "DejaVuSansMono-Bold.ttf", int(glyph * 1.3 / 0.73))
    lines = receipt_lines(r, rnd)
    line_h = int(glyph * 2.0)
    width = int(glyph * 34)
    paper = Image.new("L", (width, line_h * (len(lines) + 4)), color=rnd.randint(225, 250))
    draw = ImageDraw.Draw(paper)
    y = line_h
    for k, line in enumerate(lines):
        f = bold if k == 0 else font
        ink = rnd.randint(20, 70)
        if "    " in line:
            left, right = line.rsplit("    ", 1)
            draw.text((glyph, y), left, font=f, fill=ink)
            draw.text((width - glyph - draw.textlength(right, font=f), y), right, font=f, fill=ink)
        else:
            draw.text((glyph, y), line, font=f, fill=ink)
        y += line_h if k else int(line_h * 1.3)
    draw.text((glyph, y + line_h // 2), f"Ref {r['word']}", font=font, fill=40)
    skew = rnd.uniform(-6, 6)
    paper = paper.rotate(skew, resample=Image.BICUBIC, expand=True, fillcolor=0)
    desk = Image.new("L", (paper.width + 2 * glyph * 4, paper.height + 2 * glyph * 4), color=rnd.randint(60, 110))
    mask = paper.point(lambda v: 255 if v > 0 else 0)
    desk.paste(paper, (glyph * 4, glyph * 4), mask)
    # uneven light: darker towards one corner
    shade = Image.linear_gradient("L").resize(desk.size).rotate(rnd.choice([0, 90, 180, 270]))
    desk = Image.composite(desk, desk.point(lambda v: int(v * 0.72)), shade)
    blur = rnd.choice([0, 0.4, 0.7, 1.0])
    if blur:
        desk = desk.filter(ImageFilter.GaussianBlur(blur))
    noise = Image.effect_noise(desk.size, rnd.uniform(4, 10))
    desk = Image.blend(desk, noise, 0.06)
    photo = Image.merge("RGB", [desk.point(lambda v: min(255, int(v * t))) for t in (1.0, 0.97, 0.9)])
    photo.save(path, "JPEG", quality=rnd.randint(70, 90))
    return dict(glyph=glyph, skew=round(skew, 1), blur=blur)


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 23
    rnd = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    labels = []
    weights = [w for _, w in FORMATS]
    formats = [f for f, _ in FORMATS]
    # Every format at least count/10 times, then by weight.
    plan = [f for f in formats for _ in range(max(1, count // 10))]
    while len(plan) < count:
        plan.append(rnd.choices(formats, weights)[0])
    rnd.shuffle(plan)
    for i, fmt in enumerate(plan[:count]):
        r = make_receipt(i, rnd)
        name = file_name(r, fmt, i, rnd)
        path = os.path.join(out, name)
        retention = retention_for(r, rnd)
        extra = {}
        pages = 1
        if fmt == "pdf":
            pages = write_pdf(path, r, rnd)
        elif fmt == "docx":
            write_docx(path, r, rnd)
        elif fmt == "odt":
            write_odt(path, r, rnd)
        elif fmt == "eml":
            write_eml(path, r, rnd)
        elif fmt == "xlsx":
            extra["layout"] = write_xlsx(path, r, rnd)
        elif fmt == "csv":
            write_csv(path, r, rnd)
        else:
            extra.update(write_photo(path, r, rnd))
        labels.append(label(r, fmt, name, retention, pages, **extra))
    with open(os.path.join(out, "labels.jsonl"), "w", encoding="utf-8") as f:
        for entry in labels:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    print(f"receipts corpus: {len(labels)} documents in {out}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Office output as the programs people open it in read it, with the
standard library only (and LibreOffice, Chromium, poppler and ImageMagick
as programs): every chart of the default data exported as an Excel workbook
and as CSV by the release binary, and reports of every chart.

- The workbook is a zip with a data sheet, a sources sheet and one native
  chart (xl/charts/chart1.xml) whose series each span every row of the data
  sheet's table, of the chart's kind, titled as the data sheet's title.
- The CSV starts with a UTF-8 byte-order mark (Excel and WPS then read its
  Chinese) and reads back in Chinese.
- LibreOffice (headless) opens a workbook and renders it; its text holds the
  chart's title, a value and the sources sheet (pages in OUT_DIR/libreoffice).
- A report of every chart in Chinese and in English: the Word report as
  LibreOffice renders it holds every chart's title, values and the sources;
  the PDF report is A4 with pages that are not blank; the HTML report shows
  its charts in headless Chromium and, printed by it, holds every title
  (OUT_DIR/reports).

usage: office.py ECONLENS OUT_DIR
"""
import re
import subprocess
import sys
import zipfile
from pathlib import Path

binary, out = sys.argv[1], Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
failures = []


def check(condition, text):
    print(("   ok   " if condition else "   FAIL ") + text)
    if not condition:
        failures.append(text)


for fmt in ["xlsx", "csv"]:
    folder = out / fmt
    done = subprocess.run([binary, "export", "--all", "--format", fmt, "--lang", "zh", "--out", str(folder)],
                          capture_output=True, text=True)
    check(done.returncode == 0, f"export --all --format {fmt}: {done.stderr.strip()[:200]}")

workbooks = sorted((out / "xlsx").glob("*.xlsx"))
check(len(workbooks) > 10, f"{len(workbooks)} workbooks")
for path in workbooks:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        if "xl/charts/chart1.xml" not in names:
            check(False, f"{path.name}: no native chart")
            continue
        chart = archive.read("xl/charts/chart1.xml").decode("utf-8")
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        shared = archive.read("xl/sharedStrings.xml").decode("utf-8")
        workbook = archive.read("xl/workbook.xml").decode("utf-8")
    rows = len(re.findall(r"<row r=\"(\d+)\"", sheet)) - 3  # title, range, table header
    series = chart.count("<c:ser>")
    spans = [int(n) for n in re.findall(r"<c:val>.*?<c:ptCount val=\"(\d+)\"", chart, re.S)]
    kind = "<c:lineChart>" in chart or "<c:barChart>" in chart
    title = re.search(r"<c:title>.*?<a:t>(.*?)</a:t>", chart, re.S)
    ok = (series >= 1 and spans == [rows] * series and kind and title is not None
          and title.group(1) in shared and 'name="数据"' in workbook and 'name="来源"' in workbook)
    if not ok:
        check(False, f"{path.name}: {series} series over {spans} of {rows} rows, title {title and title.group(1)}")
check(not failures, "every workbook: a data sheet, a sources sheet and a native chart over the table")

csvs = sorted((out / "csv").glob("*.csv"))
bom = [path.name for path in csvs if not path.read_bytes().startswith(b"\xef\xbb\xbf")]
check(csvs and not bom, f"{len(csvs)} CSVs start with a UTF-8 byte-order mark {bom[:3]}")
first = (out / "csv" / "gdp-shizhong-history_2015-2025.csv")
if first.exists():
    text = first.read_text(encoding="utf-8-sig")
    check(text.startswith("chart,series,") and "市中区" in text, "the CSV reads back in Chinese")

# LibreOffice, headless, opens a workbook and renders it: the PDF's text holds
# the chart's title, a value from its table and the sources sheet.
workbook = out / "xlsx" / "gdp-shizhong-history_2015-2025.xlsx"
if workbook.exists():
    rendered = out / "libreoffice"
    rendered.mkdir(exist_ok=True)
    done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(rendered), str(workbook)],
                          capture_output=True, text=True, timeout=300)
    pdf = rendered / (workbook.stem + ".pdf")
    check(done.returncode == 0 and pdf.exists(), f"LibreOffice opens and renders {workbook.name}")
    if pdf.exists():
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        for wanted in ["市中区 地区生产总值", "1350.4", "来源预计", "图中画出"]:
            check(wanted in text, f"the rendered workbook shows {wanted}")
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "4", str(pdf), str(rendered / "page")])


# Reports: Word (rendered by LibreOffice), PDF (ours) and HTML (rendered by
# Chromium), in Chinese and English; the rendered text holds every chart title.
def squeeze(text):
    return re.sub(r"\s+", "", text)


def chart_titles(lang, tab=None):
    listed = subprocess.run([binary, "export", "--list", "--lang", lang], capture_output=True, text=True).stdout
    titles = [line.split("\t", 1)[1] for line in listed.splitlines() if "\t" in line]
    return titles


def not_blank(png):
    spread = subprocess.run(["convert", str(png), "-format", "%[fx:standard_deviation]", "info:"],
                            capture_output=True, text=True).stdout.strip()
    return bool(spread) and float(spread) > 0.02


def pdf_pages(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    found = re.search(r"Pages:\s+(\d+)", info)
    return int(found.group(1)) if found else 0


reports = out / "reports"
reports.mkdir(exist_ok=True)
for lang in ["zh", "en"]:
    titles = chart_titles(lang)
    check(len(titles) > 10, f"{len(titles)} charts listed in {lang}")
    for fmt in ["docx", "pdf", "html"]:
        path = reports / f"report-{lang}.{fmt}"
        done = subprocess.run([binary, "report", "--all", "--lang", lang, "--out", str(path)],
                              capture_output=True, text=True, timeout=600)
        check(done.returncode == 0 and path.exists(), f"report --lang {lang} --out {path.name}: {done.stderr.strip()[:200]}")
    # Word: LibreOffice opens it without a repair and renders every chart's caption.
    docx = reports / f"report-{lang}.docx"
    rendered = reports / f"word-{lang}"
    rendered.mkdir(exist_ok=True)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(rendered), str(docx)],
                   capture_output=True, text=True, timeout=600)
    pdf = rendered / f"report-{lang}.pdf"
    check(pdf.exists() and pdf_pages(pdf) > 10, f"LibreOffice renders {docx.name} ({pdf_pages(pdf) if pdf.exists() else 0} pages)")
    if pdf.exists():
        text = squeeze(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
        missing = [title for title in titles if squeeze(title) not in text]
        check(not missing, f"the rendered Word report ({lang}) holds every chart title {missing[:3]}")
        for wanted in ["1350.4", "1161.73", "数据来源" if lang == "zh" else "Sources"]:
            check(wanted in text, f"the rendered Word report ({lang}) shows {wanted}")
        subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "3", str(pdf), str(rendered / "page")])
        check(not_blank(rendered / "page-02.png"), f"its second page ({lang}) is not blank")
    # PDF: A4 pages drawn by EconLens; a chart's page is not blank.
    pdf = reports / f"report-{lang}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    check("595.28 x 841.89" in info and pdf_pages(pdf) > 10, f"{pdf.name}: A4, {pdf_pages(pdf)} pages")
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "3", str(pdf), str(reports / f"pdf-{lang}")])
    check(not_blank(reports / f"pdf-{lang}-02.png"), f"{pdf.name}: its second page is not blank")
    # HTML: Chromium shows the charts and prints the page; the printed text holds every title.
    html = reports / f"report-{lang}.html"
    chromium = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    shot = reports / f"html-{lang}.png"
    subprocess.run(chromium + ["--window-size=1000,1600", f"--screenshot={shot}", html.resolve().as_uri()],
                   capture_output=True, text=True, timeout=300)
    check(shot.exists() and not_blank(shot), f"Chromium shows {html.name}")
    printed = reports / f"html-{lang}.pdf"
    subprocess.run(chromium + ["--no-pdf-header-footer", f"--print-to-pdf={printed}", html.resolve().as_uri()],
                   capture_output=True, text=True, timeout=300)
    if printed.exists():
        text = squeeze(subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True).stdout)
        missing = [title for title in titles if squeeze(title) not in text]
        check(not missing, f"{html.name} printed by Chromium holds every chart title {missing[:3]}")
    else:
        check(False, f"Chromium prints {html.name}")

if failures:
    print(f"office output: {len(failures)} checks failed")
    sys.exit(1)
print("office output: every check passed")

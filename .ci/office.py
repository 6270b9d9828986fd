#!/usr/bin/env python3
"""Office output as the programs people open it in read it, with the
standard library only: every chart of the default data exported as an Excel
workbook and as CSV by the release binary.

- The workbook is a zip with a data sheet, a sources sheet and one native
  chart (xl/charts/chart1.xml) whose series each span every row of the data
  sheet's table, of the chart's kind, titled as the data sheet's title.
- The CSV starts with a UTF-8 byte-order mark (Excel and WPS then read its
  Chinese) and reads back in Chinese.
- LibreOffice (headless) opens a workbook and renders it; its text holds the
  chart's title, a value and the sources sheet (pages in OUT_DIR/libreoffice).

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

if failures:
    print(f"office output: {len(failures)} checks failed")
    sys.exit(1)
print("office output: every check passed")

#!/usr/bin/env python3
"""Acceptance on real downloads: imports every table of ../shared/real-tables
with the release binary (no flag but the FRED unit) and checks values read
from the original files here, independently of the importer, against the data
file it wrote. Skips cleanly, with a line saying so, where the folder is absent.

Usage: real_tables.py BINARY TABLES_DIR OUT_DIR
"""

import csv
import io
import math
import os
import re
import subprocess
import sys
import time

binary, tables, out = sys.argv[1:4]
if not os.path.isdir(tables):
    print(f"real tables: {tables} is absent, skipped")
    sys.exit(0)
os.makedirs(out, exist_ok=True)
failures = []


def check(condition, what):
    print(("   ok   " if condition else "   FAIL ") + what)
    if not condition:
        failures.append(what)


def run_import(name, *flags):
    target = os.path.join(out, name + ".ron")
    started = time.monotonic()
    result = subprocess.run(
        [binary, "--lang", "en", "import", os.path.join(tables, name), "--out", target, *flags],
        capture_output=True, text=True)
    imported = time.monotonic() - started
    started = time.monotonic()
    opened = subprocess.run([binary, "--lang", "en", "export", "--list", "--data", target],
                            capture_output=True, text=True)
    listed = time.monotonic() - started
    print(f"== {name}: import {imported:.2f} s, load and build every chart {listed:.2f} s")
    check(result.returncode == 0, f"{name} imports with {list(flags) or 'no flags'}: {result.stderr.strip()[:300]}")
    check(opened.returncode == 0 and opened.stdout.strip() != "", f"{name}: the written file opens with charts")
    if result.returncode != 0:
        return None
    return Ron(open(target, encoding="utf-8").read(), result.stdout)


class Ron:
    """What an imported data file says, read from its lines (the importer writes one record a line)."""

    def __init__(self, text, report):
        self.report = report
        self.regions = {}
        for match in re.finditer(r'\(id: "([^"]*)", name: \(zh: "((?:[^"\\]|\\.)*)"(.*)\)', text):
            self.regions[match.group(1)] = (match.group(2), "aggregate: true" in match.group(3))
        self.sources = re.findall(r'\(id: "[^"]*", title: "((?:[^"\\]|\\.)*)", publisher: "([^"]*)"(?:, date: "([^"]*)")?', text)
        self.values = {}  # (indicator name, region name, period) -> (value, rest of the line)
        self.units = {}
        indicator = None
        for line in text.splitlines():
            line = line.strip()
            if m := re.match(r'name: \(zh: "((?:[^"\\]|\\.)*)"', line):
                indicator = m.group(1)
            elif m := re.match(r'unit: "([^"]*)"', line):
                self.units[indicator] = m.group(1)
            elif m := re.match(r'\(region: "([^"]*)", period: "([^"]*)", value: ([^,]+), (.*)', line):
                region = self.regions[m.group(1)][0]
                self.values[(indicator, region, m.group(2))] = (float(m.group(3)), m.group(4))

    def value(self, indicator, region, period):
        return self.values.get((indicator, region, period), (None, ""))


def close(a, b):
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def read_text(name, encoding):
    return open(os.path.join(tables, name), encoding=encoding, newline="").read()


# NBS provincial annual CSV (GBK): 北京市 2024 = 49670.2 亿元; every filled cell imported.
name = "nbs_province_gdp_annual.csv"
if os.path.exists(os.path.join(tables, name)):
    rows = list(csv.reader(io.StringIO(read_text(name, "gbk"))))
    header = next(row for row in rows if row and row[0] == "地区")
    body = [row for row in rows[rows.index(header) + 1:] if len(row) == len(header) and row[0] and not row[0].startswith(("注", "数据来源"))]
    beijing = next(row for row in body if row[0] == "北京市")
    ron = run_import(name)
    if ron:
        check(close(ron.value("地区生产总值", "北京市", "2024")[0], float(beijing[header.index("2024年")])), "北京市 2024 = 49670.2 亿元")
        check(ron.units.get("地区生产总值") == "亿元", "unit 亿元 from the 指标 line")
        filled = sum(1 for row in body for cell in row[1:] if cell.strip())
        check(len(ron.values) == filled, f"{filled} filled cells, {len(ron.values)} values")
        check(("分省年度数据", "国家统计局", "") in ron.sources, f"source 国家统计局 · 分省年度数据: {ron.sources}")

# NBS XLS (BIFF8): the 2019 column of empty text stays missing.
name = "nbs_province_gdp_5y.xls"
if os.path.exists(os.path.join(tables, name)):
    ron = run_import(name)
    if ron:
        check(not any(period == "2019" for (_, _, period) in ron.values), "the empty 2019 column is not zeros")
        check(len(ron.values) == 31 * 4, f"31 provinces × 2015–2018: {len(ron.values)}")

# NBS national monthly (indicators across, quoted multi-line note).
name = "nbs_national_cpi_trade_monthly.csv"
if os.path.exists(os.path.join(tables, name)):
    rows = list(csv.reader(io.StringIO(read_text(name, "gbk"))))
    header = next(row for row in rows if row and row[0] == "时间")
    dec = next(row for row in rows if row and row[0] == "2019年12月")
    ron = run_import(name)
    if ron:
        column = next(i for i, h in enumerate(header) if h.startswith("居民消费价格指数("))
        check(close(ron.value("居民消费价格指数", "全国", "2019M12")[0], float(dec[column])), "CPI 2019年12月, region 全国")
        column = next(i for i, h in enumerate(header) if h.startswith("出口总值当期值"))
        check(close(ron.value("出口总值", "全国", "2019M12")[0], float(dec[column])), "出口总值当期值 2019年12月 (千美元)")
        check(ron.value("出口总值", "全国", "2020M02")[0] is None, "an empty export cell is missing")

# NBS national quarterly: 当季值 and 累计值.
name = "nbs_national_gdp_quarterly.csv"
if os.path.exists(os.path.join(tables, name)):
    rows = list(csv.reader(io.StringIO(read_text(name, "gbk"))))
    header = next(row for row in rows if row and row[0] == "指标")
    quarter = next(row for row in rows if row and row[0].startswith("国内生产总值当季值"))
    so_far = next(row for row in rows if row and row[0].startswith("国内生产总值累计值"))
    ron = run_import(name)
    if ron:
        q4 = header.index("2021年第四季度")
        check(close(ron.value("国内生产总值", "全国", "2021Q4")[0], float(quarter[q4])), "GDP 2021 Q4 (当季值)")
        check(close(ron.value("国内生产总值", "全国", "2021M01-M12")[0], float(so_far[q4])), "GDP 2021 1–12月 (累计值)")

# World Bank: China 2018 in current US$; aggregates marked; Last Updated Date.
name = "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_713242.csv"
if os.path.exists(os.path.join(tables, name)):
    rows = list(csv.reader(io.StringIO(read_text(name, "utf-8-sig"))))
    header = next(row for row in rows if row[:2] == ["Country Name", "Country Code"])
    china = next(row for row in rows if row[1:2] == ["CHN"])
    ron = run_import(name)
    if ron:
        check(close(ron.value("GDP", "China", "2018")[0], float(china[header.index("2018")])), "China 2018 GDP, current US$")
        check(ron.units.get("GDP") == "current US$", f"unit current US$: {ron.units.get('GDP')}")
        check(ron.regions.get("WLD", ("", False))[1] and ron.regions.get("EMU", ("", False))[1], "World and Euro area are aggregates")
        check(not ron.regions.get("CHN", ("", True))[1], "China is not an aggregate")
        last_updated = next(row[1] for row in rows if row[:1] == ["Last Updated Date"])
        check(any(date == last_updated for (_, _, date) in ron.sources), f"source dated {last_updated}")
        check(not any(period == "2019" for (_, _, period) in ron.values), "the empty 2019 column is missing")

# Eurostat TSV: a p-flagged value is an estimate, b breaks the series.
name = "eurostat_nama_10r_3gdp.tsv"
if os.path.exists(os.path.join(tables, name)):
    lines = read_text(name, "utf-8").splitlines()
    years = [cell.strip() for cell in lines[0].split("\t")[1:]]
    flagged = {}
    for line in lines[1:]:
        cells = line.split("\t")
        key = cells[0].split(",")
        for year, cell in zip(years, cells[1:]):
            parts = cell.strip().split(" ")
            if len(parts) == 2 and parts[0] != ":":
                flagged.setdefault(parts[1], (key, year, float(parts[0])))
    ron = run_import(name)
    if ron:
        for flag, word in (("p", "Estimate"), ("e", "Estimate")):
            (freq, unit, geo), year, number = flagged[flag]
            indicator = next(name for (name, region, period) in ron.values if name.endswith(" " + unit) and region == geo and period == year)
            got, rest = ron.value(indicator, geo, year)
            check(close(got, number) and f"status: {word}" in rest, f"{geo} {unit} {year} flagged {flag}: {number} is an estimate")
        (freq, unit, geo), year, number = flagged["b"]
        indicator = next(name for (name, region, period) in ron.values if name.endswith(" " + unit) and region == geo and period == year)
        check("series_break: true" in ron.value(indicator, geo, year)[1], f"{geo} {unit} {year} flagged b breaks the series")
        check(ron.regions.get("EU27_2020", ("", False))[1], "EU27_2020 is an aggregate")

# OECD SDMX-CSV: UNIT_MULT applied (a row at 9, in an indicator whose rows also use smaller powers).
name = "oecd_gdp_sdmx.csv"
if os.path.exists(os.path.join(tables, name)):
    rows = list(csv.DictReader(io.StringIO(read_text(name, "utf-8"))))
    at_nine = next(row for row in rows if row["UNIT_MULT"] == "9")
    unit = at_nine["UNIT_MEASURE"]
    smallest = min(int(row["UNIT_MULT"]) for row in rows if row["UNIT_MEASURE"] == unit)
    indicator = f"{at_nine['MEASURE']} {unit}"
    ron = run_import(name)
    if ron:
        word = {3: "thousand", 6: "million", 9: "billion"}[smallest]
        label = "national currency" if unit == "XDC" else unit
        check(ron.units.get(indicator) == f"{word} {label}", f"unit {word} {label}: {ron.units.get(indicator)}")
        expected = float(at_nine["OBS_VALUE"]) * 10 ** (9 - smallest)
        got, rest = ron.value(indicator, at_nine["REF_AREA"], at_nine["TIME_PERIOD"])
        check(close(got, expected) and "UNIT_MULT 9" in rest,
              f"{at_nine['REF_AREA']} {at_nine['TIME_PERIOD']}: {at_nine['OBS_VALUE']} at UNIT_MULT 9 = {got} {word} {label}")

# FRED: quarters from first-of-quarter dates, the unit given.
name = "fred_GDPC1_quarterly.csv"
if os.path.exists(os.path.join(tables, name)):
    rows = list(csv.reader(io.StringIO(read_text(name, "utf-8"))))
    q1 = next(row for row in rows if row[0] == "2025-01-01")
    refused = subprocess.run([binary, "--lang", "en", "import", os.path.join(tables, name), "--out", os.path.join(out, "x.ron")],
                             capture_output=True, text=True)
    check(refused.returncode == 1 and "--unit" in refused.stderr, "without --unit, the unit is asked for")
    ron = run_import(name, "--unit", "billions of chained 2017 USD")
    if ron:
        check(close(ron.value("GDPC1", "（未注明地区）", "2025Q1")[0], float(q1[1])), "GDPC1 2025 Q1")
name = "fred_UNRATE_monthly.csv"
if os.path.exists(os.path.join(tables, name)):
    rows = list(csv.reader(io.StringIO(read_text(name, "utf-8"))))
    ron = run_import(name, "--unit", "%", "--region", "United States")
    if ron:
        check(close(ron.value("UNRATE", "United States", "1948M01")[0], float(rows[1][1])), "UNRATE January 1948")

# Any other table in the folder: it must import (FRED files with a unit).
known = {"nbs_province_gdp_annual.csv", "nbs_province_gdp_5y.xls", "nbs_national_cpi_trade_monthly.csv",
         "nbs_national_gdp_quarterly.csv", "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_713242.csv",
         "eurostat_nama_10r_3gdp.tsv", "oecd_gdp_sdmx.csv", "fred_GDPC1_quarterly.csv", "fred_UNRATE_monthly.csv"}
for name in sorted(os.listdir(tables)):
    if name in known or not name.lower().endswith((".csv", ".tsv", ".xls", ".xlsx")):
        continue
    first = open(os.path.join(tables, name), "rb").readline().lower()
    run_import(name, *(["--unit", "(unit not stated)"] if first.startswith((b"date,", b"observation_date,")) else []))

if failures:
    print(f"real tables: {len(failures)} checks failed")
    sys.exit(1)
print("real tables: every check passed")

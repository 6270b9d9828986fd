#!/usr/bin/env python3
"""Rebuilds NotoSansSC-EconLens.otf: Noto Sans CJK SC cut down to the characters
EconLens needs, so the binary carries ~1 MB instead of 20 MB.

Kept: all of GB2312 (the 6,763 Hanzi of levels 1 and 2, which hold the
characters of most place names), every character in the UI source (src/) and
the default dataset (assets/data/), ASCII, CJK and full-width punctuation.
Other characters in a user's file fall back to the system's fonts at run time.

Needs Debian's fonts-noto-cjk and `pip install fonttools`. Run from the repo root:
    python3 assets/fonts/make-subset.py
"""
import pathlib
import subprocess

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FACE_SIMPLIFIED_CHINESE = "2"
OUT = pathlib.Path("assets/fonts/NotoSansSC-EconLens.otf")

chars = set()
for high in range(0xB0, 0xF8):  # GB2312 rows 16-87: level 1 (16-55) and level 2 (56-87)
    for low in range(0xA1, 0xFF):
        try:
            chars.add(bytes([high, low]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
for path in list(pathlib.Path("src").rglob("*.rs")) + list(pathlib.Path("assets/data").glob("*")):
    chars.update(path.read_text(encoding="utf-8"))
chars.update(chr(c) for c in range(0x20, 0x7F))
chars.update(chr(c) for c in range(0x3000, 0x3040))  # CJK symbols and punctuation
chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
chars.update("‘’“”…—–·•×÷≈≥≤→←↑↓％")
# Footnote marks statistical tables put after numbers, shown in the import preview.
chars.update(chr(c) for c in range(0x2460, 0x2474))  # ① … ⑳
chars.update("†‡§△▲¹²³⁰⁴⁵⁶⁷⁸⁹⁽⁾")
text = "".join(sorted(c for c in chars if ord(c) >= 0x20))
subprocess.run(
    [
        "pyftsubset", SOURCE, f"--font-number={FACE_SIMPLIFIED_CHINESE}",
        f"--text={text}", "--no-hinting",
        "--layout-features=*", f"--output-file={OUT}",
    ],
    check=True,
)
print(f"{OUT}: {OUT.stat().st_size / 1e6:.2f} MB, {len(text)} characters requested")

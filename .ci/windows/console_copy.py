#!/usr/bin/env python3
"""Writes the console copy of econlens.exe: the same program, marked in its PE
header as a console program (subsystem 3, Windows CUI) instead of a GUI one
(2), as Microsoft's `editbin /SUBSYSTEM:CONSOLE` does. A terminal waits for a
console program and gets its output and exit code; Explorer starts the GUI
exe without opening a console. Saved as econlens.com beside econlens.exe,
`econlens check …` in cmd.exe or PowerShell runs it (.COM comes before .EXE
in PATHEXT). Both start at the C runtime's main (Rust's windows_subsystem
attribute sets the entry point so), so the flag is all that differs.

usage: console_copy.py econlens.exe econlens.com
"""
import struct
import sys

GUI, CONSOLE = 2, 3


def main(source, target):
    image = bytearray(open(source, "rb").read())
    if image[:2] != b"MZ":
        sys.exit(f"{source}: not a Windows executable (no MZ header)")
    pe = struct.unpack_from("<I", image, 0x3C)[0]
    if image[pe:pe + 4] != b"PE\0\0":
        sys.exit(f"{source}: not a PE executable")
    optional = pe + 24
    magic = struct.unpack_from("<H", image, optional)[0]
    if magic not in (0x10B, 0x20B):
        sys.exit(f"{source}: unknown optional header {magic:#x}")
    subsystem_at = optional + 68  # the same offset in PE32 and PE32+
    subsystem = struct.unpack_from("<H", image, subsystem_at)[0]
    if subsystem != GUI:
        sys.exit(f"{source}: subsystem {subsystem}, expected {GUI} (Windows GUI)")
    struct.pack_into("<H", image, subsystem_at, CONSOLE)
    struct.pack_into("<I", image, optional + 64, 0)  # checksum: unused for programs, and now stale
    with open(target, "wb") as out:
        out.write(image)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])

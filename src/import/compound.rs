//! A compound file (an Excel 97–2003 .xls) checked before calamine reads
//! it. calamine 0.31 sizes its buffers from the file's own counts and
//! follows its sector ids without bounds (calamine#550, #714): a damaged or
//! hostile .xls could make it ask for gigabytes, and the allocator aborts the
//! whole program. So the structure is walked here first exactly as calamine
//! walks it — the header's counts, the DIFAT and its chain, the FAT, the
//! directory chain, the mini stream and mini FAT, and every directory
//! entry's chain of sectors — with every sector id held to the file and every
//! chain to its length (a cycle never ends). A file that passes is handed to
//! calamine; one that does not is refused with the reason.

/// The first bytes of every compound file.
pub const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Sector ids at or above this are markers, not sectors (as calamine reads them).
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// The most calamine may reserve for the DIFAT count it misreads (64 MiB).
const MAX_MISREAD_BYTES: u64 = 64 * 1024 * 1024;

/// A little-endian u32 at `at`, 0 past the end.
fn u32_at(bytes: &[u8], at: usize) -> u32 {
    bytes.get(at..at + 4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn u32s(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The sectors after the header, numbered from 0 as calamine numbers them.
struct Sectors<'a> {
    data: &'a [u8],
    size: usize,
}

impl<'a> Sectors<'a> {
    fn count(&self) -> usize {
        self.data.len().div_ceil(self.size)
    }

    /// Sector `id`, or why calamine must not be asked for it.
    fn get(&self, id: u32) -> Result<&'a [u8], String> {
        let start = id as usize * self.size;
        if id as usize >= self.count() {
            return Err(format!("sector {id} is beyond the {} sectors of the file", self.count()));
        }
        Ok(&self.data[start..(start + self.size).min(self.data.len())])
    }

    /// The bytes of the chain from `start` through `fats`, checked: every id
    /// in the file and in the FAT, no sector twice.
    fn chain(&self, start: u32, fats: &[u32]) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0;
        while id != END_OF_CHAIN {
            out.extend_from_slice(self.get(id)?);
            id = *fats.get(id as usize).ok_or_else(|| format!("sector {id} has no FAT entry"))?;
            steps += 1;
            if steps > self.count() {
                return Err("a chain of sectors runs in a circle".to_owned());
            }
        }
        Ok(out)
    }
}

/// Whether calamine may follow a directory entry's chain: a stream, or any
/// entry with a name it reads (`Workbook`, `Book`, the VBA `dir`), whatever
/// its type says. Storages and unused entries are never read.
fn is_read(entry: &[u8]) -> bool {
    const STREAM: u8 = 2;
    let name = name_of(entry);
    entry.get(66) == Some(&STREAM) || ["Workbook", "Book", "dir"].contains(&name.as_str())
}

/// A directory entry's name (UTF-16, up to its first NUL).
fn name_of(entry: &[u8]) -> String {
    char::decode_utf16(u16s(entry.get(..64).unwrap_or_default()))
        .map_while(|c| c.ok().filter(|c| *c != '\0'))
        .collect()
}

/// The most cells calamine may lay out for one sheet: it makes a grid
/// from the first to the last row and column any cell (or the DIMENSIONS
/// record) names, so two cells far apart in a damaged sheet would ask for
/// hundreds of gigabytes. 16.7 million is a whole Excel 97–2003 sheet.
const MAX_GRID_CELLS: u64 = 65_536 * 256;

/// Each sheet's grid, as calamine will size it from the Workbook stream's
/// BIFF records, held to [`MAX_GRID_CELLS`].
fn sheet_grids(stream: &[u8]) -> Result<(), String> {
    let u16_at = |data: &[u8], at: usize| {
        data.get(at..at + 2).map_or(0, |b| u32::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let mut bounds: Option<(u32, u32, u32, u32)> = None;
    let check = |bounds: &mut Option<(u32, u32, u32, u32)>| -> Result<(), String> {
        if let Some((row_min, row_max, col_min, col_max)) = bounds.take() {
            let cells = u64::from(row_max - row_min + 1) * u64::from(col_max - col_min + 1);
            if cells > MAX_GRID_CELLS {
                return Err(format!("a sheet's cells span {cells} cells, more than a whole sheet"));
            }
        }
        Ok(())
    };
    let widen = |bounds: &mut Option<(u32, u32, u32, u32)>, row: u32, col: u32| {
        let (row_min, row_max, col_min, col_max) = bounds.get_or_insert((row, row, col, col));
        *row_min = (*row_min).min(row);
        *row_max = (*row_max).max(row);
        *col_min = (*col_min).min(col);
        *col_max = (*col_max).max(col);
    };
    let mut at = 0;
    while at + 4 <= stream.len() {
        let kind = u16_at(stream, at);
        let len = u16_at(stream, at + 2) as usize;
        let data = stream.get(at + 4..(at + 4 + len).min(stream.len())).unwrap_or_default();
        at += 4 + len;
        match kind {
            // BOF: a new substream (a sheet) begins.
            0x0809 => check(&mut bounds)?,
            // DIMENSIONS: calamine reserves rows × columns as it computes them
            // (with u32 arithmetic that wraps when the last row is before the first).
            0x0200 if data.len() == 10 || data.len() == 14 => {
                let (first_row, last_row, first_col, last_col) = if data.len() == 10 {
                    (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4), u16_at(data, 6))
                } else {
                    (u32_at(data, 0), u32_at(data, 4), u16_at(data, 8), u16_at(data, 10))
                };
                let first_col = if first_col > 0xFF || last_col < first_col { 0 } else { first_col };
                let (rows, cols) = if last_row >= 1 && last_col >= 1 {
                    ((last_row - 1).wrapping_sub(first_row).wrapping_add(1), last_col - first_col)
                } else {
                    (1, 1)
                };
                let cells = u64::from(rows) * u64::from(cols);
                if cells > MAX_GRID_CELLS {
                    return Err(format!("a sheet's DIMENSIONS record spans {cells} cells"));
                }
            }
            // Cells: row and column first.
            0x0006 | 0x0201 | 0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x00D6 if data.len() >= 4 => {
                widen(&mut bounds, u16_at(data, 0), u16_at(data, 2));
            }
            // MULRK and MULBLANK: a row, its first column, …, its last column.
            0x00BD | 0x00BE if data.len() >= 6 => {
                let row = u16_at(data, 0);
                widen(&mut bounds, row, u16_at(data, 2));
                widen(&mut bounds, row, u16_at(data, data.len() - 2));
            }
            _ => {}
        }
    }
    check(&mut bounds)
}

fn u16s(bytes: &[u8]) -> impl Iterator<Item = u16> + '_ {
    bytes.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

/// Why the compound file in `bytes` cannot be read safely, if it cannot.
pub fn problem(bytes: &[u8]) -> Option<String> {
    check(bytes).err()
}

fn check(bytes: &[u8]) -> Result<(), String> {
    let size = check_header(bytes)?;
    let sectors = Sectors { data: bytes.get(size..).unwrap_or_default(), size };
    let fats = fats(bytes, &sectors)?;
    let entries = directory(bytes, &sectors, &fats)?;
    let Some(&(root_start, root_len, _, _)) = entries.first() else {
        return Err("it has no directory".to_owned());
    };
    let len = bytes.len() as u64;
    if let Some((_, too_long, _, _)) = entries.iter().find(|(_, entry_len, _, _)| *entry_len > len) {
        return Err(format!("a directory entry claims {too_long} bytes in a file of {len}"));
    }
    let (ministream, minifats) = if u32_at(bytes, 64) > 0 {
        let mut ministream = sectors.chain(root_start, &fats)?;
        if root_len > 0 {
            ministream.truncate(usize::try_from(root_len).unwrap_or(usize::MAX));
        }
        let minifat: Vec<u32> = u32s(&sectors.chain(u32_at(bytes, 60), &fats)?).collect();
        (ministream, minifat)
    } else {
        (Vec::new(), Vec::new())
    };
    let minis = Sectors { data: &ministream, size: 64 };
    // Every stream, as calamine would read it by name.
    let mut workbook = None;
    for (start, entry_len, read, name) in &entries {
        if !read || *start >= RESERVED {
            continue;
        }
        let mut stream =
            if *entry_len < 4096 { minis.chain(*start, &minifats)? } else { sectors.chain(*start, &fats)? };
        stream.truncate(usize::try_from(*entry_len).unwrap_or(usize::MAX));
        if workbook.is_none() && (name == "Workbook" || name == "Book") {
            workbook = Some(stream);
        }
    }
    workbook.map_or(Ok(()), |stream| sheet_grids(&stream))
}

/// The header's sector size, once its counts are held to what the file can hold.
fn check_header(bytes: &[u8]) -> Result<usize, String> {
    let len = bytes.len() as u64;
    if len < 512 {
        return Err(format!("{len} bytes is too small for a compound file"));
    }
    let size: usize = match bytes.get(30..32) {
        Some([0x09, 0x00]) => 512,
        Some([0x0C, 0x00]) => 4096,
        _ => return Err("the sector size is neither 512 nor 4096 bytes".to_owned()),
    };
    // The counts calamine reserves by, each held to what the file can hold.
    let sector = size as u64;
    let counts = [
        ("directory sectors", u64::from(u32_at(bytes, 40)) * sector),
        ("FAT sectors", u64::from(u32_at(bytes, 44)) * sector),
        ("mini FAT sectors", u64::from(u32_at(bytes, 64)) * sector),
    ];
    if let Some((what, bytes_counted)) = counts.iter().find(|(_, counted)| *counted > len) {
        return Err(format!("its header counts {what} of {bytes_counted} bytes in a file of {len}"));
    }
    // calamine 0.31 reads its DIFAT count from bytes 62..66 (half of the mini
    // FAT's start, half of its count): 65,535 in a valid file without a mini
    // FAT, so it is held to a bound, not to the file's size.
    let misread = u64::from(u32_at(bytes, 62)) * 4;
    if misread > MAX_MISREAD_BYTES {
        return Err(format!("its header's mini FAT fields would make the reader reserve {misread} bytes"));
    }
    Ok(size)
}

/// The file allocation table: the DIFAT (109 ids in the header, then its
/// own chain, which must not run in a circle) and the sectors it names.
fn fats(bytes: &[u8], sectors: &Sectors<'_>) -> Result<Vec<u32>, String> {
    let mut difat: Vec<u32> = u32s(bytes.get(76..512).unwrap_or_default()).collect();
    let mut next = u32_at(bytes, 68);
    let mut steps = 0;
    while next < RESERVED {
        difat.extend(u32s(sectors.get(next)?));
        next = difat.pop().unwrap_or(END_OF_CHAIN);
        steps += 1;
        if steps > sectors.count() {
            return Err("the DIFAT's chain runs in a circle".to_owned());
        }
    }
    let mut fats: Vec<u32> = Vec::new();
    for &id in difat.iter().filter(|id| **id < DIFSECT) {
        fats.extend(u32s(sectors.get(id)?));
    }
    Ok(fats)
}

/// Each directory entry: its start, length, whether calamine may read it as a stream, and its name.
fn directory(
    bytes: &[u8],
    sectors: &Sectors<'_>,
    fats: &[u32],
) -> Result<Vec<(u32, u64, bool, String)>, String> {
    let directory = sectors.chain(u32_at(bytes, 48), fats)?;
    Ok(directory
        .chunks(128)
        .filter(|entry| entry.len() >= 124)
        .map(|entry| {
            let len = if sectors.size == 512 {
                u64::from(u32_at(entry, 120))
            } else {
                u64::from(u32_at(entry, 120)) | (u64::from(u32_at(entry, 124)) << 32)
            };
            (u32_at(entry, 116), len, is_read(entry), name_of(entry))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_counts_beyond_the_file_are_refused_before_calamine_sees_them() {
        let mut bytes = vec![0u8; 1536];
        bytes[..8].copy_from_slice(&MAGIC);
        bytes[30] = 0x09;
        bytes[44..48].copy_from_slice(&u32::MAX.to_le_bytes());
        let said = problem(&bytes).unwrap_or_default();
        assert!(said.contains("FAT sectors"), "{said}");
        assert!(problem(&bytes[..100]).is_some_and(|said| said.contains("too small")));
        // A valid workbook without a mini FAT: calamine's misread count is 65,535, not a problem.
        let workbook =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats/nbs_provinces.xls"));
        assert_eq!(workbook.ok().and_then(|bytes| problem(&bytes)), None);
    }
}

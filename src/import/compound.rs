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

/// Why the compound file in `bytes` cannot be read safely, if it cannot.
pub fn problem(bytes: &[u8]) -> Option<String> {
    check(bytes).err()
}

fn check(bytes: &[u8]) -> Result<(), String> {
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
    let sectors = Sectors { data: bytes.get(size..).unwrap_or_default(), size };
    // The DIFAT: 109 ids in the header, then its own chain.
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
    let directory = sectors.chain(u32_at(bytes, 48), &fats)?;
    let entries: Vec<(u32, u64)> = directory
        .chunks(128)
        .filter(|entry| entry.len() >= 124)
        .map(|entry| {
            let len = if size == 512 {
                u64::from(u32_at(entry, 120))
            } else {
                u64::from(u32_at(entry, 120)) | (u64::from(u32_at(entry, 124)) << 32)
            };
            (u32_at(entry, 116), len)
        })
        .collect();
    let Some(&(root_start, root_len)) = entries.first() else {
        return Err("it has no directory".to_owned());
    };
    if let Some((_, too_long)) = entries.iter().find(|(_, entry_len)| *entry_len > len) {
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
    // Every entry's stream, as calamine would read it by name.
    for &(start, entry_len) in &entries {
        if start >= RESERVED {
            continue;
        }
        if entry_len < 4096 {
            minis.chain(start, &minifats)?;
        } else {
            sectors.chain(start, &fats)?;
        }
    }
    Ok(())
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

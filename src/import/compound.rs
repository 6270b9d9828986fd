//! A compound file (an Excel 97–2003 .xls) checked before calamine reads
//! it. calamine 0.31 sizes its buffers from the file's own counts and
//! follows its sector ids without bounds (calamine#550, #714): a damaged or
//! hostile .xls could make it ask for gigabytes, and the allocator aborts the
//! whole program. rust-cfb reads the same structure with every id and chain
//! checked; here it reads every stream once, and the header counts calamine
//! trusts are held to the file's size. A file that passes is handed to
//! calamine; one that does not is refused with the reason.

use std::io::Read;

/// The first bytes of every compound file.
pub const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// A little-endian u32 of the header at `at`.
fn header_u32(bytes: &[u8], at: usize) -> u64 {
    bytes.get(at..at + 4).map_or(0, |b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
}

/// Why the compound file in `bytes` cannot be read safely, if it cannot.
pub fn problem(bytes: &[u8]) -> Option<String> {
    let len = bytes.len() as u64;
    if len < 512 {
        return Some(format!("{len} bytes is too small for a compound file"));
    }
    let sector = match bytes.get(30..32) {
        Some([0x09, 0x00]) => 512,
        Some([0x0C, 0x00]) => 4096,
        _ => return Some("the sector size is neither 512 nor 4096 bytes".to_owned()),
    };
    // The counts calamine allocates by, each held to what the file can hold
    // (its DIFAT count as calamine 0.31 reads it, from bytes 62..66).
    let counts = [
        ("directory sectors", header_u32(bytes, 40) * sector),
        ("FAT sectors", header_u32(bytes, 44) * sector),
        ("mini FAT sectors", header_u32(bytes, 64) * sector),
        ("DIFAT entries", header_u32(bytes, 62) * 4),
    ];
    if let Some((what, size)) = counts.iter().find(|(_, size)| *size > len) {
        return Some(format!("its header counts {what} of {size} bytes in a file of {len}"));
    }
    let mut file = match cfb::CompoundFile::open(std::io::Cursor::new(bytes)) {
        Ok(file) => file,
        Err(error) => return Some(error.to_string()),
    };
    let entries: Vec<(std::path::PathBuf, bool, u64)> =
        file.walk().map(|entry| (entry.path().to_owned(), entry.is_stream(), entry.len())).collect();
    for (path, is_stream, size) in entries {
        if size > len {
            return Some(format!("{} claims {size} bytes in a file of {len}", path.display()));
        }
        if !is_stream {
            continue;
        }
        // Reading a stream follows and checks its whole chain of sectors.
        let read = file.open_stream(&path).and_then(|stream| {
            let mut sink = Vec::new();
            stream.take(len).read_to_end(&mut sink)
        });
        if let Err(error) = read {
            return Some(format!("{}: {error}", path.display()));
        }
    }
    None
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
    }
}

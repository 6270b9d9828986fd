//! A small, fast hash for the import's own tables (names met in a table,
//! the values already read), which see a million lookups on a large table:
//! the multiply-and-rotate hash rustc uses (FxHash). It is not resistant to
//! chosen collisions, which only cost time here: a hostile table can slow
//! its own import, never change what is read.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u16(&mut self, value: u16) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    fn hash_of(key: &str) -> u64 {
        let mut hasher = FxHasher::default();
        std::hash::Hash::hash(key, &mut hasher);
        hasher.finish()
    }

    /// The hash itself: FxHash's known value, every byte counting, and no
    /// two of ten thousand region names alike (a constant hash fails all three).
    #[test]
    fn the_hash_is_fxhash_and_spreads_names() {
        let mut one = FxHasher::default();
        one.write_u64(1);
        assert_eq!(one.finish(), SEED, "(0 rotated ^ 1) × seed");
        assert_eq!(hash_of("市中区"), hash_of("市中区"), "the same key, the same hash");
        assert_ne!(
            hash_of("region 12345678"),
            hash_of("region 12345679"),
            "the last byte of a second word counts"
        );
        let distinct: std::collections::HashSet<u64> =
            (0..10_000).map(|at| hash_of(&format!("region {at}"))).collect();
        assert_eq!(distinct.len(), 10_000);
    }

    #[test]
    fn equal_keys_hash_alike_and_different_ones_are_kept_apart() {
        let mut map: FastMap<String, u32> = FastMap::default();
        for at in 0..10_000_u32 {
            map.insert(format!("region {at}"), at);
        }
        assert_eq!(map.len(), 10_000);
        assert_eq!(map.get("region 4711"), Some(&4711));
        assert_eq!(map.get("region 10000"), None);
    }
}

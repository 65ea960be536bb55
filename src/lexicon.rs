//! The embedded English unigram lexicon (word -> count), compiled by build.rs
//! into an fst so that loading it is free and lookups allocate nothing.

use std::sync::OnceLock;

static FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.fst"));

pub(crate) struct Lexicon {
    map: fst::Map<&'static [u8]>,
    total: f64,
}

/// Longest word the lexicon is asked about; longer tokens are never words.
pub(crate) const MAX_WORD: usize = 40;

impl Lexicon {
    pub(crate) fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            let map = fst::Map::new(FST).expect("build.rs writes a valid fst");
            // The count of "the" stands in for the corpus size: only ratios matter.
            let total = map.get("the").unwrap_or(1) as f64 * 20.0;
            Lexicon { map, total }
        })
    }

    /// The count of an ASCII word, case-folded.
    pub(crate) fn count(&self, word: &[u8]) -> u64 {
        if word.len() > MAX_WORD {
            return 0;
        }
        let mut buf = [0u8; MAX_WORD];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word);
        lower.make_ascii_lowercase();
        self.map.get(lower).unwrap_or(0)
    }

    /// Natural log-probability of a count.
    pub(crate) fn logp(&self, count: u64) -> f64 {
        (count.max(1) as f64 / self.total).ln()
    }
}

//! The embedded English unigram lexicon (word -> count). build.rs writes the
//! table; it is indexed into a hash map on first use (a few milliseconds,
//! only in runs that split glued words), after which a lookup is one hash.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

static TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon.tsv"));

pub(crate) struct Lexicon {
    map: FxHashMap<&'static [u8], u64>,
    total: f64,
}

/// Longest word the lexicon is asked about; longer tokens are never words.
pub(crate) const MAX_WORD: usize = 40;

impl Lexicon {
    pub(crate) fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            let mut map = FxHashMap::default();
            map.reserve(100_000);
            for line in TABLE.lines() {
                if let Some((w, c)) = line.split_once('\t') {
                    map.insert(w.as_bytes(), c.parse().unwrap_or(0));
                }
            }
            // The count of "the" stands in for the corpus size: only ratios matter.
            let total = map.get(&b"the"[..]).copied().unwrap_or(1) as f64 * 20.0;
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
        self.map.get(&*lower).copied().unwrap_or(0)
    }

    /// Natural log-probability of a count.
    pub(crate) fn logp(&self, count: u64) -> f64 {
        (count.max(1) as f64 / self.total).ln()
    }
}

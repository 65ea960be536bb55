//! The embedded word lists. The English unigram lexicon (word -> count):
//! build.rs writes the table; on first use it is indexed by a 64-bit
//! fingerprint of each word (a few milliseconds, only in runs that split
//! glued words). A lookup is then one hash and one probe, with no key string
//! to chase and compare. The Russian word forms: an FST build.rs expands from
//! the Hunspell dictionary, read in place (no start-up cost).

use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

static TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon.tsv"));
static RUSSIAN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ru-forms.fst"));
static NAMES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en-names.fst"));

/// Keys are fingerprints already: the map's hasher passes them through.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 fingerprints are hashed")
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type FingerprintMap = std::collections::HashMap<u64, u64, BuildHasherDefault<Identity>>;

/// A 64-bit fingerprint of an ASCII word, case-folded: eight bytes at a time
/// through a multiply-xorshift mixer. Collisions among the lexicon's 92,638
/// words are checked when the map is built.
fn fingerprint(word: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    const LOWER: u64 = 0x2020_2020_2020_2020; // ASCII lower case; pads the tail
    let mix = |h: u64, v: u64| {
        let h = (h ^ (v | LOWER)).wrapping_mul(K);
        h ^ (h >> 29)
    };
    let mut h = (word.len() as u64).wrapping_mul(K);
    let mut chunks = word.chunks_exact(8);
    for chunk in &mut chunks {
        h = mix(
            h,
            u64::from_le_bytes(chunk.try_into().expect("eight bytes")),
        );
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        let v = tail
            .iter()
            .rev()
            .fold(0u64, |v, &b| (v << 8) | u64::from(b));
        h = mix(h, v);
    }
    h = (h ^ (h >> 32)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    h ^ (h >> 32)
}

pub(crate) struct Lexicon {
    map: FingerprintMap,
    total: f64,
}

/// Longest word the lexicon is asked about; longer tokens are never words.
pub(crate) const MAX_WORD: usize = 40;

impl Lexicon {
    pub(crate) fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            let mut map = FingerprintMap::default();
            map.reserve(100_000);
            for line in TABLE.lines() {
                if let Some((w, c)) = line.split_once('\t') {
                    let old = map.insert(fingerprint(w.as_bytes()), c.parse().unwrap_or(0));
                    debug_assert!(old.is_none(), "fingerprint collision at {w}");
                }
            }
            // The count of "the" stands in for the corpus size: only ratios matter.
            let total = map.get(&fingerprint(b"the")).copied().unwrap_or(1) as f64 * 20.0;
            Lexicon { map, total }
        })
    }

    /// The count of an ASCII word, case-folded (letters only: the lexicon
    /// holds nothing else).
    pub(crate) fn count(&self, word: &[u8]) -> u64 {
        if word.len() > MAX_WORD || !word.iter().all(u8::is_ascii_alphabetic) {
            return 0;
        }
        self.map.get(&fingerprint(word)).copied().unwrap_or(0)
    }

    /// Natural log-probability of a count.
    pub(crate) fn logp(&self, count: u64) -> f64 {
        (count.max(1) as f64 / self.total).ln()
    }
}

/// Every form of the words of the Russian Hunspell dictionary (1.4 million:
/// nouns in each case, verbs in each person), without counts.
pub(crate) struct RussianForms(fst::Set<&'static [u8]>);

impl RussianForms {
    pub(crate) fn get() -> &'static RussianForms {
        static FORMS: OnceLock<RussianForms> = OnceLock::new();
        FORMS.get_or_init(|| {
            RussianForms(fst::Set::new(RUSSIAN).expect("build.rs writes a valid FST"))
        })
    }

    /// Whether a word is a form in the dictionary, in any case, `ё` or `е`.
    pub(crate) fn contains(&self, word: &str) -> bool {
        let mut folded = String::with_capacity(word.len());
        for c in word.chars().flat_map(char::to_lowercase) {
            folded.push(if c == 'ё' { 'е' } else { c });
        }
        self.0.contains(folded)
    }
}

/// English words only ever written capitalised (SCOWL's proper-name and
/// upper-case lists, less words it also lists in lower case): `Tuesday`,
/// `Pittsburgh`, `James`, not `North` or `Home`.
pub(crate) struct Names(fst::Set<&'static [u8]>);

impl Names {
    pub(crate) fn get() -> &'static Names {
        static SET: OnceLock<Names> = OnceLock::new();
        SET.get_or_init(|| Names(fst::Set::new(NAMES).expect("build.rs writes a valid FST")))
    }

    /// Whether a word, as written, is one of the names.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_fold_case_and_refuse_non_words() {
        let lex = Lexicon::get();
        assert!(lex.count(b"the") > 1_000_000_000);
        assert_eq!(lex.count(b"The"), lex.count(b"the"));
        assert_eq!(lex.count(b"fightingleading"), 0);
        assert_eq!(lex.count(b"th e"), 0);
    }

    #[test]
    fn russian_forms_are_inflected_and_folded() {
        let ru = RussianForms::get();
        // Stems and the forms their suffix rules make.
        for w in [
            "доступна",
            "перестану",
            "потребуется",
            "Ёлка",
            "елками",
            "ПОКАЗАНА",
        ] {
            assert!(ru.contains(w), "{w}");
        }
        for w in ["доступна-", "хватитна", "длявыпечки", "fighting", ""] {
            assert!(!ru.contains(w), "{w}");
        }
    }

    #[test]
    fn names_are_capitalised_only_words() {
        let names = Names::get();
        for w in ["Tuesday", "Pittsburgh", "James", "Seoul"] {
            assert!(names.contains(w), "{w}");
        }
        for w in ["North", "Home", "Good", "tuesday", "TUESDAY", "The"] {
            assert!(!names.contains(w), "{w}");
        }
    }

    #[test]
    fn no_two_lexicon_words_share_a_fingerprint() {
        let mut seen = std::collections::HashSet::new();
        for line in TABLE.lines() {
            let w = line.split_once('\t').unwrap().0;
            assert!(seen.insert(fingerprint(w.as_bytes())), "collision at {w}");
        }
    }
}

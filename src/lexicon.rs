//! The embedded word lists. The English unigram lexicon (word -> count) and
//! the word frequencies of other languages: build.rs lays each out as an
//! open-addressing table of 64-bit fingerprints with the value packed in
//! their low bits, which the binary probes in place: a lookup is one hash
//! and a probe or two, with no key string to chase and compare, and nothing
//! to load at start-up. The Russian word forms (walked for prefixes), the
//! English names and the English web words: FSTs build.rs writes, also read
//! in place.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::fingerprint::{COUNT_BITS, ZIPF_BITS, count_of, exact_fingerprint, fingerprint};

static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.bin"));
static RUSSIAN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ru-forms.fst"));
static NAMES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en-names.fst"));
static FOREIGN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/foreign.bin"));
static FOREIGN_TOP: &str = include_str!(concat!(env!("OUT_DIR"), "/foreign-top.txt"));
static WEB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en-web.fst"));

pub(crate) struct Lexicon {
    /// The count of "the" times twenty stands in for the corpus size: only
    /// ratios matter.
    total: f64,
}

/// Longest word the lexicon is asked about; longer tokens are never words.
pub(crate) const MAX_WORD: usize = 40;

impl Lexicon {
    pub(crate) fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon {
            total: count(b"the").max(1) as f64 * 20.0,
        })
    }

    /// The count of an ASCII word, case-folded (letters only: the lexicon
    /// holds nothing else).
    pub(crate) fn count(&self, word: &[u8]) -> u64 {
        if word.len() > MAX_WORD || !word.iter().all(u8::is_ascii_alphabetic) {
            return 0;
        }
        count(word)
    }

    /// `count` of a word known to be ASCII letters (a core the scan read).
    pub(crate) fn count_letters(&self, word: &[u8]) -> u64 {
        if word.len() > MAX_WORD {
            return 0;
        }
        count(word)
    }

    /// Natural log-probability of a count.
    pub(crate) fn logp(&self, count: u64) -> f64 {
        (count.max(1) as f64 / self.total).ln()
    }
}

/// The lexicon's count of an ASCII word, case-folded.
fn count(word: &[u8]) -> u64 {
    probe(TABLE, fingerprint(word), COUNT_BITS).map_or(0, count_of)
}

/// The value packed under a fingerprint in a table of `u64` slots (see
/// build.rs `packed_table`), if any: linear probing from its low bits until
/// the fingerprint or an empty slot.
fn probe(table: &[u8], fp: u64, bits: u32) -> Option<u64> {
    let slots = table.len() / 8;
    let value = (1 << bits) - 1;
    let read =
        |i: usize| u64::from_le_bytes(table[i * 8..i * 8 + 8].try_into().expect("eight bytes"));
    let mut i = (fp as usize) & (slots - 1);
    loop {
        match read(i) {
            0 => return None,
            slot if slot & !value == fp & !value => return Some(slot & value),
            _ => i = (i + 1) & (slots - 1),
        }
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

    /// The byte lengths of a lower-case word's prefixes that are forms
    /// (`ё` written `е`), found in one walk down the FST.
    pub(crate) fn prefixes(&self, word: &str) -> Vec<usize> {
        let fst = self.0.as_fst();
        let mut node = fst.root();
        let mut found = Vec::new();
        for (i, &b) in word.as_bytes().iter().enumerate() {
            let Some(t) = node.find_input(b) else {
                break;
            };
            node = fst.node(node.transition(t).addr);
            // A prefix ends between characters: the next byte starts one.
            if node.is_final() && word.is_char_boundary(i + 1) {
                found.push(i + 1);
            }
        }
        found
    }

    /// Whether a word is a form in the dictionary, in any case, `ё` or `е`.
    pub(crate) fn contains(&self, word: &str) -> bool {
        // Most words asked are lower case without `ё`: no folding to do.
        if word
            .chars()
            .all(|c| matches!(c, 'а'..='я') || c.is_ascii_lowercase())
        {
            return self.0.contains(word);
        }
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

/// English words of the web with their frequencies (wordfreq's list, Zipf
/// 1.0 or more, ASCII letters only): compounds and spellings the main
/// lexicon lacks (`signup`, `kettlebells`, `lookin`), and glued words the web
/// writes often (`ofthe`), so a word's frequency here says nothing alone.
pub(crate) struct WebWords(fst::Map<&'static [u8]>);

impl WebWords {
    pub(crate) fn get() -> &'static WebWords {
        static WEB_WORDS: OnceLock<WebWords> = OnceLock::new();
        WEB_WORDS.get_or_init(|| WebWords(fst::Map::new(WEB).expect("build.rs writes a valid FST")))
    }

    /// A hundred times the Zipf value of an ASCII word, case-folded; 0 if
    /// unlisted.
    pub(crate) fn zipf(&self, word: &str) -> u64 {
        if word.len() > MAX_WORD || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
            return 0;
        }
        let mut key = [0u8; MAX_WORD];
        key[..word.len()].copy_from_slice(word.as_bytes());
        key[..word.len()].make_ascii_lowercase();
        self.0.get(&key[..word.len()]).unwrap_or(0)
    }
}

/// A language other than English whose word frequencies the binary embeds
/// (wordfreq's lists, words of Zipf 2.0 or more). Russian is never detected
/// from a sample (its letters are skipped there): a text is Russian by its
/// letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Language {
    German,
    Spanish,
    French,
    Indonesian,
    Italian,
    Portuguese,
    Russian,
}

impl Language {
    pub(crate) const ALL: [Language; 7] = [
        Language::German,
        Language::Spanish,
        Language::French,
        Language::Indonesian,
        Language::Italian,
        Language::Portuguese,
        Language::Russian,
    ];

    /// Whether two common words glued are more often glue than one word:
    /// not in German, which writes compounds solid, nor where suffixes and
    /// clitics that are also words are (`cortesmente`, `inventavano`).
    pub(crate) fn writes_pairs_apart(self) -> bool {
        matches!(self, Language::Portuguese | Language::Indonesian)
    }

    /// Whether the language writes clitic pronouns and suffixes that are
    /// also words solid with the word before (`cansarlos`, `spogliera`).
    pub(crate) fn glues_affixes(self) -> bool {
        matches!(
            self,
            Language::Spanish | Language::Italian | Language::French
        )
    }

    /// The ISO 639-1 code, the key prefix in the FST.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Language::German => "de",
            Language::Spanish => "es",
            Language::French => "fr",
            Language::Indonesian => "id",
            Language::Italian => "it",
            Language::Portuguese => "pt",
            Language::Russian => "ru",
        }
    }
}

/// Word frequencies of other languages: `LANG:word` (lower case) to a
/// hundred times its Zipf value (log10 of its frequency per billion words:
/// 7 for the commonest words, 3 for a word a million words hold once), and
/// each language's hundred commonest words, nearly all function words.
pub(crate) struct Foreign {
    /// Each commonest word and the languages (bit `lang as u8`) it is
    /// among the commonest of: one probe answers for all seven.
    top: FxHashMap<&'static str, u8>,
    /// The longest of them, in bytes: longer words need no probe.
    longest_top: usize,
    /// Russian's commonest words by their first and by their last letter:
    /// the few that may begin or end a token, without a probe at each cut.
    russian_by_first: FxHashMap<char, Vec<&'static str>>,
    russian_by_last: FxHashMap<char, Vec<&'static str>>,
}

impl Foreign {
    pub(crate) fn get() -> &'static Foreign {
        static FOREIGN_WORDS: OnceLock<Foreign> = OnceLock::new();
        FOREIGN_WORDS.get_or_init(|| {
            let mut top = FxHashMap::<&'static str, u8>::default();
            let mut russian_by_first = FxHashMap::<char, Vec<&'static str>>::default();
            let mut russian_by_last = FxHashMap::<char, Vec<&'static str>>::default();
            for line in FOREIGN_TOP.lines() {
                let Some((code, word)) = line.split_once(' ') else {
                    continue;
                };
                if let Some(i) = Language::ALL.iter().position(|l| l.code() == code) {
                    *top.entry(word).or_default() |= 1 << i;
                }
                if let (true, Some(first), Some(last)) =
                    (code == "ru", word.chars().next(), word.chars().next_back())
                {
                    russian_by_first.entry(first).or_default().push(word);
                    russian_by_last.entry(last).or_default().push(word);
                }
            }
            Foreign {
                longest_top: top.keys().map(|w| w.len()).max().unwrap_or(0),
                top,
                russian_by_first,
                russian_by_last,
            }
        })
    }

    /// A hundred times the Zipf value of a lower-case word, if listed (no
    /// listed word is longer than 60 bytes).
    pub(crate) fn zipf(&self, lang: Language, word: &str) -> Option<u64> {
        // The key on the stack: this is asked at every cut of a token.
        let mut key = [0u8; 64];
        let n = word.len() + 3;
        if n > key.len() {
            return None;
        }
        key[..2].copy_from_slice(lang.code().as_bytes());
        key[2] = b':';
        key[3..n].copy_from_slice(word.as_bytes());
        probe(FOREIGN, exact_fingerprint(&key[..n]), ZIPF_BITS)
    }

    /// Whether a lower-case word is one of the language's commonest.
    pub(crate) fn is_top(&self, lang: Language, word: &str) -> bool {
        self.top_of(word) & (1 << lang as u8) != 0
    }

    /// Where a lower-case word splits into one of Russian's commonest
    /// words and a rest: the byte offsets after each that begins it and
    /// before each that ends it.
    pub(crate) fn russian_top_cuts(&self, word: &str) -> Vec<usize> {
        let (Some(first), Some(last)) = (word.chars().next(), word.chars().next_back()) else {
            return Vec::new();
        };
        let shorter = |w: &&&str| w.len() < word.len();
        let heads = self.russian_by_first.get(&first).into_iter().flatten();
        let tails = self.russian_by_last.get(&last).into_iter().flatten();
        let mut cuts: Vec<usize> = (heads.filter(shorter))
            .filter(|w| word.starts_with(**w))
            .map(|w| w.len())
            .chain(
                (tails.filter(shorter))
                    .filter(|w| word.ends_with(**w))
                    .map(|w| word.len() - w.len()),
            )
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        cuts
    }

    /// The languages a lower-case word is among the commonest words of, as
    /// bits (`1 << lang as u8`).
    pub(crate) fn top_of(&self, word: &str) -> u8 {
        if word.len() > self.longest_top {
            return 0;
        }
        self.top.get(word).copied().unwrap_or(0)
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
    fn web_words_have_frequencies() {
        let web = WebWords::get();
        assert!(web.zipf("the") > 700 && web.zipf("Signup") >= 200);
        assert!(web.zipf("kettlebells") >= 150 && web.zipf("fightingleading") == 0);
        assert_eq!(web.zipf("don't"), 0);
    }

    #[test]
    fn foreign_words_have_frequencies_and_function_words() {
        let foreign = Foreign::get();
        let (pt, de) = (Language::Portuguese, Language::German);
        assert!(foreign.zipf(pt, "que").is_some_and(|z| z > 700));
        assert!(foreign.zipf(pt, "comprando").is_some_and(|z| z > 300));
        assert_eq!(foreign.zipf(pt, "comprandocom"), None);
        assert_eq!(foreign.zipf(de, "comprando"), None);
        assert!(foreign.is_top(pt, "com") && foreign.is_top(de, "und"));
        assert!(!foreign.is_top(pt, "und") && !foreign.is_top(de, "comprando"));
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
    fn packed_counts_are_exact_below_two_to_the_23_and_close_above() {
        use crate::fingerprint::count_code;
        for count in [1, 100_000, 1_000_000, (1 << 23) - 1] {
            assert_eq!(count_of(count_code(count)), count);
        }
        for count in [1 << 23, 10_000_000, 24_219_311_109, u64::MAX >> 10] {
            let back = count_of(count_code(count));
            assert!(
                back <= count && (count - back) as f64 / (count as f64) < 1e-5,
                "{count}"
            );
            assert!(count_code(count) < 1 << COUNT_BITS, "{count}");
        }
    }

    #[test]
    fn the_table_is_a_power_of_two_with_room_to_spare() {
        let slots = TABLE.len() / 8;
        assert!(slots.is_power_of_two());
        let used = (0..slots)
            .filter(|i| TABLE[i * 8..i * 8 + 8] != [0; 8])
            .count();
        assert!(used > 90_000 && 8 * used <= 7 * slots, "{used} of {slots}");
    }
}

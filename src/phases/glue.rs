//! Glued-word repair, gated for precision.
//!
//! A candidate is a token core that is not a word (lexicon, allow-list, or
//! repeated in the same document) with a plain case shape: lower case,
//! capitalised, one lower->Upper seam, a word then an acronym, or two
//! capitalised words. A split is accepted only when every part is a strong
//! word (a function word, a common lexicon word, or a word the document itself
//! uses), affixes and compound heads never stand alone, capitalised tokens
//! split only behind evidence that they are not names, and an ambiguous best
//! split is left. Also: a comma glued between two words, a word glued after a
//! clitic (`you'veseen`), and Cyrillic tokens split on the document's own
//! evidence. Documents whose lower-case words are mostly not English words are
//! left alone. A very long text is a document a window at a time (`windows`).

use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::edit::Edit;
use crate::fingerprint::exact_fingerprint;
use crate::lexicon::{Foreign, Language, Lexicon, MAX_WORD, Names, RussianForms, WebWords};
use crate::rules::{WordLists, short_key};

use super::{Ctx, StandIns};

/// Quote marks of any direction: the punct phase may turn one into another,
/// so glue must treat them all alike or a second run would see new tokens.
fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{2018}'
            ..='\u{201F}' | '\u{02BC}' | '\u{00AB}' | '\u{00BB}' | '\u{2039}' | '\u{203A}'
    )
}

/// Leading punctuation that is not part of a token's core.
fn is_open(c: char) -> bool {
    is_quote(c) || matches!(c, '(' | '[' | '{' | '\u{00BF}' | '\u{00A1}')
}

/// Trailing punctuation that is not part of a token's core.
fn is_close(c: char) -> bool {
    is_quote(c)
        || matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '\u{2026}'
        )
}

/// The core of a token: its span without surrounding punctuation.
fn core(token: &str) -> (usize, usize) {
    let bytes = token.as_bytes();
    // Most tokens start with a letter and end in ASCII punctuation (`word,`):
    // byte tests, decoding only when a non-ASCII mark is met.
    let start = if bytes.first().is_some_and(u8::is_ascii_alphanumeric) {
        0
    } else {
        token.len() - token.trim_start_matches(is_open).len()
    };
    let mut end = token.len();
    while end > 0 && bytes[end - 1] < 0x80 && is_close(char::from(bytes[end - 1])) {
        end -= 1;
    }
    if end > 0 && bytes[end - 1] >= 0x80 {
        end = token[..end].trim_end_matches(is_close).len();
    }
    (start, end.max(start))
}

/// A token's core in the text, and whether it is all ASCII letters (most
/// tokens are: the scan finds out on the way, so they are not read twice).
#[derive(Clone, Copy)]
struct Core {
    start: usize,
    end: usize,
    letters: bool,
}

const SPACE: u8 = 1;
const LETTER: u8 = 2;
const HIGH: u8 = 4;
const MAYBE_SPACE: u8 = 8;
const OTHER: u8 = 16;

/// What `cores` needs to know of a byte, one load per byte: ASCII white
/// space, an ASCII letter, another ASCII character, or the first byte of a
/// non-ASCII character, which starts white space only after C2 (U+0085,
/// U+00A0), E1 (U+1680), E2 (U+2000..U+205F) or E3 (U+3000): no other is
/// decoded.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if matches!(byte, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
            MAYBE_SPACE
        } else if byte >= 0x80 {
            HIGH
        } else if matches!(byte, b' ' | b'\t'..=b'\r') {
            SPACE
        } else if byte.is_ascii_alphabetic() {
            LETTER
        } else {
            OTHER
        };
        b += 1;
    }
    table
};

/// The length of the UTF-8 sequence a first byte starts.
fn utf8_len(first: u8) -> usize {
    match first {
        ..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// Whether two cores are apart by one space and nothing else.
fn one_space(text: &str, a: &Core, b: &Core) -> bool {
    b.start == a.end + 1 && text.as_bytes()[a.end] == b' '
}

/// Where the run of ASCII letters from `i` ends, eight bytes at a time:
/// most of a text is words, and the byte loop after it then meets the
/// space at once. In the text's last seven bytes it may stop early: the
/// byte loop reads on.
fn past_letters(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // Each byte's low seven bits, folded to lower case: no sum below
        // carries into the next byte. A letter is 0x61..=0x7A, and ASCII.
        let x = (v & (0x7F * ONES)) | (0x20 * ONES);
        let letter = (x + 0x1F * ONES) & !(x + 0x05 * ONES) & !v & (0x80 * ONES);
        let other = !letter & (0x80 * ONES);
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i
}

/// The cores of the text's white-space separated tokens; empty cores are
/// left out. One pass over the bytes, decoding only non-ASCII characters.
fn cores(text: &str) -> Vec<Core> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 5);
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let mut letters = true;
        // The classes of the token's ASCII bytes: letters only unless
        // `OTHER` is among them.
        let mut seen = 0;
        let mut separator = 0;
        i = past_letters(bytes, i);
        while i < bytes.len() {
            let class = BYTE_CLASS[usize::from(bytes[i])];
            if class & (SPACE | HIGH | MAYBE_SPACE) == 0 {
                seen |= class;
                i += 1;
            } else if class == SPACE {
                separator = 1;
                break;
            } else if class == HIGH {
                letters = false;
                i += utf8_len(bytes[i]);
            } else {
                let c = text[i..].chars().next().expect("i is on a char boundary");
                if c.is_whitespace() {
                    separator = c.len_utf8();
                    break;
                }
                letters = false;
                i += c.len_utf8();
            }
        }
        letters &= seen & OTHER == 0;
        if i > start {
            let token = &bytes[start..i];
            let plain =
                token[0].is_ascii_alphanumeric() && token[token.len() - 1].is_ascii_alphanumeric();
            // All letters implies plain: the core is the whole token.
            if plain {
                out.push(Core {
                    start,
                    end: i,
                    letters,
                });
            } else {
                let (a, b) = core(&text[start..i]);
                if a < b {
                    // A word before a comma or full stop is read as one.
                    let letters = token[a..b].iter().all(u8::is_ascii_alphabetic);
                    out.push(Core {
                        start: start + a,
                        end: start + b,
                        letters,
                    });
                }
            }
        }
        i += separator;
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Lower,
    Capitalized,
    /// lower-case start with one lower->Upper seam at this byte.
    Seam(usize),
    /// lower-case word, then an acronym from this byte (`theUS`, `moreLEDs`).
    Acronym(usize),
    /// Two capitalised words, the second from this byte (`BlackFriday`).
    Camel(usize),
    /// An acronym, then a lower-case word from this byte (`NASAis`).
    Lead(usize),
}

fn shape(w: &[u8]) -> Option<Shape> {
    let mut first = None;
    let mut last = 0;
    let mut n = 0;
    for (i, b) in w.iter().enumerate() {
        if b.is_ascii_uppercase() {
            first.get_or_insert(i);
            last = i;
            n += 1;
        }
    }
    match (n, first) {
        (0, _) => Some(Shape::Lower),
        (1, Some(0)) => Some(Shape::Capitalized),
        (1, Some(i)) if i >= 2 || (i == 1 && w[0] == b'a') => Some(Shape::Seam(i)),
        (2, Some(0)) if last >= 3 && w.len() - last >= 3 => Some(Shape::Camel(last)),
        (_, Some(0)) if n >= 3 && last + 1 == n && w.len() - n >= 2 => Some(Shape::Lead(n)),
        (_, Some(i)) if i >= 2 && n >= 2 && last - i + 1 == n => {
            let tail = &w[last + 1..];
            (tail.is_empty() || tail == b"s").then_some(Shape::Acronym(i))
        }
        _ => None,
    }
}

struct Splitter<'a> {
    lex: &'static Lexicon,
    words: &'a WordLists,
    strong: u64,
    weak: u64,
    known: u64,
    /// The document's tokens: how often each occurs, and its lexicon count
    /// once asked (most tokens repeat, and this small map is cheaper to probe
    /// than the lexicon's large one).
    doc: DocWords<'a>,
    /// The cores of the document's tokens, and the lexicon count of each
    /// core of letters.
    cores: &'a [Core],
    lexes: Vec<u64>,
    /// Whether the document is English, decided at its first candidate.
    english: Option<bool>,
    /// Whether the document is Russian, decided at its first Cyrillic
    /// candidate split on the dictionary alone.
    russian: Option<bool>,
    /// Which other language with word frequencies the document is in, if
    /// any; decided at its first candidate in a text that is not English.
    language: Option<Option<Language>>,
    /// What later map rules turn into ASCII (a dash into `-`).
    stand_ins: &'a StandIns,
    /// Pairs of capitalised words the document writes apart (`Hong Kong`),
    /// gathered at its first camel-case candidate.
    pairs: Option<FxHashMap<(&'a str, &'a str), u32>>,
    /// Capitalised words the document writes after a lower-case one
    /// (`the Bureau`): names, not sentence starts or headings.
    names: Option<FxHashSet<&'a str>>,
    /// Capitalised words the document writes after another capitalised
    /// word or an initial (`Martin Sucha`, `J. Fromberger`): surnames.
    surnames: Option<FxHashSet<&'a str>>,
    /// Whether the document has lost spaces elsewhere: decided after a
    /// first pass, which splits without it and notes in `wants_lossy` that
    /// the token judged last would split with it.
    lossy: bool,
    wants_lossy: bool,
    /// Whether a chain of words is being read (`chain`): its parts are not.
    chaining: bool,
    /// Whether the token judged last has a comma glued between two words:
    /// split only where the document lost spaces, and evidence that it did.
    comma_glued: bool,
    text: &'a str,
}

/// Inflectional endings stripped to find a word's stem.
const INFLECTIONS: &[&str] = &[
    "ings", "ing", "ers", "er", "ors", "or", "ed", "es", "s", "d",
];

/// Shortest stem that makes an unknown inflected token a word (`noneed` is
/// not `none` + `ed`, `withher` not `with` + `er`).
const MIN_STEM: usize = 5;

/// How common the word after a capital `A` must be (Google Books counts).
const SENTENCE_ARTICLE_COUNT: u64 = 10_000_000;

/// Shortest left and right parts (in characters) of a split made on the
/// document's evidence alone.
const MIN_DOC_LEFT: usize = 4;
const MIN_DOC_RIGHT: usize = 3;

/// Shortest word a tail splits off on the dictionary's word alone (`укор` +
/// `от`, `пала` + `на` are rarer words, not glue).
const MIN_DICTIONARY_LEFT: usize = 5;

/// Shortest left and right parts (in characters) of a Cyrillic token split
/// into two dictionary forms the document need not use.
const MIN_FORMS_LEFT: usize = 5;
const MIN_FORMS_RIGHT: usize = 4;

/// In a document that lost spaces elsewhere, a part may be this short if
/// it is this common (Zipf * 100: `два`, `кем`, `ваш`).
const MIN_LOSSY_FORM: usize = 3;
const COMMONEST_SHORT_FORM: u64 = 480;

/// Shortest right form of two the frequency list need not have.
const MIN_RARE_FORM: usize = 6;

/// Shortest form a preposition or negation splits off (`в` + `пюре` stays).
const MIN_PREFIXED_FORM: usize = 5;

/// How often a document may write the same glued phrase (a function word
/// and a common word) before it is taken for a word of its own.
const MAX_REPEATED_GLUE: u32 = 3;

/// Shortest content part (in characters) of a split in another language.
const MIN_FOREIGN_PART: usize = 4;

/// How common (a hundred times the Zipf value) a word of another language
/// must be beside a function word, and each of two words without one.
const FOREIGN_WORD: u64 = 300;
const FOREIGN_PAIR: u64 = 350;

/// How common a word must be to follow a function word in a language that
/// writes clitics and suffixes solid (Zipf 4.0).
const FOREIGN_FREQUENT: u64 = 400;

/// How common a word must be to follow a short article or preposition in
/// such a language (Zipf 5.0).
const FOREIGN_COMMON: u64 = 500;

/// A Russian word this frequent (Zipf 5.0, a hundred times: `вам`, `два`,
/// `чего`) stands beside a commonest one however short, or after a
/// preposition that is also a prefix (`из|чего`).
const FREQUENT_WORD: u64 = 500;

/// How common (Zipf 2.5, a hundred times) a Russian form must be to split
/// off a preposition that is also a prefix (`в|середине`, not `по|стыднее`).
const PREFIXED_REST: u64 = 250;

/// The share of a text's words that its language's commonest words make up
/// at least (a sixth to a half of running text in the dev sets; an English
/// page, which the English check has already set aside, about a twentieth).
const MIN_LANGUAGE_SHARE: f64 = 0.15;

/// How many words the language of a text that is not English is told by.
const FOREIGN_SAMPLE: usize = 1000;

/// A paragraph of an English document with this many lower-case words
/// or more, fewer than this share of them English, is in another language.
const MIN_PARAGRAPH_SAMPLE: usize = 8;
const MIN_PARAGRAPH_ENGLISH: f64 = 0.5;

/// Shortest Cyrillic token read as three words glued (`иобдатьих`), and
/// shortest rest of one that splits into two, in characters.
const MIN_CYRILLIC_CHAIN: usize = 8;
const MIN_CYRILLIC_CHAIN_PART: usize = 5;

/// Longest function word split off before a brand (`through|iPhone`).
const MAX_BRAND_HEAD: usize = 7;

/// Shortest lower-case token read as three words glued (`fewyearslater`),
/// and shortest rest of one that splits into two.
const MIN_CHAIN: usize = 12;
const MIN_CHAIN_PART: usize = 6;

/// Shortest token peeled into four or more words.
const MIN_PEEL: usize = 8;

/// Shortest parts of a split into two content words that need only be
/// moderately common.
const MIN_LONG_PART: usize = 6;

/// Shortest part of a split into two content words.
const MIN_CONTENT_PART: usize = 3;

/// Shortest token split into content words only: closed compounds are short
/// (roadmap, gameplay, drivetrain), glued phrases long (fightingleading).
const MIN_CONTENT_TOTAL: usize = 11;

/// Shortest token split into a determiner and a content word (`lastyear`).
const MIN_PHRASE_TOTAL: usize = 7;

/// Below this share of lexicon words among a document's lower-case words,
/// the document is not English and no word in it is split.
const MIN_ENGLISH_SHARE: f64 = 0.8;

/// How many lower-case words the language check samples.
const LANGUAGE_SAMPLE: usize = 200;

/// A token the web writes at least this often (Zipf * 100) may be a word the
/// lexicon lacks.
const MIN_WEB_WORD: u64 = 100;

/// By how much (Zipf * 100) the parts' frequency together may exceed a web
/// word's own before the parts win.
const WEB_MARGIN: i64 = 100;

/// How much rarer (Zipf times a hundred) than its words apart the web
/// writes a phrase that lost its space, for the lossy splits to read it
/// as the phrase.
const WEB_GLUE_MARGIN: i64 = 300;

/// A document lost spaces often when the first pass split this many of its
/// tokens, and one in this many: glued text has one in a hundred or more
/// (glue-dev: one in 100 at the least), clean text one in a thousand or
/// fewer (one in 300 at the most).
const MIN_LOST_SPACES: usize = 3;
const LOST_SPACES_PER: usize = 200;

/// How common (Zipf * 100) each part of a short compound the web never
/// writes must be; or, in lower case, each at least `RARER_WEB_PART` and
/// both together `WEB_PAIR` (Zipf 3.6 beside 4.6; set on glue-dev, where
/// `ear|hooks` and `ups|ample` come to 8.1).
const COMMON_WEB_PART: u64 = 400;
const RARER_WEB_PART: u64 = 300;
const WEB_PAIR: u64 = 820;

/// The margin (natural log) by which the best split must beat the next.
const AMBIGUITY_MARGIN: f64 = 2.0;

/// A word rarer than a part needs to be, beside a function word in a
/// document that lost spaces: counted this often in the lexicon, or listed
/// by the web at this Zipf value (times a hundred) or more.
const RARE_COUNT: u64 = 10_000;
const RARE_WEB_WORD: u64 = 200;

/// How much less likely (natural log) another reading of a token as two
/// content words may be and still say the token is one word.
const OTHER_PAIR_MARGIN: f64 = 4.0;

/// A token of the document.
struct Seen<'a> {
    word: &'a str,
    count: u32,
    lex: Option<u64>,
}

/// The document's tokens by their exact fingerprint: probing it hashes a
/// word once and compares no strings (two of a document's words sharing a
/// 64-bit fingerprint is too rare to guard against).
type DocWords<'a> = HashMap<u64, Seen<'a>, BuildHasherDefault<PassThrough>>;

/// Keys are fingerprints already: the map's hasher passes them through.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
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

fn key(w: &str) -> u64 {
    exact_fingerprint(w.as_bytes())
}

/// How often each core occurs in the document, and for each core of
/// letters its lexicon count (a lexicon word is never split: the main loop
/// and the language sample read it without hashing the core again). Every
/// core is counted: only letter-only words are asked about, and no other
/// core can equal one.
fn doc_words<'a>(text: &'a str, cores: &[Core], lex: &Lexicon) -> (DocWords<'a>, Vec<u64>) {
    let mut m = DocWords::with_capacity_and_hasher(cores.len() / 2, Default::default());
    let mut lexes = Vec::with_capacity(cores.len());
    for c in cores {
        let w = &text[c.start..c.end];
        let seen = m.entry(key(w)).or_insert(Seen {
            word: w,
            count: 0,
            lex: None,
        });
        seen.count += 1;
        lexes.push(if c.letters {
            *seen
                .lex
                .get_or_insert_with(|| lex.count_letters(w.as_bytes()))
        } else {
            0
        });
    }
    (m, lexes)
}

impl<'a> Splitter<'a> {
    fn doc_count(&self, w: &str) -> u32 {
        self.doc.get(&key(w)).map_or(0, |seen| seen.count)
    }

    fn lower(w: &str) -> Cow<'_, str> {
        if w.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(w.to_ascii_lowercase())
        } else {
            Cow::Borrowed(w)
        }
    }

    /// Score of a part as a standalone word, if it is strong enough to be one.
    fn part(&mut self, p: &'a str, first: bool, min_count: u64) -> Option<f64> {
        if p.len() < 2 {
            return None;
        }
        let count = self.lex_count(p);
        if self.is_function(p) {
            return Some(self.lex.logp(count.max(self.strong)));
        }
        if p.len() < 3
            || (p.len() <= self.words.suffix_len
                && self.words.suffixes.contains(Self::lower(p).as_ref()))
        {
            return None;
        }
        // Three-letter words are half the lexicon's oddities (cor, tess):
        // they must be common whatever stands beside them.
        let min_count = if p.len() == 3 {
            min_count.max(self.strong)
        } else {
            min_count
        };
        if count >= min_count {
            return Some(self.lex.logp(count));
        }
        if self.words.allow.contains(Self::lower(p).as_ref()) {
            return Some(self.lex.logp(self.strong));
        }
        // A word the document uses elsewhere: a name (capitalised, and only as
        // the first part) or a rarer lexicon word. Never an unknown lower-case
        // token: that may be another glued word.
        let capitalized = p.as_bytes()[0].is_ascii_uppercase();
        let usable = if capitalized { first } else { count > 0 };
        if usable && self.doc_count(p) > 0 {
            return Some(self.lex.logp(self.strong));
        }
        None
    }

    /// The lexicon count of a word; looked up once for the document's tokens.
    fn lex_count(&mut self, w: &str) -> u64 {
        let lex = self.lex;
        match self.doc.get_mut(&key(w)) {
            Some(seen) => *seen.lex.get_or_insert_with(|| lex.count(w.as_bytes())),
            None => lex.count(w.as_bytes()),
        }
    }

    /// A word by the lexicon or the pack's word lists.
    fn is_word(&mut self, w: &str) -> bool {
        // The lexicon first: it answers for most tokens without allocating.
        if self.lex_count(w) >= self.known {
            return true;
        }
        self.listed(w)
    }

    /// A word of the packs' allow or never-split lists, in any script.
    fn listed(&self, w: &str) -> bool {
        let lower = if w.is_ascii() {
            Self::lower(w)
        } else {
            Cow::Owned(w.to_lowercase())
        };
        self.words.allow.contains(lower.as_ref()) || self.words.never_split.contains(lower.as_ref())
    }

    /// An inflection or agent noun of a lexicon word the lexicon lacks:
    /// `onboarding` (onboard), `dashboarding`, `sponsorships`, `benchmarked`,
    /// `disruptor`. New words enter the word list before all their forms do.
    fn inflects_a_word(&self, w: &str) -> bool {
        let lower = w.to_ascii_lowercase();
        let known = |stem: &str| {
            stem.len() >= MIN_STEM
                && !self.words.function.contains(stem)
                && self.lex.count(stem.as_bytes()) >= self.known
        };
        INFLECTIONS.iter().any(|suffix| {
            let Some(stem) = lower.strip_suffix(suffix) else {
                return false;
            };
            // Agent nouns end in -tor and -ssor (disruptor, accessor); a
            // plural or a gerund before `or` is glue (testsor, dietingor).
            if matches!(*suffix, "or" | "ors") && !(stem.ends_with('t') || stem.ends_with("ss")) {
                return false;
            }
            let undoubled = stem.len() >= 2
                && stem.as_bytes()[stem.len() - 1] == stem.as_bytes()[stem.len() - 2]
                && known(&stem[..stem.len() - 1]);
            let y = matches!(*suffix, "es" | "ed" | "er" | "ers")
                && stem
                    .strip_suffix('i')
                    .is_some_and(|s| known(&format!("{s}y")));
            known(stem) || known(&format!("{stem}e")) || undoubled || y
        })
    }

    /// How often the document writes capitalised `l r` as two words.
    fn pair_count(&mut self, l: &str, r: &str) -> u32 {
        let (text, cores) = (self.text, self.cores);
        let pairs = self.pairs.get_or_insert_with(|| {
            let upper = |c: &Core| text.as_bytes()[c.start].is_ascii_uppercase();
            let mut pairs = FxHashMap::default();
            for p in cores.windows(2) {
                if upper(&p[0]) && upper(&p[1]) && one_space(text, &p[0], &p[1]) {
                    let pair = (&text[p[0].start..p[0].end], &text[p[1].start..p[1].end]);
                    *pairs.entry(pair).or_insert(0) += 1;
                }
            }
            pairs
        });
        pairs.get(&(l, r)).copied().unwrap_or(0)
    }

    /// Whether the document writes a capitalised word after another
    /// capitalised word or an initial, as a surname is (`Martin Sucha`,
    /// `J. Fromberger`): not a function word glued to another (`Such|a`,
    /// `From|berger`).
    fn surname(&mut self, w: &str) -> bool {
        let (text, cores) = (self.text, self.cores);
        let surnames = self.surnames.get_or_insert_with(|| {
            let capital = |c: &Core| text.as_bytes()[c.start].is_ascii_uppercase();
            let mut surnames = FxHashSet::default();
            for p in cores.windows(2) {
                let (a, b) = (&p[0], &p[1]);
                let before = &text[a.start..b.start];
                let initial = before.len() == 3 && before.ends_with(". ");
                if capital(a) && capital(b) && (one_space(text, a, b) || initial) {
                    surnames.insert(&text[b.start..b.end]);
                }
            }
            surnames
        });
        surnames.contains(w)
    }

    /// Whether the document writes `w` capitalised after a lower-case word;
    /// a capitalised Cyrillic word, after any word or before a capitalised
    /// one, with no punctuation between (`У Кларисы`, `Ли Якокка`, `Яросла
    /// Вочасек`): not where a sentence starts.
    fn name_in_doc(&mut self, w: &str) -> bool {
        let (text, cores) = (self.text, self.cores);
        let names = self.names.get_or_insert_with(|| {
            let first = |c: &Core| text[c.start..].chars().next().unwrap_or(' ');
            let mut names = FxHashSet::default();
            for p in cores.windows(2) {
                if !one_space(text, &p[0], &p[1]) {
                    continue;
                }
                let (a, b) = (first(&p[0]), first(&p[1]));
                if (a.is_ascii_lowercase() && b.is_ascii_uppercase())
                    || (cyrillic_capital(b) && a.is_alphanumeric())
                {
                    names.insert(&text[p[1].start..p[1].end]);
                }
                if cyrillic_capital(a) && cyrillic_capital(b) {
                    names.insert(&text[p[0].start..p[0].end]);
                }
            }
            names
        });
        names.contains(w)
    }

    /// Whether a next round, on the text with these splits made (`(core
    /// index, replacement)`), would find nothing more. A token's decision
    /// depends on the token, on how often its substrings occur in the
    /// document (zero or not; a count rising past one only refuses more),
    /// on the capitalised pairs the document writes apart, and on the
    /// language sample. So the round is settled when no word a split made
    /// appear or vanish is part of another candidate token, no new pair
    /// joins into one, every new token is a lexicon word, and the language
    /// sample still answers the same.
    fn settled(&mut self, split: &[(usize, String)]) -> bool {
        let (text, cores) = (self.text, self.cores);
        let core_of = |i: usize| &text[cores[i].start..cores[i].end];
        // A long token split in two may bring a quote within the length at
        // which glued closing quotes are looked for (`code_like`).
        if split
            .iter()
            .any(|(i, _)| core_of(*i).len() > LONGEST_QUOTED)
        {
            return false;
        }
        let gone: FxHashSet<&str> = split.iter().map(|(i, _)| core_of(*i)).collect();
        let mut changed: Vec<String> = gone.iter().map(|w| w.to_string()).collect();
        let mut joined: Vec<String> = Vec::new();
        let upper = |w: &str| w.as_bytes().first().is_some_and(u8::is_ascii_uppercase);
        for (i, out) in split {
            let pieces: Vec<&str> = out
                .split(' ')
                .map(|p| {
                    let (a, b) = core(p);
                    &p[a..b]
                })
                .collect();
            for &p in pieces.iter().filter(|p| !p.is_empty()) {
                if self.doc_count(p) > 0 {
                    continue;
                }
                // A token new to the document: a next round asks about it
                // unless it is a word.
                if !self.is_word(p) {
                    return false;
                }
                changed.push(p.to_string());
            }
            // Capitalised pairs the split writes apart, inside the token and
            // with its neighbours.
            let c = cores[*i];
            let spaced = |a: usize, b: usize| &text[a..b] == " ";
            let mut pairs: Vec<(&str, &str)> = pieces.windows(2).map(|p| (p[0], p[1])).collect();
            if *i > 0 && spaced(cores[*i - 1].end, c.start) {
                pairs.push((core_of(*i - 1), pieces[0]));
            }
            if *i + 1 < cores.len() && spaced(c.end, cores[*i + 1].start) {
                pairs.push((pieces[pieces.len() - 1], core_of(*i + 1)));
            }
            for (l, r) in pairs {
                if upper(l) && upper(r) {
                    joined.push(format!("{l}{r}"));
                }
                // A name written mid-sentence for the first time: a token
                // that ends in it may now split (`theBureau` -> `entireBureau`).
                let lower = l.as_bytes().first().is_some_and(u8::is_ascii_lowercase);
                if lower && upper(r) && !self.name_in_doc(r) {
                    changed.push(r.to_string());
                }
            }
        }
        if joined.iter().any(|j| self.doc_count(j) > 0) {
            return false;
        }
        if self
            .english
            .is_some_and(|english| english != self.english_with(split))
        {
            return false;
        }
        let keys: Vec<&'a str> = self.doc.values().map(|seen| seen.word).collect();
        for k in keys {
            if gone.contains(k) || changed.iter().all(|x| k.len() <= x.len()) {
                continue;
            }
            let word =
                k.bytes().all(|b| b.is_ascii_alphabetic()) && self.lex_count(k) >= self.known;
            if !word
                && changed
                    .iter()
                    .any(|x| k.len() > x.len() && k.contains(x.as_str()))
            {
                return false;
            }
        }
        true
    }

    /// The language sample's answer on the text with these splits made
    /// (`(core index, replacement)`, in core order).
    fn english_with(&mut self, split: &[(usize, String)]) -> bool {
        let (text, cores) = (self.text, self.cores);
        let mut pieces = split.iter().peekable();
        let (mut seen, mut known) = (0usize, 0usize);
        let lower = |w: &str| w.len() >= 2 && w.bytes().all(|b| b.is_ascii_lowercase());
        for (i, c) in cores.iter().enumerate() {
            if seen == LANGUAGE_SAMPLE {
                break;
            }
            while pieces.next_if(|(j, _)| *j < i).is_some() {}
            if let Some((_, out)) = pieces.next_if(|(j, _)| *j == i) {
                for p in out.split(' ') {
                    let (a, b) = core(p);
                    let p = &p[a..b];
                    if seen < LANGUAGE_SAMPLE && lower(p) {
                        seen += 1;
                        known += usize::from(self.lex.count(p.as_bytes()) > 0);
                    }
                }
                continue;
            }
            if let Some(english) = self.lower_case_word(i) {
                seen += 1;
                known += usize::from(english);
            } else if other_script(&text[c.start..c.end]) {
                seen += 1;
            }
        }
        seen < 5 || known as f64 >= MIN_ENGLISH_SHARE * seen as f64
    }

    /// For a core that is a lower-case word of two letters or more (what
    /// the language of a text is told by), whether the lexicon knows it.
    fn lower_case_word(&self, i: usize) -> Option<bool> {
        let c = self.cores[i];
        let w = &self.text.as_bytes()[c.start..c.end];
        (c.letters && w.len() >= 2 && w.iter().all(u8::is_ascii_lowercase))
            .then(|| self.lexes[i] > 0)
    }

    /// Leaves out the splits of an English document's paragraphs in
    /// another language (a licence quoted in Italian: `limitare` is not
    /// `limit|are`): those whose lower-case words are mostly not English.
    fn drop_foreign_paragraphs(&mut self, split: &mut Vec<(usize, String)>) {
        if split.is_empty() || self.english != Some(true) {
            return;
        }
        let (text, cores) = (self.text, self.cores);
        let apart =
            |a: &Core, b: &Core| text[a.end..b.start].bytes().filter(|&b| b == b'\n').count() >= 2;
        // The splits come in core order: one walk over the paragraphs.
        let mut splits = std::mem::take(split).into_iter().peekable();
        let mut start = 0;
        while splits.peek().is_some() {
            let end = (start + 1..cores.len())
                .find(|&j| apart(&cores[j - 1], &cores[j]))
                .unwrap_or(cores.len());
            let mut here = Vec::new();
            while let Some(s) = splits.next_if(|(i, _)| *i < end) {
                here.push(s);
            }
            if !here.is_empty() {
                let (mut seen, mut known) = (0usize, 0usize);
                for j in start..end {
                    if let Some(english) = self.lower_case_word(j) {
                        seen += 1;
                        known += usize::from(english);
                    }
                }
                let foreign = seen >= MIN_PARAGRAPH_SAMPLE
                    && (known as f64) < MIN_PARAGRAPH_ENGLISH * seen as f64;
                if !foreign {
                    split.extend(here);
                }
            }
            start = end;
        }
    }

    /// Whether enough of the document's lower-case words are English words;
    /// decided at the first candidate.
    fn english(&mut self) -> bool {
        if let Some(english) = self.english {
            return english;
        }
        let english = self.english_with(&[]);
        self.english = Some(english);
        english
    }

    /// A token's core with its spaces put in, if it is glued.
    fn judge(&mut self, w: &'a str, letters: bool) -> Option<String> {
        let cuts = if letters {
            self.split_letters(w).map(|parts| cuts_of(&parts))
        } else {
            self.split(w)
        };
        cuts.map(|cuts| spaced(w, &cuts))
    }

    /// Where spaces go in a token's core (byte offsets), if it is glued.
    fn split(&mut self, w: &'a str) -> Option<Vec<usize>> {
        // Most tokens are plain words: straight to the word splitter.
        if w.bytes().all(|b| b.is_ascii_alphabetic()) || self.unmarked(w) {
            return Some(cuts_of(&self.split_alpha(w)?));
        }
        // Numbers, prices, dates: no word to split.
        if !w.bytes().any(|b| b.is_ascii_alphabetic() || b >= 0x80) {
            return None;
        }
        if let Some(at) = self.number_at(w) {
            return Some(vec![at]);
        }
        // A two-letter lower-case word after a comma in English text is a
        // function word (`yes,we`); `US,en` is a locale.
        let locale = |s: &mut Self, at: usize| {
            let r = &w[at + 1..];
            r.len() == 2
                && r.bytes().all(|b| b.is_ascii_lowercase())
                && !s.is_function(r)
                && s.english()
        };
        if let Some(at) = comma_at(w, self.stand_ins).filter(|&at| !locale(self, at)) {
            // The words on either side may be glued too: split them in the
            // same pass, or a second run would find more to do.
            let right = self.split(&w[at + 1..]).unwrap_or_default();
            if !right.is_empty() || !self.unknown_ascii(&w[at + 1..]) {
                // A writer's own slip in clean text (`Colorado,Washington`)
                // is left; it tells of lost spaces all the same.
                self.comma_glued = true;
                if !self.lossy() {
                    return None;
                }
                let mut cuts = self.split(&w[..at]).unwrap_or_default();
                cuts.push(at + 1);
                cuts.extend(right.into_iter().map(|c| c + at + 1));
                return Some(cuts);
            }
        }
        if let Some(at) = self.sentence_mark_at(w) {
            return Some(vec![at + 1]);
        }
        if let Some(at) = self.closing_paren_at(w) {
            return Some(vec![at + 1]);
        }
        if let Some(at) = self.colon_at(w) {
            return Some(vec![at + 1]);
        }
        if let Some(cuts) = self.split_clitic(w) {
            return Some(cuts);
        }
        if let Some(cuts) = self.split_hyphenated(w) {
            return Some(cuts);
        }
        if let Some(at) = self.initialism_at(w) {
            return Some(vec![at]);
        }
        if let Some(at) = self.beside_doc_model(w) {
            return Some(vec![at]);
        }
        let parts = self.split_alpha(w)?;
        Some(cuts_of(&parts))
    }

    /// A number glued to the word after it (`10minutes`, `$2,199with`,
    /// `20–30минут`): digits, their separators and a currency sign, then a
    /// lower-case word of the text's language, a common one of four letters
    /// or more or a function word. Units and magnitudes (`60fps`,
    /// `£38million`, `100fold`) are written glued by some styles: they split
    /// only in a document that writes a number apart from the same word, or
    /// that lost spaces elsewhere.
    /// Nothing after a dot splits (`147.4.It`), nor a capitalised word
    /// (`4Runner`, `1Password`) or a number after letters (`RAV4small`).
    /// A token the document also writes capitalised (`8000Kicks`), or
    /// repeats but never writes apart, is a name.
    fn number_at(&mut self, w: &str) -> Option<usize> {
        let number = w.strip_prefix(['$', '€', '£', '¥']).unwrap_or(w);
        if !number.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let separator = |c: char| matches!(c, ',' | '.' | '-' | '\u{2013}' | '\u{2212}');
        let rest = number.trim_start_matches(|c: char| c.is_ascii_digit() || separator(c));
        let at = w.len() - rest.len();
        if !w[..at].ends_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        // A capitalised word the document writes on its own, in a document
        // that lost spaces elsewhere (`1Blue`, `7Plus`; not `4Runner`), and
        // not a unit (`24FPS`).
        if rest.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
            && rest.len() >= 2
            && rest.bytes().all(|b| b.is_ascii_alphabetic())
            && self.doc_count(w) <= 1
            && self.doc_count(rest) > 0
            && !(self.words.number_words).contains(&rest.to_ascii_lowercase())
            && self.english()
        {
            return self.lossy().then_some(at);
        }
        let word = if rest.bytes().all(|b| b.is_ascii_lowercase()) {
            self.english()
                && rest.len() >= 3
                && (self.is_function(rest)
                    || (rest.len() >= 4 && self.lex_count(rest) >= self.strong))
        } else {
            rest.chars().all(cyrillic_lower)
                && rest.chars().count() >= 4
                && self.russian()
                && RussianForms::get().contains(rest)
        };
        if !word || self.listed(w) {
            return None;
        }
        let apart = OnceCell::new();
        let apart = || *apart.get_or_init(|| self.number_apart(rest));
        let mut capitalised = w[..at].to_string();
        let mut letters = rest.chars();
        capitalised.extend(letters.next().into_iter().flat_map(char::to_uppercase));
        capitalised.push_str(letters.as_str());
        let name = self.doc_count(&capitalised) > 0 || (self.doc_count(w) > 1 && !apart());
        (!name && (!self.words.number_words.contains(rest) || apart() || self.lossy()))
            .then_some(at)
    }

    /// Whether the text writes a number apart from this word (`15 percent`).
    fn number_apart(&self, word: &str) -> bool {
        let bytes = self.text.as_bytes();
        memchr::memmem::find_iter(bytes, word.as_bytes()).any(|i| {
            let end = i + word.len();
            i >= 2
                && bytes[i - 1] == b' '
                && bytes[i - 2].is_ascii_digit()
                && bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric())
        })
    }

    /// A lower-case ASCII token no word list knows, neither the lexicon nor
    /// the web's nor the text's language's: after a comma it makes the token
    /// a list of options or identifiers (`rw,relatime`, `cpu,cpuacct`).
    fn unknown_ascii(&mut self, w: &str) -> bool {
        w.bytes().all(|b| b.is_ascii_lowercase())
            && self.lex_count(w) == 0
            && WebWords::get().zipf(w) < MIN_WEB_WORD
            && self
                .language()
                .is_none_or(|lang| Foreign::get().zipf(lang, w).is_none())
    }

    /// A token with no mark the splitters below cut at (`Zürich`,
    /// `свежиеовощи`): no ASCII character but letters, no apostrophe, and
    /// no character a later map makes a hyphen (the hyphen splitter wants
    /// every other one an ASCII letter, so the first non-ASCII one decides).
    fn unmarked(&self, w: &str) -> bool {
        w.chars()
            .all(|c| c.is_ascii_alphabetic() || !(c.is_ascii() || is_apostrophe(c)))
            && w.chars()
                .find(|c| !c.is_ascii())
                .is_none_or(|c| !self.stand_ins.reads_as(c, '-'))
    }

    /// A lower-case function word glued to an initialism written with dots
    /// (`theU.S.`, `inU.K`): where the initialism starts.
    fn initialism_at(&self, w: &str) -> Option<usize> {
        let at = w.find(|c: char| c.is_ascii_uppercase())?;
        let (l, r) = w.split_at(at);
        let r = r.strip_suffix('.').unwrap_or(r).as_bytes();
        let dotted = r.len() >= 3
            && r.iter().enumerate().all(|(i, &b)| {
                if i % 2 == 0 {
                    b.is_ascii_uppercase()
                } else {
                    b == b'.'
                }
            });
        let head = l.bytes().all(|b| b.is_ascii_lowercase()) && self.is_function(l);
        (dotted && head).then_some(at)
    }

    /// A semicolon, question or exclamation mark between a common lower-case
    /// word and a capitalised one (`work?Or`): the space after it was lost.
    /// Capitalised or upper-case heads and lower-case tails are names and
    /// code; a two-letter head only as a function word (`do?Do`). Not a
    /// colon: `rdf:Description`, `as:Public` are namespaces.
    fn sentence_mark_at(&mut self, w: &str) -> Option<usize> {
        let at = memchr::memchr3(b';', b'?', b'!', w.as_bytes())?;
        let (l, r) = (&w[..at], &w[at + 1..]);
        let l_ok =
            (l.len() >= 3 || self.is_function(l)) && l.bytes().all(|b| b.is_ascii_lowercase());
        // The next word may carry a clitic (`door!We're`) or be `I`.
        let r = match r.char_indices().find(|&(_, c)| is_apostrophe(c)) {
            Some((i, c)) if CLITICS.contains(&&r[i + c.len_utf8()..]) => &r[..i],
            _ => r,
        };
        let r_ok = (r.len() >= 2 || r == "I") && capitalised(r);
        (l_ok
            && r_ok
            && self.is_common(l)
            && (r == "I" || self.is_common(r) || self.doc_count(r) > 0))
            .then_some(at)
    }

    /// A closing parenthesis glued to the next word (`overlap)but`,
    /// `(25%)and`): a word follows, and more than one character stands
    /// inside or before it (`(s)he` is one word).
    fn closing_paren_at(&mut self, w: &str) -> Option<usize> {
        let at = w.rfind(')')?;
        let (l, r) = (&w[..at], &w[at + 1..]);
        // A bracketed prefix reads either way: `(re)built`, `(multi)media`,
        // `Hous(e)ton`; code brackets hold `=` and braces.
        let one_letter_group = l.len() >= 2 && l.as_bytes()[l.len() - 2] == b'(';
        let letters = l.chars().all(char::is_alphabetic);
        let word_before = if letters {
            let lower = l.to_lowercase();
            l.chars().all(char::is_uppercase)
                || RussianForms::get().contains(l)
                || (l.len() >= 3
                    && !self.words.prefixes.contains(&lower)
                    && self.lex_count(&lower) >= self.weak)
        } else {
            !l.ends_with('-')
        };
        if l.chars().count() < 2
            || r.len() < 2
            || one_letter_group
            || !word_before
            || l.contains(['=', '{', '}', ';'])
        {
            return None;
        }
        (self.is_glued_word(r) && (r.chars().count() >= 3 || self.is_function(r))).then_some(at)
    }

    /// A colon between a common word and the next sentence's first
    /// (`right:The`), or between two Russian words (`понадобится:куриное`);
    /// after a heading in a document that lost spaces (`Stage:Think`).
    /// Not between a short or rare word and a name: `rdf:Description`,
    /// `as:Public`, `xmlns:xsi` are namespaces; nor before a lower-case
    /// English word: `display:none` is a style.
    fn colon_at(&mut self, w: &str) -> Option<usize> {
        let at = w.find(':')?;
        let (l, r) = (&w[..at], &w[at + 1..]);
        if r.contains(':') {
            return None;
        }
        let forms = RussianForms::get();
        let cyrillic = |p: &str| p.chars().count() >= 2 && p.chars().all(cyrillic_lower);
        if cyrillic(l) && l.chars().count() >= 4 && cyrillic(r) {
            return (forms.contains(l) && forms.contains(r)).then_some(at);
        }
        let lower = l.len() >= 4 && l.bytes().all(|b| b.is_ascii_lowercase());
        // In a document that lost spaces elsewhere, after a capitalised
        // word (`Stage:Think`, `ABBY:My`), or a function word before one
        // (`do:They`; not the namespace in `as:Public`).
        let heading = |s: &mut Self| {
            let next = s.is_function(r) || s.words.sentence_heads.contains(Self::lower(r).as_ref());
            l.len() >= 2
                && l.bytes().all(|b| b.is_ascii_alphabetic())
                && (l.as_bytes()[0].is_ascii_uppercase() || (s.is_function(l) && next))
                && s.lossy()
        };
        (r.len() >= 2
            && capitalised(r)
            && self.is_common(r)
            && ((lower && !self.is_function(l) && self.is_common(l)) || heading(self)))
        .then_some(at)
    }

    /// Whether a part split off at punctuation is a word: a common or
    /// function word, a capitalised word, or a Russian form.
    fn is_glued_word(&mut self, p: &str) -> bool {
        if p.chars().all(cyrillic_lower) {
            return RussianForms::get().contains(p);
        }
        if !p.bytes().all(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        self.is_function(p)
            || (p.bytes().all(|b| b.is_ascii_lowercase()) && self.lex_count(p) >= self.weak)
            || (capitalised(p) && (self.lex_count(p) >= self.weak || self.doc_count(p) > 0))
    }

    /// A hyphenated compound with a word glued to either end: `athree-game`,
    /// `Thetop-ranked`, `disk-shapedgalaxies`. Only the outer segments are
    /// looked at, each as a token of its own.
    fn split_hyphenated(&mut self, w: &'a str) -> Option<Vec<usize>> {
        // Every character a later map turns into `-` (an en dash, with the
        // opt-in dash map) is a hyphen here, or a second run would find a
        // split the first did not.
        let stand_ins = self.stand_ins;
        let hyphen = |c: char| stand_ins.reads_as(c, '-');
        if (w.is_ascii() && !w.contains('-'))
            || !w
                .chars()
                .all(|c| c.is_ascii_alphabetic() || cyrillic(c) || hyphen(c))
            || self.doc_count(w) > 1
        {
            return None;
        }
        let (first, _) = w.char_indices().find(|&(_, c)| hyphen(c))?;
        let (at, dash) = w.char_indices().rev().find(|&(_, c)| hyphen(c))?;
        let last = at + dash.len_utf8();
        if first == 0 || last == w.len() {
            return None;
        }
        // A lower-case Cyrillic end is read like a Cyrillic token
        // (`вкакой-то`, `какие-топредпочтения`); a capitalised one is a
        // double name's (`Чермак-Новина`).
        let end = |s: &mut Self, p: &'a str| {
            if p.is_ascii() {
                s.split_letters(p)
            } else if p.starts_with(cyrillic_lower) {
                s.split_alpha(p)
            } else {
                None
            }
        };
        let mut cuts = end(self, &w[..first])
            .map(|parts| cuts_of(&parts))
            .unwrap_or_default();
        if let Some(parts) = end(self, &w[last..]) {
            cuts.extend(cuts_of(&parts).into_iter().map(|c| c + last));
        }
        (!cuts.is_empty()).then_some(cuts)
    }

    /// A token with one apostrophe: `thegame’s` splits before the clitic
    /// stem, `you’veexperienced` right after the clitic (and again inside
    /// the rest when it reads as two words: `he’sextremelyproud`).
    fn split_clitic(&mut self, w: &'a str) -> Option<Vec<usize>> {
        let (at, apos) = w.char_indices().find(|&(_, c)| is_apostrophe(c))?;
        let (head, tail) = (&w[..at], &w[at + apos.len_utf8()..]);
        if tail.contains(is_apostrophe) || !head.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        if CLITICS.contains(&tail) {
            // `n't` belongs to its verb: split `alsodon't` as `also` + `do`.
            let stem = if tail == "t" {
                head.strip_suffix('n')?
            } else {
                head
            };
            return Some(cuts_of(&self.split_alpha(stem)?));
        }
        let clitic = CLITICS
            .iter()
            .filter(|c| tail.starts_with(**c))
            .max_by_key(|c| c.len())?;
        let rest = &tail[clitic.len()..];
        let lower = rest.bytes().all(|b| b.is_ascii_lowercase());
        // A capitalised word after the clitic is a name or starts a
        // sentence (`Trump'sJuly`, `Can'tTaylor`, `Woman'sDay`).
        let name = rest.len() >= 3
            && capitalised(rest)
            && (Names::get().contains(rest) || self.lex.count(rest.as_bytes()) >= self.strong);
        let word = name
            || lower
                && (self.is_function(rest)
                    || (rest.len() >= 3 && self.part(rest, false, self.weak).is_some()));
        // `'m` only follows `I`, and no clitic a lone other letter
        // (`S'mores`, `O'Brien`).
        let head_ok = if *clitic == "m" || head.len() == 1 {
            head == "I"
        } else {
            !head.is_empty()
        };
        if !head_ok {
            return None;
        }
        // Two words glued after the clitic split as any token would
        // (`he'sextremelyproud`, `haven'tseenit`).
        let inner = if word {
            None
        } else if lower {
            Some(self.split_alpha(rest)?)
        } else {
            return None;
        };
        if !self.english() {
            return None;
        }
        let start = at + apos.len_utf8() + clitic.len();
        let mut cuts = vec![start];
        cuts.extend(inner.iter().flat_map(|p| cuts_of(p)).map(|c| start + c));
        Some(cuts)
    }

    /// The parts an ASCII-letter token splits into, if it is glued.
    fn split_alpha(&mut self, w: &'a str) -> Option<Vec<&'a str>> {
        if !w.is_ascii() {
            let parts = self
                .split_by_document(w)
                .or_else(|| self.cyrillic_seam(w))
                .or_else(|| self.foreign_seam(w))
                .or_else(|| self.split_foreign(w))
                .or_else(|| self.cyrillic_chain(w))?;
            // Asked only of a token about to split.
            return (!self.listed(w)).then_some(parts);
        }
        if !w.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        self.split_letters(w)
    }

    /// The parts a token of ASCII letters splits into, if it is glued.
    fn split_letters(&mut self, w: &'a str) -> Option<Vec<&'a str>> {
        let bytes = w.as_bytes();
        // Three letters only for a function word and the article (`ofa`,
        // `isa`), and the pronoun (`Iam`).
        let min_len = if bytes.last() == Some(&b'a') || bytes.first() == Some(&b'I') {
            3
        } else {
            4
        };
        if bytes.len() < min_len || bytes.len() > MAX_WORD {
            return None;
        }
        if self.is_word(w) || self.inflects_a_word(w) {
            return None;
        }
        if !self.english() {
            return (self.seam_by_document(w))
                .or_else(|| self.foreign_seam(w))
                .or_else(|| self.split_foreign(w));
        }
        let Some(shape) = shape(bytes) else {
            return self.after_doc_brand(w).or_else(|| self.before_doc_brand(w));
        };
        // A repeated capitalised token is a name: no need to look further
        // (camel case decides by the pairs the document writes apart; a
        // seam written twice is asked about below).
        if !matches!(shape, Shape::Lower | Shape::Camel(_) | Shape::Seam(_))
            && self.doc_count(w) > 1
        {
            return None;
        }
        if let Some(parts) = self.pronoun_i(w, shape) {
            return Some(parts);
        }
        let parts = match self.split_word(w, shape) {
            Some(parts) => parts,
            None if shape == Shape::Lower => self.peel(w).or_else(|| self.chain(w, shape))?,
            None if matches!(shape, Shape::Seam(_)) => {
                (self.before_doc_brand(w)).or_else(|| self.chain(w, shape))?
            }
            None if matches!(shape, Shape::Camel(_) | Shape::Lead(_)) => {
                return self.after_doc_brand(w);
            }
            None => return None,
        };
        // A token the document repeats is a word of its own (a name, jargon)
        // unless it is nothing but function words ("inthe" twice is still glued).
        let only_function =
            shape == Shape::Lower && parts.iter().all(|p| self.is_function(p) || *p == "a");
        // Nor is `the` or `to` before a common word, written a few times
        // (the same phrase glued twice: "thesame", "toget"); other heads
        // make words and identifiers (`aspherical`, `incase`, `mypackage`).
        let led = shape == Shape::Lower
            && self.doc_count(w) <= MAX_REPEATED_GLUE
            && matches!(parts.as_slice(), [head, word]
                if matches!(*head, "the" | "to") && word.len() >= 4
                    && self.lex_count(word) >= self.strong);
        let camel = matches!(shape, Shape::Camel(_));
        // Nor, in a document that lost spaces elsewhere, one written twice
        // (`doublesmatch`, `theChinese`: a line the page repeats).
        let twice = |s: &mut Self| s.doc_count(w) == 2 && s.lossy();
        // A syllable said twice is a word (`hehe`, `mama`), unlike a longer
        // word (`thatthat`).
        let doubled =
            matches!(parts.as_slice(), [a, b] if a.len() <= 2 && a.eq_ignore_ascii_case(b));
        (!doubled
            && !self.web_word(w, shape, &parts)
            && (only_function || led || camel || self.doc_count(w) <= 1 || twice(self)))
        .then_some(parts)
    }

    /// A function word glued to a word the document writes elsewhere with
    /// a capital inside (`theMacBook`, `theiPhone`, `oriPad`), written once,
    /// in a document that lost spaces elsewhere. Not after the heads of
    /// identifiers (`isVisible`, `myFitnessPal`).
    fn before_doc_brand(&mut self, w: &'a str) -> Option<Vec<&'a str>> {
        let head = w.bytes().take_while(u8::is_ascii_lowercase).count();
        let found = (2..=head.min(MAX_BRAND_HEAD)).find(|&at| {
            let (l, r) = w.split_at(at);
            r.len() >= 3
                && r.bytes().skip(1).any(|b| b.is_ascii_uppercase())
                && self.is_function(l)
                && !self.words.camel_heads.contains(l)
                && self.doc_count(r) > 0
        })?;
        (self.doc_count(w) <= 1 && self.lossy()).then(|| vec![&w[..found], &w[found..]])
    }

    /// A word the document writes elsewhere with capitals inside (`MacBook`,
    /// `NASA`, `WeWork`), glued to a lower-case word after it (`NASAis`,
    /// `MacBookkeyboard`): a function word, or a moderately common word in
    /// a document that lost spaces elsewhere. At one cut only, and not in a
    /// token the document repeats. (Not a function word before one:
    /// identifiers are written so, `hasMerchantReturnPolicy`.)
    fn after_doc_brand(&mut self, w: &'a str) -> Option<Vec<&'a str>> {
        if self.doc_count(w) > 1 {
            return None;
        }
        let bytes = w.as_bytes();
        let tail = (bytes.iter().rev())
            .take_while(|b| b.is_ascii_lowercase())
            .count();
        let mut found = None;
        for at in bytes.len() - tail..bytes.len() {
            let (l, r) = w.split_at(at);
            let inner_capital = l.bytes().skip(1).any(|b| b.is_ascii_uppercase());
            let glued = r.len() >= 2
                && inner_capital
                && self.doc_count(l) > 0
                && self.beside_doc_token(r, self.weak);
            if glued {
                if found.is_some() {
                    return None;
                }
                found = Some(vec![l, r]);
            }
        }
        found
    }

    /// The word glued beside a document's brand or model: a function word
    /// but one that ends brands too (`CAIone`), or, in a document that lost
    /// spaces elsewhere, a word of four letters or more of this count.
    fn beside_doc_token(&mut self, p: &str, min_count: u64) -> bool {
        (self.is_function(p) && !self.words.name_tails.contains(p))
            || (p.len() >= 4 && self.lex.count(p.as_bytes()) >= min_count && self.lossy())
    }

    /// A token of the document with digits in it (`RAV4`, `60fps`, `A350`),
    /// written elsewhere on its own, glued to a lower-case word after it
    /// (`RAV4small`, `25thcall`) or before it (`theA350`, `currentRAV4`):
    /// a function word, or a common word in a document that lost spaces
    /// elsewhere. At one cut only, in a token written once.
    fn beside_doc_model(&mut self, w: &str) -> Option<usize> {
        if self.doc_count(w) > 1 || !w.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        let bytes = w.as_bytes();
        // Letters and digits both: not a number (`7am`, `and15`).
        let model = |p: &str| {
            p.bytes().any(|b| b.is_ascii_digit()) && p.bytes().any(|b| b.is_ascii_alphabetic())
        };
        let lower = |b: &&u8| b.is_ascii_lowercase();
        let head = bytes.iter().take_while(lower).count();
        let tail = bytes.iter().rev().take_while(lower).count();
        let mut found = None;
        for at in 1..bytes.len() {
            let (l, r) = w.split_at(at);
            // Three letters at least after a model: variants are
            // named so (`OP1we`).
            let glued = (at >= bytes.len() - tail
                && r.len() >= 3
                && model(l)
                && self.doc_count(l) > 0
                && self.beside_doc_token(r, self.strong))
                || (at <= head
                    && l.len() >= 2
                    && model(r)
                    && self.doc_count(r) > 0
                    && self.beside_doc_token(l, self.strong));
            if glued {
                if found.is_some() {
                    return None;
                }
                found = Some(at);
            }
        }
        found
    }

    /// In a document that lost spaces elsewhere, the pronoun `I` glued to
    /// a function word, a common word of four letters or more or a
    /// moderately common one of five (`Itook`, `Icannot`, `Iuploaded`), in
    /// a token written once that no list knows (names: Ivan, Irene are
    /// words of the lexicon).
    fn pronoun_i(&mut self, w: &'a str, shape: Shape) -> Option<Vec<&'a str>> {
        let r = w.strip_prefix('I')?;
        let word = |s: &mut Self| {
            let count = s.lex.count(r.as_bytes());
            (s.is_function(r)
                || (r.len() >= 4 && count >= s.strong)
                || (r.len() >= 5 && count >= s.weak))
                && !Names::get().contains(w)
                && s.doc_count(w) <= 1
        };
        (shape == Shape::Capitalized && r.len() >= 2 && word(self) && self.lossy())
            .then(|| vec![&w[..1], r])
    }

    /// A token the web writes as one word at least as often, by its word
    /// frequencies, as the parts would stand together if independent, less a
    /// margin (`lookin`, `hella`, `Fallon`, `kettlebells`, `incompressible`):
    /// a spelling, compound or name the lexicon lacks. Not a token of
    /// function words only, which the web glues often (`ofthe`).
    fn web_word(&self, w: &str, shape: Shape, parts: &[&str]) -> bool {
        if !matches!(shape, Shape::Lower | Shape::Capitalized)
            || parts.iter().all(|p| self.is_function(p))
        {
            return false;
        }
        let web = WebWords::get();
        let whole = web.zipf(w);
        if whole < MIN_WEB_WORD {
            return false;
        }
        // Zipf values add as log frequencies; each further part divides by
        // the 10^9 words Zipf counts per.
        let apart: i64 =
            parts.iter().map(|p| web.zipf(p) as i64).sum::<i64>() - 900 * (parts.len() as i64 - 1);
        whole as i64 + WEB_MARGIN >= apart
    }

    /// Three words or more glued in a document that lost spaces elsewhere
    /// (`fewyearslater`, `explanationcurrentlybeing`, `callwithUkrainian`):
    /// a word beside a rest that splits of its own into two, read the same
    /// from every such cut. Lower-case words of some length, and at a seam
    /// a capitalised word the document uses or the name list has.
    fn chain(&mut self, w: &'a str, shape: Shape) -> Option<Vec<&'a str>> {
        if let Shape::Seam(i) = shape {
            let (l, r) = w.split_at(i);
            let name = |s: &mut Self| {
                r.len() >= 3
                    && r.as_bytes()[1..].iter().all(u8::is_ascii_lowercase)
                    && (Names::get().contains(r) || s.doc_count(r) > 0)
            };
            if l.len() < MIN_CHAIN_PART {
                return None;
            }
            let mut parts = self.unchained(|s| name(s).then(|| s.split_letters(l)).flatten())??;
            parts.push(r);
            return Some(parts);
        }
        if w.len() < MIN_CHAIN {
            return None;
        }
        self.unchained(|s| {
            s.three_words(w, MIN_CHAIN_PART, Self::split_letters, |s, p| {
                p.len() >= 3 && s.is_word(p)
            })
        })?
    }

    /// `chain` in Russian text: `икаждыйраз`, `свыбранныммясом`, with the
    /// word beside the rest one of the frequency list.
    fn cyrillic_chain(&mut self, w: &'a str) -> Option<Vec<&'a str>> {
        let mut chars = w.chars();
        let first = chars.next()?;
        if !cyrillic(first) || !chars.all(cyrillic_lower) || w.chars().count() < MIN_CYRILLIC_CHAIN
        {
            return None;
        }
        // A form of the dictionary is a word (`золотистого`, not `золоти|с|того`).
        if !self.russian()
            || !self.lossy()
            || RussianForms::get().contains(w)
            || inflects_a_form(&w.to_lowercase())
        {
            return None;
        }
        let parts = self.unchained(|s| {
            s.three_words(
                w,
                MIN_CYRILLIC_CHAIN_PART,
                Self::split_by_document,
                |_, p| {
                    Foreign::get()
                        .zipf(Language::Russian, &p.to_lowercase())
                        .is_some()
                },
            )
        })??;
        // A one-letter word only leads (`и|каждый|раз`; not `прост|от|у`).
        parts[1..]
            .iter()
            .all(|p| p.chars().nth(1).is_some())
            .then_some(parts)
    }

    /// The three words a token reads as from every cut that leaves a word
    /// beside a rest `split` reads as two (`min_rest` characters or more),
    /// each two neighbours read as two words on their own by `split` too;
    /// none if two cuts read it differently. Run through `unchained`.
    fn three_words(
        &mut self,
        w: &'a str,
        min_rest: usize,
        split: fn(&mut Self, &'a str) -> Option<Vec<&'a str>>,
        word: fn(&mut Self, &'a str) -> bool,
    ) -> Option<Vec<&'a str>> {
        let n = w.chars().count();
        let mut found: Option<Vec<&'a str>> = None;
        for (k, (i, _)) in w.char_indices().enumerate().skip(1) {
            let (l, r) = w.split_at(i);
            let parts = if n - k >= min_rest && word(self, l) {
                [vec![l], split(self, r).unwrap_or_default()].concat()
            } else if k >= min_rest && word(self, r) {
                [split(self, l).unwrap_or_default(), vec![r]].concat()
            } else {
                continue;
            };
            let [a, b, _] = parts.as_slice() else {
                continue;
            };
            let (ab, bc) = (&w[..a.len() + b.len()], &w[a.len()..]);
            if split(self, ab).as_deref() != Some(&parts[..2])
                || split(self, bc).as_deref() != Some(&parts[1..])
            {
                continue;
            }
            if found.as_ref().is_some_and(|f| *f != parts) {
                return None;
            }
            found = Some(parts);
        }
        found
    }

    /// `f` with the parts of a chain read as two words at most, in a
    /// document that lost spaces elsewhere; none within a chain.
    fn unchained<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> Option<T> {
        if self.chaining || !self.lossy() {
            return None;
        }
        self.chaining = true;
        let out = f(self);
        self.chaining = false;
        Some(out)
    }

    /// A phrase of four or more words (`doesnotprotectpeople`,
    /// `agoodposition`): a function word off one end, and a rest that is
    /// no word but splits of its own. Only when one end peels.
    fn peel(&mut self, w: &'a str) -> Option<Vec<&'a str>> {
        if w.len() < MIN_PEEL {
            return None;
        }
        let mut found: Option<Vec<&'a str>> = None;
        let longest = w.len().min(6);
        for k in 1..longest {
            for head in [true, false] {
                let (end, rest) = if head {
                    (&w[..k], &w[k..])
                } else {
                    (&w[w.len() - k..], &w[..w.len() - k])
                };
                if !(self.is_function(end) || end == "a") || self.is_word(rest) {
                    continue;
                }
                let Some(mut parts) = self.split_word(rest, Shape::Lower) else {
                    continue;
                };
                if head {
                    parts.insert(0, end);
                } else {
                    parts.push(end);
                }
                // Mostly content: `at|or|rent`, `mull|it|as` are letters
                // that happen to spell function words.
                let function = parts
                    .iter()
                    .filter(|p| self.is_function(p) || **p == "a")
                    .count();
                if 2 * function > parts.len() {
                    continue;
                }
                if found.as_ref().is_some_and(|f| *f != parts) {
                    return None;
                }
                found = Some(parts);
            }
        }
        found
    }

    /// The best split of an ASCII-letter token, if one is clearly best.
    fn split_word(&mut self, w: &'a str, shape: Shape) -> Option<Vec<&'a str>> {
        if let Shape::Camel(i) = shape {
            let (l, r) = w.split_at(i);
            // Brands and identifiers are camel case (PlayStation, AirPods,
            // CloudWatch, CreateClient): only a pair the document also
            // writes apart is glued (HongKong beside Hong Kong), a repeated
            // one only beside twice as many (StarTrek twice, Star Trek nine
            // times); or, written once, two names of the name list
            // (SeanRobertson, SanFrancisco; brands are made of words:
            // AbeBooks, MaxScript).
            let glued = self.doc_count(w);
            let apart = self.pair_count(l, r);
            let names = Names::get();
            // In a document that lost spaces elsewhere, a name of the list
            // beside a capitalised word, written once, that the web never
            // writes as one (MichaelMalaska, PrinceAndrew; not TomTom), or
            // two words the document writes on their own (CaitlynSmith,
            // MusicPavilion). Two common words alone are as often a brand
            // (SunExpress, StackAdapt).
            let lossy = |s: &mut Self| {
                (names.contains(l)
                    || names.contains(r)
                    || (s.doc_count(l) > 0 && s.doc_count(r) > 0))
                    && s.lossy_unseen(w)
            };
            // Or a function word before a name the list has or the document
            // writes on its own (`TheCarlyle`, `SinceOlivier`; not
            // `TheStreet`, which the web writes).
            let function_head = |s: &mut Self| {
                s.is_function(l)
                    && !s.words.name_heads.contains(Self::lower(l).as_ref())
                    && !s.is_function(r)
                    && (names.contains(r) || s.doc_count(r) > 0)
                    && s.lossy_unseen(w)
            };
            let ok = (!self.is_function(l)
                && !self.is_function(r)
                && ((apart > 0 && (glued <= 1 || apart >= 2 * glued))
                    || (glued <= 1 && l != r && names.contains(l) && names.contains(r))
                    || lossy(self)))
                || function_head(self);
            return ok.then(|| vec![l, r]);
        }
        if let Shape::Seam(i) = shape {
            let (l, r) = w.split_at(i);
            let r_ok = r.len() >= 2 && r.as_bytes()[1..].iter().all(u8::is_ascii_lowercase);
            let known = |s: &mut Self, p: &str| {
                s.lex.count(p.as_bytes()) > 0 || s.is_function(p) || s.doc_count(p) > 0
            };
            // After a function word (onNovember, theUS), or a sentence run
            // into the next (resultsThe); otherwise a content word before a
            // capital is an identifier (contentType, createElement).
            let sentence =
                l.len() >= 2 && self.words.sentence_heads.contains(Self::lower(r).as_ref());
            // The pronoun after a common word: `thinkI`, `andI`.
            let pronoun = l.len() >= 2 && r == "I" && self.lex.count(l.as_bytes()) >= self.strong;
            // A common word before a name the document writes mid-sentence
            // and never in lower case (`affluentAmericans`, `entireBureau`;
            // not `setState`, `sortBy`: identifiers' parts are common words).
            let name = r_ok
                && l.len() >= MIN_CONTENT_PART
                && !self.is_function(r)
                && self.lex.count(l.as_bytes()) >= self.strong
                && self.doc_count(&r.to_ascii_lowercase()) == 0
                && self.name_in_doc(r);
            // After a function word, a capitalised word the document
            // uses as a name: listed, written mid-sentence, or never in
            // lower case (`onNovember`, `theKabul`); identifiers are made
            // of words the page also writes in lower case (`someValue`).
            let proper = |s: &mut Self| {
                Names::get().contains(r)
                    || s.doc_count(&r.to_ascii_lowercase()) == 0
                    || s.name_in_doc(r)
            };
            // The article before a capital only before a word the document
            // uses on its own (`aMike`; not `aMule`, `aPriori`).
            let after_function = self.is_function(l)
                && !self.words.camel_heads.contains(l)
                && (l != "a" || self.doc_count(r) > 0);
            // A word no list knows after a function word is a name too
            // (`atTempus`, `byFerro`): identifiers are made of words.
            let unknown_name = |s: &mut Self| r.len() >= 4 && s.lex.count(r.as_bytes()) == 0;
            // In a document that lost spaces elsewhere, a common word before
            // a capitalised one (`visitingNevada`, `editorTeresa`), or a
            // moderately common one before a name the list has or the
            // document writes on its own (`convictingWebb`).
            let lossy = |s: &mut Self| {
                let name = |s: &mut Self| {
                    l.len() >= 4
                        && s.lex.count(l.as_bytes()) >= s.weak
                        && (Names::get().contains(r) || s.doc_count(r) > 0)
                };
                r_ok && l.len() >= 2
                    && r.len() >= 3
                    && !s.words.camel_heads.contains(l)
                    && (s.is_common(l) || name(s))
                    && s.lossy()
            };
            let glued = pronoun
                || name
                || lossy(self)
                || (r_ok
                    && (sentence || (after_function && proper(self)))
                    && (known(self, r) || (after_function && unknown_name(self))));
            return glued.then(|| vec![l, r]);
        }
        if let Shape::Acronym(i) = shape {
            // After a function word (`theUN`); in a document that lost
            // spaces elsewhere, an acronym of three letters or more after a
            // common word too (`reduceGDP`; brands end in two: watchOS).
            let (l, r) = w.split_at(i);
            let common = |s: &mut Self| l.len() >= 3 && r.len() >= 3 && s.is_common(l) && s.lossy();
            return (self.is_function(l) || common(self)).then(|| vec![l, r]);
        }
        if let Shape::Lead(i) = shape {
            // A function word after an acronym (`CEOand`), unless its last
            // capital starts a word (`UXPin`, `VMWare`, `QCon`); in a document
            // that lost spaces elsewhere, a common word too (`NBAseasons`).
            let (l, r) = w.split_at(i);
            // The lexicon ignores case.
            let word_at_seam = self.lex.count(&w.as_bytes()[i - 1..]) > 0;
            let common =
                |s: &mut Self| r.len() >= 4 && s.lex.count(r.as_bytes()) >= s.strong && s.lossy();
            let glued = ((self.is_function(r) && !self.words.name_tails.contains(r))
                || common(self))
                && !word_at_seam;
            return glued.then(|| vec![l, r]);
        }
        let mut scored: Vec<(f64, Vec<&'a str>)> = Vec::new();
        // Where the token reads as two moderately common words of three
        // letters or more: the three rules below ask, so it is worked out
        // once, when first asked.
        let (lex, weak) = (self.lex, self.weak);
        let pairs = OnceCell::new();
        let common_pairs = || {
            pairs.get_or_init(|| {
                let common = |p: &str| lex.count(p.as_bytes()) >= weak;
                (3..w.len().saturating_sub(2))
                    .filter(|&i| common(&w[..i]) && common(&w[i..]))
                    .collect::<Vec<usize>>()
            })
        };
        // Two long words may be rarer (smaller + stadiums, mindlessly +
        // grabbing) when the token reads as no other pair of words
        // (startscoring is start + scoring or starts + coring).
        let relaxed = shape == Shape::Lower && common_pairs().len() <= 1;
        for i in 1..w.len() {
            let (l, r) = w.split_at(i);
            if let Some(score) = self.article_split(shape, l, r) {
                scored.push((score, vec![l, r]));
                continue;
            }
            // Beside a function word a moderately common word is strong
            // enough; two content words must both be common (tess + elation).
            let long = relaxed
                && l.len() >= MIN_LONG_PART
                && r.len() >= MIN_LONG_PART
                && !self.agent_noun(r);
            // In a document that lost spaces elsewhere, two moderately
            // common words the web never writes as one (`glitch|led`).
            let lossy = |s: &mut Self| {
                shape == Shape::Lower
                    && l.len() >= MIN_CONTENT_PART
                    && r.len() >= MIN_CONTENT_PART
                    && s.lossy_split(&[l, r])
            };
            let min = if self.is_function(l) || self.is_function(r) || long || lossy(self) {
                self.weak
            } else {
                self.strong
            };
            // A suffix that is a common word (`less`, `able`) after a
            // function word or a gerund, which take none (`much|less`,
            // `spending|less`), in a document that lost spaces elsewhere.
            let suffix_word = |s: &mut Self| {
                (s.is_function(l) || (l.len() >= 6 && l.ends_with("ing")))
                    && s.words.suffixes.contains(r)
                    && s.lex_count(r) >= s.strong
                    && s.lossy()
            };
            // A rarer word beside a function word, one the lexicon counts or
            // the web lists (`or|incinerating`, `are|bubonic`), where the
            // web never writes the two as one, in a document that lost
            // spaces elsewhere.
            let beside_function = |s: &mut Self, p: &str, other: &str| {
                (shape == Shape::Lower && p.len() >= MIN_LONG_PART && s.is_function(other))
                    .then(|| s.rare_word(p, w))
                    .flatten()
            };
            // An unknown capitalised word before a function word no name
            // ends in, written once, that the web never writes (`Lovatoand`,
            // `Lucasfilmand`), in a document that lost spaces elsewhere; not
            // after a word the document uses (`Biden|sand`, not `Bidens|and`)
            // nor as a surname (`Storm Filsaimewith`).
            let unknown_head = |s: &mut Self| {
                (shape == Shape::Capitalized
                    && l.len() >= MIN_LONG_PART
                    && s.words.name_safe_tails.contains(r)
                    && !(MIN_DOC_LEFT..l.len()).any(|j| s.doc_count(&w[..j]) > 0)
                    && s.lossy_unseen(w)
                    && !s.surname(w))
                .then(|| s.lex.logp(s.weak))
            };
            // The right part is looked up only when the left one is a word.
            if let Some(a) = (self.part(l, true, min))
                .or_else(|| beside_function(self, l, r))
                .or_else(|| unknown_head(self))
                && let Some(b) = (self.part(r, false, min))
                    .or_else(|| suffix_word(self).then(|| self.lex.logp(self.lex_count(r))))
                    .or_else(|| beside_function(self, r, l))
                && !self.prefix_blocks(l, r)
                && self.plausible(shape, &[l, r])
            {
                scored.push((a + b, vec![l, r]));
            }
        }
        // Two common words (or the article and one) that make the whole
        // token read it better than any three-way split through a function
        // word: desktop + ads, not desk + to + pads; a + torrent, not at +
        // or + rent.
        let two_words = || {
            let article =
                w.len() > 4 && w.starts_with(['a', 'A']) && lex.count(&w.as_bytes()[1..]) >= weak;
            article || !common_pairs().is_empty()
        };
        if scored.is_empty() && !two_words() {
            // Three parts, at least one of them a function word. Content
            // parts of three-way splits are long (outgassing is not out +
            // gas + sing) and prefixes stay bound. What depends on one end
            // only is worked out once per end.
            let n = w.len();
            let tail_function: Vec<bool> = (0..n).map(|j| self.is_function(&w[j..])).collect();
            // Moderately common content words, in a document that lost
            // spaces elsewhere (`making|the|dandelions`).
            let min = if self.lossy() { self.weak } else { self.strong };
            let lower = shape == Shape::Lower;
            let article_logp = self.lex.logp(self.strong);
            let article = |p: &str| (p == "a").then_some(article_logp);
            for i in 2..n {
                let l = &w[..i];
                let l_function = self.is_function(l);
                // A capitalised token splits three ways only behind a
                // function word or a word the document uses (see
                // `capitalized_head`): names are not searched further.
                let capitalised_head =
                    shape == Shape::Capitalized && !l_function && self.doc_count(l) == 0;
                if (!l_function && l.len() < 4) || capitalised_head {
                    continue;
                }
                let Some(a) = self.part(l, true, min) else {
                    continue;
                };
                for j in i + 1..n {
                    let (m, r) = (&w[i..j], &w[j..]);
                    // The article is a part of its own in a lower-case token
                    // only: between a function word and a content word
                    // (`ofathaw`, not `beano`), or last after `to` or `of`
                    // (`talkstoa`, not `burrata`).
                    let r_function = tail_function[j];
                    // A two-letter word last is more often a word's ending
                    // (`advisorator`, `codeharman`, `plateforme`).
                    if (!r_function && r.len() < 4)
                        || r.len() == 2
                        || (m.len() == 1 && !(m == "a" && lower && l_function && !r_function))
                        || (r.len() == 1 && !(r == "a" && lower && matches!(m, "to" | "of")))
                    {
                        continue;
                    }
                    let m_function = self.is_function(m);
                    // Two parts that make a word together are one word
                    // (license + all + owing is license + allowing).
                    let joined = |a: usize, b: usize| self.lex.count(&w.as_bytes()[a..b]) > 0;
                    if !(l_function || m_function || r_function)
                        || joined(0, j)
                        || joined(i, n)
                        // A short content middle only between two function
                        // words, the last not short (`thewayhis`, not `innamon`).
                        || (!m_function
                            && m.len() < 4
                            && !(m.len() == 3 && l_function && r_function && r.len() >= 3))
                        || self.prefix_blocks(l, m)
                        || self.prefix_blocks(m, r)
                    {
                        continue;
                    }
                    if let Some(b) = article(m).or_else(|| self.part(m, false, min))
                        && let Some(c) = article(r).or_else(|| self.part(r, false, min))
                        && self.plausible(shape, &[l, m, r])
                    {
                        scored.push((a + b + c, vec![l, m, r]));
                    }
                }
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        // Two content words that another cut also reads as two content
        // words are a word the lexicon lacks (survivorship: survivors + hip,
        // survivor + ship; cellspacing, photoshopped).
        // Not a pair far less likely than the best (`year|sago` beside
        // `years|ago`).
        let other_pair = |best: &(f64, Vec<&str>)| {
            let (score, best) = (best.0, &best.1);
            let content = |p: &str| p.len() >= 4 && !self.is_function(p);
            let logp = |p: &str| lex.logp(lex.count(p.as_bytes()));
            let cut = best[0].len();
            best.len() == 2
                && !best.iter().any(|p| self.is_function(p) || *p == "a")
                && common_pairs().iter().any(|&i| {
                    let (l, r) = w.split_at(i);
                    i != cut
                        && content(l)
                        && content(r)
                        && logp(l) + logp(r) >= score - OTHER_PAIR_MARGIN
                })
        };
        // A plural before a function word that reads, with its `s`, as a
        // two-letter word and a common one (`ads|can` is `ad|scan`).
        let plural_shift = |best: &[&str]| {
            let [l, r] = best else { return false };
            let shifted = format!("s{r}");
            l.len() == 3
                && r.len() >= 3
                && l.ends_with('s')
                && self.is_function(r)
                && lex.count(&l.as_bytes()[..2]) >= weak
                && lex.count(shifted.as_bytes()) >= self.strong
        };
        match scored.as_slice() {
            [] => None,
            [only] if other_pair(only) || plural_shift(&only.1) => None,
            [only] => Some(only.1.clone()),
            [best, next, ..] => (best.0 - next.0 >= AMBIGUITY_MARGIN).then(|| best.1.clone()),
        }
    }

    /// The article `a` glued to a common word: `ofa`, `througha`, `afight`.
    /// Only in lower-case tokens, only beside a strong word of some length.
    fn article_split(&mut self, shape: Shape, l: &str, r: &str) -> Option<f64> {
        let (word, min_len) = match (shape, l, r) {
            // Not before an adjective in -ic: the privative prefix makes
            // words the lexicon lacks (`acyclic`, `aperiodic`, `abiotic`).
            (Shape::Lower, "a", word) if !word.ends_with("ic") => (word, 4),
            // "ofa", "isa"; a content word only of some length ("madea", not "maca").
            // Not after an adjective in -ic: `arabica`, `elastica` are words.
            (Shape::Lower, word, "a") if !word.ends_with("ic") => {
                (word, if self.is_function(word) { 2 } else { 4 })
            }
            // "Aftera", "Thereisa": a function word of three letters or more,
            // not one that starts names ("Morea", "Cana").
            (Shape::Capitalized, word, "a")
                if word.len() >= 3
                    && self.is_function(word)
                    && !self.surname(&[word, r].concat())
                    && !self.words.name_heads.contains(Self::lower(word).as_ref()) =>
            {
                (word, 3)
            }
            // The pronoun: "Ithink", "Iabsolutely"; names (Imax, Ihop) have short tails.
            // A function word of three letters or more (Ihad, Iwas; not Iam);
            // a content word of four letters is as likely a place (Islip, Ilion).
            (Shape::Capitalized, "I", word) if self.lex.count(word.as_bytes()) >= self.strong => {
                (word, if self.is_function(word) { 3 } else { 5 })
            }
            // The article at a sentence start: "Alarge", not "Alice", "Adams"
            // or "Adarius" (names in the lexicon are rarer than this).
            (Shape::Capitalized, "A", word)
                if self.lex.count(word.as_bytes()) >= SENTENCE_ARTICLE_COUNT =>
            {
                (word, 5)
            }
            _ => return None,
        };
        let count = self.lex.count(word.as_bytes());
        let strong = count >= self.strong || self.is_function(word);
        let bound = self.words.suffixes.contains(word)
            || self.words.prefixes.contains(word)
            || self.words.heads.contains(word);
        // In a document that lost spaces elsewhere, before a shorter common
        // word the web never writes the article glued to (`acup`, `apot`).
        let lossy = |s: &mut Self| l == "a" && word.len() >= 3 && s.lossy_split(&[l, r]);
        (((word.len() >= min_len && strong) || lossy(self)) && !bound)
            .then(|| self.lex.logp(count.max(self.weak)) + self.lex.logp(self.lex.count(b"a")))
    }

    /// The score of a word rarer than `part` takes, as a part of `whole`:
    /// one the lexicon counts or the web lists, not a bound suffix, in a
    /// document that lost spaces elsewhere, when the web never writes the
    /// whole.
    fn rare_word(&mut self, p: &str, whole: &str) -> Option<f64> {
        if self.words.suffixes.contains(p) || !self.lossy() {
            return None;
        }
        let web = WebWords::get();
        let count = self.lex_count(p);
        let known = count >= RARE_COUNT || web.zipf(p) >= RARE_WEB_WORD;
        (known && web.zipf(whole) == 0).then(|| self.lex.logp(count.max(RARE_COUNT)))
    }

    /// A function word or a strong one: what stands either side of a
    /// sentence mark or colon that lost its space.
    fn is_common(&mut self, p: &str) -> bool {
        self.is_function(p) || self.lex_count(p) >= self.strong
    }

    fn is_function(&self, p: &str) -> bool {
        if p.len() > self.words.function_len {
            return false;
        }
        match short_key(p.as_bytes()) {
            Some(key) => self.words.function_keys.contains(&key),
            None => self.words.function.contains(Self::lower(p).as_ref()),
        }
    }

    /// Splits that look like compounds or names are refused: a capitalised
    /// token (usually a name: Bloomberg, Westbrook) splits only through a
    /// function word, and two content words must both be long (roadmap,
    /// chipset and gameplay stay whole), but after a determiner, where a
    /// compound head is the noun of the phrase (`firsttime`).
    fn plausible(&mut self, shape: Shape, parts: &[&str]) -> bool {
        if shape == Shape::Capitalized {
            return self.capitalized_head(parts);
        }
        if parts.iter().any(|p| self.is_function(p)) {
            return true;
        }
        let total: usize = parts.iter().map(|p| p.len()).sum();
        if parts.iter().any(|p| p.len() < MIN_CONTENT_PART) {
            return false;
        }
        // In a document that lost spaces elsewhere, two common words the
        // web never writes as one, however short (`new|big`) and before a
        // gerund (`people|moving`): closed compounds are words the web
        // writes (copywriting, redhat).
        let lossy =
            |s: &mut Self| shape == Shape::Lower && parts.len() == 2 && s.lossy_split(parts);
        if (total < MIN_PHRASE_TOTAL || parts.windows(2).any(|p| gerund_compound(p[0], p[1])))
            && !lossy(self)
        {
            return false;
        }
        let head_after = parts[1..]
            .iter()
            .any(|p| self.words.heads.contains(Self::lower(p).as_ref()));
        (total >= MIN_CONTENT_TOTAL && !head_after)
            || (self.words.determiners).contains(Self::lower(parts[0]).as_ref())
            || (shape == Shape::Lower && parts.len() == 2 && self.lossy_split(parts))
    }

    /// A split the document's lost spaces elsewhere make likely. The web's
    /// word list is asked only then: most documents lost none.
    fn lossy_split(&mut self, parts: &[&str]) -> bool {
        let lower_case = parts.iter().all(|p| !capitalised(p));
        self.lossy() && unknown_to_web(parts, lower_case)
    }

    /// A token written once that the web never writes, in a document that
    /// lost spaces elsewhere: what the lossy splits of capitalised tokens
    /// ask of the whole.
    fn lossy_unseen(&mut self, whole: &str) -> bool {
        self.doc_count(whole) <= 1 && WebWords::get().zipf(whole) == 0 && self.lossy()
    }

    /// Whether the document lost spaces elsewhere, for a split that would
    /// be made if it did.
    fn lossy(&mut self) -> bool {
        self.wants_lossy |= !self.lossy;
        self.lossy
    }

    /// A capitalised token (Kyivin, Thewar) splits only behind a word the
    /// document itself uses (Kyiv) or a function word of three letters or
    /// more (The, And, Now); otherwise it is taken for a name (Crafton,
    /// Marchand, Beto).
    fn capitalized_head(&mut self, parts: &[&str]) -> bool {
        let (head, rest) = (parts[0], &parts[1..]);
        let whole = parts.concat();
        let doc_known = !self.is_function(head) && self.doc_count(head) > 0;
        // Two-letter heads (In, My, An) need a long common tail: Ingeneral,
        // Myhusband, but not Orwell, Atwood or Tobias.
        // Names end in function words too (Juston, Alton, Dorian): not those.
        let name_ending = rest
            .last()
            .is_some_and(|p| self.words.name_endings.contains(*p));
        let function_head = self.is_function(head)
            && !self.words.name_heads.contains(Self::lower(head).as_ref())
            && !self.surname(&whole)
            && !name_ending
            && (head.len() >= 3
                || (self.words.heads_2.contains(head)
                    && (rest
                        .iter()
                        .all(|p| p.len() >= 5 && self.lex.count(p.as_bytes()) >= self.strong)
                        || (rest.len() == 1 && self.words.tails_2.contains(rest[0])))));
        let rest_ok = rest.iter().all(|p| {
            self.is_function(p) || (p.len() >= 3 && self.lex.count(p.as_bytes()) >= self.strong)
        });
        // An inflected word (Dozens, Refugees, Operating) before a function
        // word that never ends a name (not on, in, as, or: Jameson, Austin,
        // Kansas, Windsor).
        let inflected_head = ["s", "ed", "ing"].iter().any(|e| head.ends_with(e))
            && self.lex.count(head.as_bytes()) >= self.weak
            && rest.len() == 1
            && self.words.name_safe_tails.contains(rest[0]);
        // A common word before a function word no name ends in (Openthe,
        // Considerthis, Asidefrom).
        let bare_head = !self.is_function(head)
            && head.len() >= 4
            && self.lex.count(head.as_bytes()) >= self.strong
            && rest.len() == 1
            && self.words.bare_tails.contains(rest[0]);
        let name_tail = rest
            .last()
            .is_some_and(|p| self.words.name_tails.contains(*p));
        // A name the document uses (not a common word: Data, Home and Copy
        // start compounds), then an inflected word (Webbconfessed,
        // Pittsburghcenter is not; Indianofficials): names rarely end in one.
        let doc_head = doc_known
            && !name_tail
            && (rest.iter().any(|p| self.is_function(p))
                || (head.len() >= 4
                    && self.lex.count(head.as_bytes()) < self.strong
                    && rest.len() == 1
                    && rest[0].len() >= 5
                    && ["s", "ed"].iter().any(|e| rest[0].ends_with(e))
                    && !self.words.heads.contains(rest[0])));
        // A name, before a common word: one the name list has (only ever
        // written capitalised: Tuesday, Seoul, Webb, not North, Stone or
        // Cloud, which begin compounds and brands) and the document writes
        // mid-sentence (Rubinstein, Claremont are names of their own).
        let name_head = || {
            !self.is_function(head)
                && head.len() >= 4
                && rest.len() == 1
                && rest[0].len() >= 4
                && !self.is_function(rest[0])
                && self.lex.count(rest[0].as_bytes()) >= self.strong
                && Names::get().contains(head)
        };
        let ok = doc_head || function_head || inflected_head || bare_head;
        // Or before a verb in the past tense, which no name or brand ends in
        // (`Portugalallowed`, `Mondayshowed`; brands end in plurals:
        // Hortonworks, Jupiterimages).
        let past_tense = |p: &str| p.len() >= 5 && p.ends_with("ed");
        // Or, in a document that lost spaces elsewhere, two common words the
        // web never writes as one (`Indianofficials`, `Organicmaterials`,
        // `Mygoal`, `Fridayto`), written once: names are short (Homejoy,
        // Pangut) or repeated.
        let lossy = |s: &mut Self| {
            rest.len() == 1
                && !name_tail
                && parts.iter().all(|p| match s.is_function(p) {
                    true => p.len() >= 3 || s.words.heads_2.contains(*p) || *p == rest[0],
                    false => p.len() >= 4,
                })
                && s.doc_count(&whole) <= 1
                && (Names::get().contains(head) || !s.name_in_doc(&whole))
                && s.lossy_split(parts)
        };
        // Or, in a document that lost spaces elsewhere, a word the document
        // writes on its own before a word of five letters or more, when the
        // web never writes the two as one (`Steelersdefensive`,
        // `Titanincluding`; not `Titanfall`, nor `Biden|sand`).
        let lossy_doc_head = |s: &mut Self| {
            doc_known
                && !name_tail
                && rest.len() == 1
                && rest[0].len() >= 5
                && s.lossy_unseen(&whole)
        };
        // Or, in a document that lost spaces elsewhere, a word before a
        // function word no name ends in, when the web never writes the two
        // as one (`Lovatoand`, `Cubeand`).
        let lossy_safe_tail = |s: &mut Self| {
            head.len() >= 4
                && rest.len() == 1
                && s.words.name_safe_tails.contains(rest[0])
                && s.lossy_unseen(&whole)
        };
        rest_ok
            && (ok
                || (name_head() && (self.name_in_doc(head) || past_tense(rest[0])))
                || lossy(self)
                || lossy_doc_head(self)
                || lossy_safe_tail(self))
    }

    /// In a document in another language written in Latin letters, a
    /// lower-case word glued to a capitalised one (`dieKonsultation`,
    /// `aufBasis`) when the document uses both on their own: with no lexicon
    /// for the language, the document is the evidence.
    fn seam_by_document(&mut self, w: &'a str) -> Option<Vec<&'a str>> {
        let Shape::Seam(i) = shape(w.as_bytes())? else {
            return None;
        };
        let (l, r) = w.split_at(i);
        let r_lower = r.as_bytes()[1..].iter().all(u8::is_ascii_lowercase);
        (l.len() >= 2
            && r.len() >= MIN_DOC_RIGHT
            && r_lower
            && self.doc_count(w) <= 1
            && self.doc_count(l) > 0
            && self.doc_count(r) > 0)
            .then(|| vec![l, r])
    }

    /// German capitalises its nouns and writes no word with a capital
    /// inside, nor do Portuguese and Indonesian: in such a document that
    /// lost spaces elsewhere, a word of the language before a capitalised
    /// one (`neueTechnologien`, `imKontext`, `comDeus`, `wafatnyaNabi`;
    /// after a capitalised head only a function word: `DasKrankenhaus`).
    fn foreign_seam(&mut self, w: &'a str) -> Option<Vec<&'a str>> {
        let (Shape::Seam(i) | Shape::Camel(i)) = shape(w.as_bytes())? else {
            return None;
        };
        let lang = self.language()?;
        if lang != Language::German && !lang.writes_pairs_apart() {
            return None;
        }
        let (l, r) = w.split_at(i);
        let foreign = Foreign::get();
        let head = l.to_ascii_lowercase();
        let head_ok = if capitalised(l) {
            foreign.is_top(lang, &head)
        } else {
            foreign.zipf(lang, &head).unwrap_or(0) >= FOREIGN_WORD
        };
        let r_lower = r.chars().skip(1).all(char::is_lowercase);
        (l.len() >= 2
            && r.len() >= 4
            && r_lower
            && head_ok
            && self.doc_count(w) <= 1
            && self.lossy())
        .then(|| vec![l, r])
    }

    /// A Cyrillic token glued from two words the document uses on their
    /// own: with no lexicon for the language, the document is the evidence.
    /// The left part is long enough not to be a prefix (`под` + `ход`).
    /// In Russian text the dictionary and the word frequencies are evidence
    /// too; a token the document repeats is a word of its own unless it
    /// reads as two frequent words (a repeated heading: `Чтовас`).
    fn split_by_document(&mut self, w: &'a str) -> Option<Vec<&'a str>> {
        let mut chars = w.chars();
        let first = chars.next()?;
        let repeats = self.doc_count(w);
        if !cyrillic(first) || !chars.all(cyrillic_lower) || repeats > MAX_REPEATED_GLUE {
            return None;
        }
        if first.is_uppercase() && self.name_in_doc(w) {
            return None;
        }
        // Only the first letter may be a capital (`Ярешила`).
        let lower: Cow<'_, str> = if first.is_lowercase() {
            Cow::Borrowed(w)
        } else {
            Cow::Owned(w.to_lowercase())
        };
        // A word of the frequency list in Russian text is a word (names:
        // `Асмолов`, `Оливер`; slang: `отмазка`): asked first, as most
        // tokens are, and the list answers in a probe.
        let russian = self.russian();
        if russian && Foreign::get().zipf(Language::Russian, &lower).is_some() {
            return None;
        }
        let mut found = if repeats > 1 {
            None
        } else {
            self.split_by_evidence(w, &lower)
        };
        if found.is_none() && russian {
            found = self
                .frequent_pair(&lower, first.is_uppercase())
                .map(|at| vec![&w[..at], &w[at..]]);
        }
        // A form of the dictionary is a word, whatever the document holds:
        // `доступна` is not `доступ` + `на`, nor `показа` `пока` + `за`.
        if found.is_none() || RussianForms::get().contains(w) || inflects_a_form(&lower) {
            return None;
        }
        // A bound prefix (фото-) starts a compound, and an ending that is
        // also a word (-или, -его) ends an inflected form: готовили is one word.
        let bound = |parts: &[&str]| {
            self.words.prefixes.contains(&parts[0].to_lowercase())
                || self.words.suffixes.contains(parts[1])
        };
        // A capital that is a word but no preposition (`А`, `И`, `Я`) also
        // starts names (Апулей, Исократ): split off only before a frequent
        // word or a verb in the past tense (`Яобычно`, `Ярешила`).
        let name_like = |parts: &[&str]| {
            let (head, rest) = (&lower[..parts[0].len()], parts[1]);
            first.is_uppercase()
                && head.chars().nth(1).is_none()
                && !self.words.dictionary_heads.contains(head)
                && !["л", "ла", "ло", "ли"].iter().any(|e| rest.ends_with(e))
                && Foreign::get()
                    .zipf(Language::Russian, rest)
                    .is_none_or(|z| z < FREQUENT_WORD)
        };
        found.filter(|parts| !bound(parts) && !name_like(parts))
    }

    /// In a Russian document that lost spaces elsewhere, a Russian word
    /// glued to a capitalised one (`мужПолины`, `уВас`, `иМикки`), or a
    /// capitalised one to a surname (`ЕленаАстахова`): written once, the
    /// first a word of the frequency list.
    fn cyrillic_seam(&mut self, w: &'a str) -> Option<Vec<&'a str>> {
        // A capitalised first word only before a surname (`ЕленаАстахова`):
        // brands are made of words (МегаФон, СберБанк).
        let first = w
            .chars()
            .next()
            .filter(|&c| cyrillic_capital(c))
            .map_or(0, char::len_utf8);
        let at = first + w[first..].find(|c: char| !cyrillic_lower(c))?;
        let (l, r) = w.split_at(at);
        let mut rest = r.chars();
        let surname = || {
            [
                "ов", "ев", "ин", "ын", "ова", "ева", "ина", "ына", "ский", "цкий", "ская", "цкая",
            ]
            .iter()
            .any(|e| r.ends_with(e))
        };
        let seam = at > first
            && rest.next().is_some_and(cyrillic_capital)
            && rest.clone().count() >= 1
            && rest.all(cyrillic_lower)
            && (first == 0 || surname())
            && self.doc_count(w) <= 1
            && self.russian()
            && Foreign::get()
                .zipf(Language::Russian, &l.to_lowercase())
                .is_some();
        (seam && self.lossy()).then(|| vec![l, r])
    }

    /// The two words of the document, or a function or dictionary word
    /// beside one, that a Cyrillic token (`lower`, lower-cased) reads as.
    fn split_by_evidence(&mut self, w: &'a str, lower: &str) -> Option<Vec<&'a str>> {
        let first = w.chars().next()?;
        let n = w.chars().count();
        let mut found: Option<Vec<&'a str>> = None;
        let longest = self.words.doc_function_chars;
        let function =
            |p: &str| self.words.doc_heads.contains(p) || self.words.doc_tails.contains(p);
        // Splits off a form of the dictionary the document need not use,
        // asked only when nothing in the document decides: a lower-case
        // token only (capitalised ones are names: Асмолов, Нортон). Each is
        // the two parts and which of them the dictionary must know.
        let mut by_dictionary: Vec<(&'a str, &'a str, &'a str)> = Vec::new();
        for (k, (at, _)) in w.char_indices().enumerate().skip(1) {
            let (l, r) = w.split_at(at);
            let (rest_l, rest_r) = (k, n - k);
            // Two words of the document, neither of them short; or a
            // function word off either end of a word of the document.
            let words = rest_l >= MIN_DOC_LEFT && rest_r >= MIN_DOC_RIGHT;
            let head = rest_l <= longest
                && rest_r >= MIN_DOC_LEFT
                && lower
                    .get(..at)
                    .is_some_and(|h| self.words.doc_heads.contains(h));
            let tail = rest_r <= longest
                && rest_l >= MIN_DOC_LEFT
                && self.words.doc_tails.contains(r)
                && !ending_at(l, r)
                && lower.get(..at).is_some_and(|h| !function(h));
            let ok = (words && self.doc_count(l) > 0 && self.doc_count(r) > 0)
                || (head && self.doc_count(r) > 0)
                || (tail && self.doc_count(l) > 0);
            if ok {
                if found.is_some() {
                    return None;
                }
                found = Some(vec![l, r]);
            }
            // Off a dictionary form that is no verb's and is in common use
            // (not `стыднее`, `коленьям`: a prefixed word's rest), a
            // preposition that is also a verb prefix; off one in a tense, a
            // negation.
            let frequent_rest = |r: &str| {
                Foreign::get()
                    .zipf(Language::Russian, r)
                    .is_some_and(|z| z >= PREFIXED_REST)
            };
            // A form one letter shorter in a document that lost spaces
            // elsewhere (`в|пюре`).
            let long_enough = |s: &mut Self| {
                rest_r >= MIN_PREFIXED_FORM || (rest_r + 1 == MIN_PREFIXED_FORM && s.lossy())
            };
            let prefix_head = rest_l <= self.words.dictionary_head_chars
                && lower.get(..at).is_some_and(|h| {
                    (self.words.dictionary_heads.contains(h) && !verb_like(r) && frequent_rest(r))
                        || (self.words.negation_heads.contains(h) && finite_verb(r))
                })
                && long_enough(self);
            // Off a dictionary form: a head that begins no compound (not
            // все-: всеразрушительный), or a tail off a longer word.
            if first.is_lowercase() {
                if prefix_head || (head && !self.words.doc_compound_heads.contains(l)) {
                    by_dictionary.push((l, r, r));
                } else if tail && rest_l >= MIN_DICTIONARY_LEFT {
                    by_dictionary.push((l, r, l));
                }
            } else if (prefix_head || head) && rest_r >= MIN_PREFIXED_FORM {
                // A sentence's first word glued to the next (`Вкастрюле`,
                // `Яобычно`): the head is the capital.
                by_dictionary.push((l, r, r));
            }
        }
        let forms = RussianForms::get();
        if found.is_none() {
            let mut known = by_dictionary
                .iter()
                .filter(|(_, _, word)| forms.contains(word));
            if let (Some(&(l, r, _)), None) = (known.next(), known.next()) {
                found = Some(vec![l, r]);
            }
        }
        // A capitalised token too in a document that lost spaces elsewhere
        // (`Какуюкухню` at a sentence's start): names are rarely two forms.
        if found.is_none() && self.russian() && (first.is_lowercase() || self.lossy()) {
            found = self.two_forms(w, lower);
        }
        found
    }

    /// The language of a text that is not English, if it is one of those
    /// with word frequencies: the one whose hundred commonest words make up
    /// the largest share of the text's words, if that share is large.
    fn language(&mut self) -> Option<Language> {
        if let Some(language) = self.language {
            return language;
        }
        let language = if self.english() || self.mostly_other_script() {
            None
        } else {
            detect_language(self.text)
        };
        self.language = Some(language);
        language
    }

    /// Whether most of the first words are in a script other than Latin
    /// (a Russian or Korean text): no language with word frequencies, and
    /// no need to read a thousand words to tell.
    fn mostly_other_script(&self) -> bool {
        let (text, cores) = (self.text, self.cores);
        let sample = cores.iter().take(LANGUAGE_SAMPLE);
        let other = sample
            .clone()
            .filter(|c| unlisted_script(&text[c.start..c.end]))
            .count();
        2 * other > sample.count()
    }

    /// A token of a text in another language that reads, at one cut only,
    /// as two of its words: a function word (one of its commonest) beside a
    /// common word, or two common words in a language that does not write
    /// compounds solid (German does: Datenfreigabe). A capitalised token
    /// splits only beside a function word, of three letters or more if it
    /// is the head (`Auchhier`, not `Masami`); a token the language lists is
    /// a word.
    fn split_foreign(&mut self, w: &'a str) -> Option<Vec<&'a str>> {
        let lang = self.language()?;
        let mut chars = w.chars();
        let first = chars.next()?;
        if w.len() < 4
            || !first.is_alphabetic()
            || !chars.all(char::is_lowercase)
            || self.doc_count(w) > 1
        {
            return None;
        }
        let foreign = Foreign::get();
        let lower = w.to_lowercase();
        // Cuts are made in the token as written; a token the language
        // lists is a word (most are: asked first).
        if lower.len() != w.len() || foreign.zipf(lang, &lower).is_some() {
            return None;
        }
        let capitalised = first.is_uppercase();
        let n = lower.chars().count();
        let pairs = lang.writes_pairs_apart() && !capitalised;
        if pairs && let Some(at) = self.one_letter_word(lang, &lower) {
            return Some(vec![&w[..at], &w[at..]]);
        }
        let affixes = lang.glues_affixes();
        // The cuts worth asking the word list about: beside a function word,
        // or (two common words) with both parts long.
        let mut cuts = Vec::new();
        for (k, (at, _)) in lower.char_indices().enumerate().skip(2) {
            let (rest_l, rest_r) = (k, n - k);
            if rest_r < 2 {
                break;
            }
            let (l, r) = lower.split_at(at);
            let (fl, fr) = (foreign.is_top(lang, l), foreign.is_top(lang, r));
            let long = rest_l >= MIN_FOREIGN_PART && rest_r >= MIN_FOREIGN_PART;
            if (fr && !fl && rest_r < 3)
                || (fl && capitalised && rest_l < 3)
                || (fl
                    && !fr
                    && lang == Language::German
                    && self.words.german_compound_heads.contains(l))
            {
                continue;
            }
            let by_list = fl || fr || (pairs && long);
            // Which sides are words the document writes on its own: asked
            // here only of a cut no list keeps, in a document that lost
            // spaces elsewhere, and kept for `beside_doc` below.
            let doc = (!by_list && self.lossy()).then(|| self.doc_sides(w, at, rest_l, rest_r));
            let beside = doc.is_some_and(|(dl, dr)| (dl && rest_r >= 3) || (dr && rest_l >= 3));
            if !(by_list || beside) {
                continue;
            }
            cuts.push((at, rest_l, rest_r, fl, fr, doc));
        }
        if cuts.is_empty() {
            return None;
        }
        let mut found = None;
        for (at, rest_l, rest_r, fl, fr, doc) in cuts {
            let (l, r) = lower.split_at(at);
            let zipf = |p: &str| foreign.zipf(lang, p).unwrap_or(0);
            let listed =
                |list: &FxHashSet<String>, p: &str| list.contains(&format!("{}:{p}", lang.code()));
            // The prefixes are common words: asked of those alone.
            let preposition = fl && listed(&self.words.foreign_prefixes, l);
            // A word's ending may read as a word (`cansar|los`, `spogli|era`,
            // `verzehren|des`): a token read as a word and such an ending is
            // one word, whatever else it could be cut into (`suon|era`, not
            // `suo|nera`), unless the word is a preposition (`con|la`).
            if !preposition && listed(&self.words.foreign_endings, r) && zipf(l) > 0 {
                return None;
            }
            let head_floor = if affixes {
                FOREIGN_FREQUENT
            } else {
                FOREIGN_WORD
            };
            let truncated = lang == Language::Italian
                && !fl
                && !l.ends_with(['a', 'e', 'i', 'o', 'u', 'à', 'è', 'é', 'ì', 'ò', 'ù']);
            // Where clitics and suffixes are written solid, a function word
            // heads only a frequent word (not `in|disporre`), and Italian
            // words end in a vowel (`fuor|che` is `fuorché`). An article or
            // preposition that is also a prefix (`al|daba`, `en|silla`,
            // `con|tentato`) heads only a common word (`la|prima`).
            let prefix = preposition && zipf(r) < FOREIGN_COMMON;
            // In a document that lost spaces elsewhere, a frequent word of
            // some length beside a word the document writes on its own, as
            // written (`Interoperabilität|zwischen`, `Islam|pecah`): not a
            // clitic (`adil|lah`); in German one the document also writes
            // in lower case, which no noun is (`Daten|nutzung` is a
            // compound).
            let frequent = |s: &Self, p: &str, chars: usize| {
                chars >= MIN_FOREIGN_PART
                    && zipf(p) >= FOREIGN_FREQUENT
                    && (lang != Language::German || s.doc_count(p) > 0)
            };
            let beside_doc = |s: &mut Self| {
                s.lossy() && {
                    let (dl, dr) = doc.unwrap_or_else(|| s.doc_sides(w, at, rest_l, rest_r));
                    (dl && frequent(s, r, rest_r)) || (dr && frequent(s, l, rest_l))
                }
            };
            let ok = !truncated
                && !prefix
                && ((fl && fr)
                    || (fl && rest_r >= MIN_FOREIGN_PART && zipf(r) >= head_floor)
                    || (fr && rest_l >= MIN_FOREIGN_PART && zipf(l) >= FOREIGN_WORD)
                    || (pairs
                        && rest_l >= MIN_FOREIGN_PART
                        && rest_r >= MIN_FOREIGN_PART
                        && zipf(l) >= FOREIGN_PAIR
                        && zipf(r) >= FOREIGN_PAIR)
                    || beside_doc(self));
            if ok {
                if found.is_some() {
                    return None;
                }
                found = Some(at);
            }
        }
        found.map(|at| vec![&w[..at], &w[at..]])
    }

    /// Whether each side of a cut of a foreign token (`rest_l` and
    /// `rest_r` characters) is a word the document writes on its own, as
    /// written, of some length.
    fn doc_sides(&self, w: &str, at: usize, rest_l: usize, rest_r: usize) -> (bool, bool) {
        let (l, r) = w.split_at(at);
        (
            rest_l >= MIN_FOREIGN_PART && self.doc_count(l) > 0,
            rest_r >= MIN_FOREIGN_PART && self.doc_count(r) > 0,
        )
    }

    /// Where a language that writes its words apart has one-letter words
    /// (Portuguese `e`, `o`, `a`, `é`), one glued to either end of a common
    /// word of it (`ealunos`, `fazero`), at one end only, in a document that
    /// lost spaces elsewhere: elsewhere too many of its words read so.
    fn one_letter_word(&mut self, lang: Language, lower: &str) -> Option<usize> {
        let foreign = Foreign::get();
        let first = lower.chars().next()?.len_utf8();
        let last = lower.len() - lower.chars().next_back()?.len_utf8();
        let reads = |letter: &str, word: &str| {
            foreign.is_top(lang, letter)
                && word.chars().count() >= 3
                && foreign
                    .zipf(lang, word)
                    .is_some_and(|z| z >= FOREIGN_FREQUENT)
        };
        let head = reads(&lower[..first], &lower[first..]);
        let tail = reads(&lower[last..], &lower[..last]);
        if head == tail || foreign.zipf(lang, lower).is_some() || !self.lossy() {
            return None;
        }
        Some(if head { first } else { last })
    }

    /// Russian text writes `ы`; Bulgarian, Serbian and Macedonian never do,
    /// and Belarusian and Ukrainian write `і` too. The dictionary is Russian.
    fn russian(&mut self) -> bool {
        *self.russian.get_or_insert_with(|| {
            // String needles: searched for far faster than a set of chars.
            let t = self.text;
            t.contains("ы") && !["і", "І", "ї", "є", "ў"].iter().any(|c| t.contains(c))
        })
    }

    /// A Cyrillic token (`lower`, lower-cased; capitalised only where the
    /// document lost spaces) that reads, at one cut only, as two
    /// dictionary forms of some length (`поклонниковрецептами`). A left part
    /// that ends in the linking vowel before a long right one is a compound's
    /// head (`полноэкранном`, `земледелие`), and a right part that starts
    /// with a vowel is more often a suffix the dictionary lacks before it
    /// (`стыкуем` + `ость`, `банком` + `атом`) than a word.
    fn two_forms(&mut self, w: &'a str, lower: &str) -> Option<Vec<&'a str>> {
        // Shorter tokens only in a document that lost spaces elsewhere:
        // most documents did not, and the dictionary walk is dear.
        let n = w.chars().count();
        if n < 2 * MIN_LOSSY_FORM || (n < MIN_FORMS_LEFT + MIN_FORMS_RIGHT && !self.lossy()) {
            return None;
        }
        let forms = RussianForms::get();
        // Both in use too: the dictionary holds rare forms that read as the
        // parts of words (`посек` + `торного`, `перекали` + `бровки`).
        let listed = |p: &str| Foreign::get().zipf(Language::Russian, p).is_some();
        // The dictionary folds `ё`; so does the walk for the left parts.
        let folded = lower.replace('ё', "е");
        let prefixes = forms.prefixes(&folded);
        // The walk reaches the end of a token that is a form itself.
        // Lower-casing keeps a Cyrillic letter's length: cuts in `lower`
        // are cuts in `w`.
        if prefixes.last() == Some(&w.len()) || lower.len() != w.len() {
            return None;
        }
        let mut found = None;
        for at in prefixes {
            let (l, r) = lower.split_at(at);
            let (rest_l, rest_r) = (l.chars().count(), r.chars().count());
            let c = r.chars().next().unwrap_or('ь');
            let linked = rest_r > MIN_FORMS_RIGHT && linking_vowel(l);
            let vowel = matches!(c, 'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я');
            if rest_l < MIN_LOSSY_FORM
                || rest_r < MIN_LOSSY_FORM
                || c == 'ь'
                || c == 'ъ'
                || !forms.contains(r)
                || !listed(l)
            {
                continue;
            }
            // A rarer right form, long and not starting with a vowel, after
            // a long left one, in a document that lost spaces elsewhere
            // (`нарезать|брусочками`; not `синем|аграфии`).
            let rare_ok = |s: &mut Self| {
                rest_l >= MIN_FORMS_LEFT && rest_r >= MIN_RARE_FORM && !vowel && s.lossy()
            };
            if !(listed(r) || rare_ok(self)) {
                continue;
            }
            let zipf = |p: &str| Foreign::get().zipf(Language::Russian, p).unwrap_or(0);
            // A compound's head (`полно|экранном`) unless, in a document
            // that lost spaces elsewhere, both are common words
            // (`лучше|заранее`).
            if linked && !(zipf(l) >= FOREIGN_PAIR && zipf(r) >= FOREIGN_PAIR && self.lossy()) {
                continue;
            }
            // In a document that lost spaces elsewhere, a shorter part that
            // is one of the commonest words (`два|раза`, `кем|хочу`; not
            // `кур|куму`), and a right part that starts with a vowel
            // (`вариантов|идей`).
            let short = (rest_l < MIN_FORMS_LEFT && zipf(l) < COMMONEST_SHORT_FORM)
                || (rest_r < MIN_FORMS_RIGHT && zipf(r) < COMMONEST_SHORT_FORM);
            let relaxed = vowel || rest_l < MIN_FORMS_LEFT || rest_r < MIN_FORMS_RIGHT;
            if short || (relaxed && !self.lossy()) {
                continue;
            }
            if found.is_some() {
                return None;
            }
            found = Some(vec![&w[..at], &w[at..]]);
        }
        found
    }

    /// Where a lower-cased Russian token reads, at one cut only, as two
    /// words of the frequency list, one of them among the commonest
    /// (`что|вас`, `кухня|и`): the other is one too or a common word of
    /// four letters or more. The token is in no list itself. A preposition
    /// that is also a prefix heads only a commonest word (`из|чего`, not
    /// `под|каталоги`), and a short tail is no ending (`лайфхаки`, `книга`).
    fn frequent_pair(&self, lower: &str, capitalised: bool) -> Option<usize> {
        let foreign = Foreign::get();
        let ru = Language::Russian;
        let common = |p: &str| {
            let short = p.chars().count() < MIN_FOREIGN_PART;
            let floor = if short { FREQUENT_WORD } else { FOREIGN_WORD };
            (!short || p.len() >= 4) && foreign.zipf(ru, p).is_some_and(|z| z >= floor)
        };
        let mut found = None;
        for at in foreign.russian_top_cuts(lower) {
            let (l, r) = lower.split_at(at);
            let (fl, fr) = (foreign.is_top(ru, l), foreign.is_top(ru, r));
            let prefix = || {
                self.words.dictionary_heads.contains(l)
                    || self.words.negation_heads.contains(l)
                    || self.words.prefixes.contains(l)
            };
            let frequent = |p: &str| foreign.zipf(ru, p).is_some_and(|z| z >= FREQUENT_WORD);
            let head = fl && (fr || if prefix() { frequent(r) } else { common(r) });
            // Words end in what reads as a word (прием|ли, объем|лет, жажда|я):
            // only a conjunction after a common word, or a frequent word.
            let tail = fr && !ending_at(l, r) && if r == "и" { common(l) } else { frequent(l) };
            // Names end in them too (Прудон, Верас), or start with one
            // letter (Ихара): a capitalised token splits after a word.
            let ok = if capitalised {
                head && l.chars().nth(1).is_some() && !prefix()
            } else {
                head || tail
            };
            if ok {
                if found.is_some() {
                    return None;
                }
                found = Some(at);
            }
        }
        // Asked last: most tokens have no cut that reads as two words.
        found.filter(|_| foreign.zipf(ru, lower).is_none())
    }

    /// An agent noun of a verb the lexicon knows (`blowers`, `climber`,
    /// `blender`): the head of a compound (whistleblowers), not a phrase.
    fn agent_noun(&self, p: &str) -> bool {
        let stem = ["ers", "er", "rs", "r"]
            .iter()
            .find_map(|e| p.strip_suffix(e));
        stem.is_some_and(|s| s.len() >= 3 && self.lex.count(s.as_bytes()) >= self.known)
    }

    /// A bound prefix (`un`, `over`, `cyber`) only stands alone before a
    /// function word, and a particle after a bare verb is a compound noun
    /// (`rollout`, `pickup`), while after an inflected one it is glue
    /// (`pluggedup`), or in a document that lost spaces elsewhere, before
    /// one the web never writes (`paiddown`, `growup`).
    fn prefix_blocks(&mut self, l: &str, r: &str) -> bool {
        let inflected = ["ed", "s", "ing"].iter().any(|e| l.ends_with(e))
            || l.as_bytes()[0].is_ascii_uppercase();
        (self.words.prefixes.contains(Self::lower(l).as_ref()) && !self.is_function(r))
            || (self.words.particles.contains(r)
                && !self.is_function(l)
                && !inflected
                && !self.lossy_split(&[l, r]))
    }
}

/// A short closed compound is a word the web writes (roadmap, gameplay,
/// deathbed); two common words the web never writes as one are a phrase that
/// lost its space (`deathtoll`, `yearsago`, `bondprices`).
fn unknown_to_web(parts: &[&str], lower_case: bool) -> bool {
    let web = WebWords::get();
    let zipf: Vec<u64> = parts.iter().map(|p| web.zipf(p)).collect();
    let common = zipf.iter().all(|&z| z >= COMMON_WEB_PART);
    // A rarer word beside a commoner one (`known|harms`, `swap|out`), but
    // not a name's head (`Amer|is`).
    let rarer = lower_case
        && zipf.iter().all(|&z| z >= RARER_WEB_PART)
        && zipf.iter().sum::<u64>() >= WEB_PAIR;
    // The web's own lost spaces list some phrases as words (`forthis`,
    // `infact`): far rarer than the words apart, they are still phrases.
    let whole = web.zipf(&parts.concat()) as i64;
    let apart = zipf.iter().sum::<u64>() as i64 - 900 * (parts.len() as i64 - 1);
    (common || rarer) && (whole == 0 || whole + WEB_GLUE_MARGIN <= apart)
}

/// A bare noun or verb before a gerund makes a compound (copywriting,
/// wireframing, recordkeeping, livestreaming); an inflected word or an
/// adverb before one is a phrase (systems including, started digging,
/// fighting leading).
fn gerund_compound(l: &str, r: &str) -> bool {
    r.len() >= 6 && r.ends_with("ing") && !["s", "ed", "ing", "ly"].iter().any(|e| l.ends_with(e))
}

/// Adds the cores with a glued closing quote to the round's splits (in core
/// order); a core the word splitter split waits for the next round.
fn quote_splits(
    text: &str,
    cores: &[Core],
    stand_ins: &StandIns,
    split: &mut Vec<(usize, String)>,
) {
    let closing = closing_quotes(text, stand_ins);
    if closing.is_empty() {
        return;
    }
    let taken: FxHashSet<usize> = split.iter().map(|(i, _)| *i).collect();
    let mut added = false;
    let mut quotes = closing.iter().peekable();
    while let Some(&q) = quotes.next() {
        let i = cores.partition_point(|c| c.end <= q);
        let Some(c) = cores.get(i).filter(|c| c.start < q && !taken.contains(&i)) else {
            continue;
        };
        let mut cuts = vec![q - c.start];
        while let Some(&&next) = quotes.peek().filter(|&&&n| n < c.end) {
            cuts.push(next - c.start);
            quotes.next();
        }
        let w = &text[c.start..c.end];
        split.push((i, spaced(w, &cuts)));
        added = true;
    }
    if added {
        split.sort_by_key(|(i, _)| *i);
    }
}

/// A core with a space at each cut.
fn spaced(w: &str, cuts: &[usize]) -> String {
    let mut out = String::with_capacity(w.len() + cuts.len());
    let mut pos = 0;
    for &c in cuts {
        out.push_str(&w[pos..c]);
        out.push(' ');
        pos = c;
    }
    out.push_str(&w[pos..]);
    out
}

/// Where a closing straight quote is glued to the next word (`over,"Trump`,
/// `"VIP"guest`): after every second quote of a paragraph with an even
/// number of them, when a word stands right before the quote and a letter
/// right after it. Every character a later map turns into `"` counts as a
/// quote, or a second run would count differently.
fn closing_quotes(text: &str, stand_ins: &StandIns) -> Vec<usize> {
    let bytes = text.as_bytes();
    let quote = |c: char| stand_ins.reads_as(c, '"');
    // Quote marks start with one of three bytes (`"`, U+00AB/BB, U+201x),
    // unless a pack's map turns something else into `"`: then every
    // character is looked at.
    let lead = |c: &char| c.encode_utf8(&mut [0; 4]).as_bytes()[0];
    let common = (stand_ins.ascii.iter())
        .filter(|(_, to)| to.starts_with('"'))
        .all(|(c, _)| matches!(lead(c), b'"' | 0xC2 | 0xE2));
    let starts: Box<dyn Iterator<Item = usize>> = if common {
        Box::new(memchr::memchr3_iter(b'"', 0xC2, 0xE2, bytes))
    } else {
        Box::new(text.char_indices().map(|(i, _)| i))
    };
    let mut found: Vec<(usize, usize)> = Vec::new();
    for at in starts {
        if let Some(c) = text.get(at..).and_then(|t| t.chars().next())
            && quote(c)
        {
            found.push((at, at + c.len_utf8()));
        }
    }
    let mut out = Vec::new();
    let mut para = 0;
    while para < found.len() {
        // The quotes of one paragraph: no blank line between them.
        let mut end = para + 1;
        while end < found.len() && !text[found[end - 1].1..found[end].0].contains("\n\n") {
            end += 1;
        }
        let quotes = &found[para..end];
        if quotes.len().is_multiple_of(2) {
            for &(start, after) in quotes.iter().skip(1).step_by(2) {
                // A word or its punctuation before the quote, not a number
                // (an inch mark: 35.5"W) or an escape; `…` as the `.` a
                // later map may make of it.
                let before = (text[..start].chars().next_back())
                    .map(|c| stand_ins.ascii_char(c).unwrap_or(c));
                let next = text[after..].chars().next();
                if before.is_some_and(|c| {
                    c.is_alphabetic()
                        || matches!(c, ',' | '.' | '!' | '?' | ')' | '\'' | '\u{2019}')
                }) && next.is_some_and(glued_letter)
                    && !code_like(text, start, after)
                {
                    out.push(after);
                }
            }
        }
        para = end;
    }
    out
}

/// The longest token a glued closing quote is split in.
const LONGEST_QUOTED: usize = 64;

/// Whether the token around a quote (at `start..after`) is markup or code:
/// long, or holding characters prose does not glue to a quote.
fn code_like(text: &str, start: usize, after: usize) -> bool {
    let from = text[..start]
        .char_indices()
        .rev()
        .take(LONGEST_QUOTED)
        .find(|(_, c)| c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8());
    let from = match from {
        Some(from) => from,
        None if start < LONGEST_QUOTED => 0,
        None => return true,
    };
    let to = text[after..]
        .char_indices()
        .take(LONGEST_QUOTED)
        .find(|(_, c)| c.is_whitespace())
        .map_or(text.len(), |(i, _)| after + i);
    to - from > LONGEST_QUOTED
        || text[from..to].chars().any(|c| {
            matches!(
                c,
                '\\' | '{' | '}' | '[' | ']' | '=' | '<' | '>' | '_' | '/' | '|' | ':'
            )
        })
}

/// Every mark the punct phase turns into `'` is an apostrophe to the glue
/// phase, or a second run would find a split the first did not.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}'..='\u{201B}' | '\u{02BC}')
}

/// An ASCII word of one capital and lower-case letters (`The`, `Senator`).
fn capitalised(p: &str) -> bool {
    let mut bytes = p.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_uppercase()) && bytes.all(|b| b.is_ascii_lowercase())
}

/// A letter of the scripts a glued closing quote is split from (as in
/// `glue.closing-quote`: Latin, Greek, Cyrillic).
fn glued_letter(c: char) -> bool {
    c.is_alphabetic()
        && matches!(c, 'A'..='Z' | 'a'..='z' | '\u{C0}'..='\u{24F}' | '\u{370}'..='\u{4FF}')
}

/// The language of the text among those with word frequencies, by the
/// share of its first words that are the language's commonest.
fn detect_language(text: &str) -> Option<Language> {
    let foreign = Foreign::get();
    let mut hits = [0usize; Language::ALL.len()];
    let mut words = 0usize;
    let sample = (text.split(|c: char| !alphabetic(c)))
        .filter(|w| !w.is_empty())
        .take(FOREIGN_SAMPLE);
    for w in sample {
        words += 1;
        if unlisted_script(w) {
            continue;
        }
        let lower = if w.is_ascii() {
            Splitter::lower(w)
        } else {
            Cow::Owned(w.to_lowercase())
        };
        let top = foreign.top_of(&lower);
        for (i, hit) in hits.iter_mut().enumerate() {
            *hit += usize::from(top & (1 << i) != 0);
        }
    }
    let (best, &n) = hits.iter().enumerate().max_by_key(|&(_, n)| *n)?;
    (words > 0 && n as f64 > MIN_LANGUAGE_SHARE * words as f64).then(|| Language::ALL[best])
}

/// A lower-case word of two letters or more in a script other than Latin
/// (`каталог`, `λέξη`, `사진`): words the English share counts as not English,
/// or a Russian page's identifiers (`errno`, `whatis`) would make it English.
fn other_script(w: &str) -> bool {
    let mut chars = w.chars();
    chars
        .next()
        .is_some_and(|c| c >= '\u{0370}' && alphabetic(c) && !c.is_uppercase())
        && chars.next().is_some()
}

/// `char::is_alphabetic`, answered from ranges for ASCII, Latin-1 and
/// Cyrillic letters (the tables are slow outside ASCII).
fn alphabetic(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' => false,
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{FF}' => true,
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{04FF}' | '\u{AC00}'..='\u{D7A3}' => true,
        _ => c.is_alphabetic(),
    }
}

/// A word in a script whose letters stay in it in lower case and that none
/// of the wordfreq lists of other languages writes: Greek to Arabic, Hangul
/// Jamo, and from the CJK punctuation on (not the letter-like symbols before
/// it, whose Kelvin sign becomes `k`).
fn unlisted_script(w: &str) -> bool {
    w.starts_with(
        |c: char| matches!(c, '\u{0370}'..='\u{06FF}' | '\u{1100}'..='\u{11FF}' | '\u{3000}'..),
    )
}

/// Whether a short tail is more likely an ending of the word before it:
/// `и` after a consonant (a plural: `лайфхаки`, `сокетами`), `в` after `о`,
/// `е` (a genitive plural: `-ов`, `-ев`), `но` after a consonant (an adverb:
/// `побитно`), and `а`, `я`, `о`, `у` after one (`книга`, `нравится`).
fn ending_at(l: &str, r: &str) -> bool {
    let last = l.chars().next_back().unwrap_or(' ');
    let vowel = matches!(
        last,
        'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я' | 'й'
    );
    match r {
        "и" | "но" | "а" | "я" | "о" | "у" => !vowel,
        "в" => matches!(last, 'о' | 'е' | 'ё'),
        _ => false,
    }
}

/// A case form of a noun or adjective whose dictionary entry lacks it (the
/// dictionary has `отправка` but not its plural `отправками`): an ending off,
/// a nominative ending on, and the dictionary has the word.
fn inflects_a_form(w: &str) -> bool {
    let forms = RussianForms::get();
    const ENDINGS: [&str; 22] = [
        "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ах", "ях", "ам", "ям", "ов", "ев",
        "ей", "ой", "ом", "ем", "ых", "их", "ую", "юю",
    ];
    const NOMINATIVE: [&str; 8] = ["", "а", "я", "о", "ь", "ый", "ий", "ой"];
    ENDINGS
        .iter()
        .filter_map(|e| w.strip_suffix(e))
        .any(|stem| {
            stem.chars().count() >= 3
                && NOMINATIVE
                    .iter()
                    .any(|n| forms.contains(&format!("{stem}{n}")))
        })
}

/// A Russian form in the present or past tense (`нравятся`, `понравился`,
/// `должно` is not): `не` before one is written apart.
fn finite_verb(w: &str) -> bool {
    [
        "ет", "ёт", "ит", "ут", "ют", "ат", "ят", "ется", "ётся", "ится", "утся", "ются", "атся",
        "ятся", "ешь", "ишь", "лся", "лась", "лось", "лись",
    ]
    .iter()
    .any(|e| w.ends_with(e))
}

/// A Russian form that may be a verb's: an infinitive, imperative,
/// reflexive, tense, participle or gerund ending (`мешайте`, `солить`,
/// `клонирован`, `генерированных`, `действуя`). A preposition glued before
/// one is more often its prefix (`вмешайте`, `досолить`) than a word.
fn verb_like(w: &str) -> bool {
    finite_verb(w)
        || [
            "ть",
            "ти",
            "чь",
            "ся",
            "сь",
            "йте",
            "ите",
            "л",
            "ла",
            "ло",
            "ли",
            "ем",
            "ан",
            "ян",
            "ен",
            "ён",
            "аны",
            "яны",
            "ены",
            "ана",
            "яна",
            "ена",
            "ано",
            "яно",
            "ено",
            "уя",
            "юя",
            "ая",
            "яя",
            "вши",
            "нный",
            "нная",
            "нное",
            "нные",
            "нных",
            "нным",
            "нными",
            "нном",
            "нной",
            "нного",
            "нному",
            "нную",
            "мый",
            "мая",
            "мое",
            "мые",
            "мых",
            "мым",
            "мыми",
            "мом",
            "мой",
            "мого",
            "мому",
            "мую",
            "щий",
            "щая",
            "щее",
            "щие",
            "щих",
            "щим",
            "щими",
            "щем",
            "щей",
            "щего",
            "щему",
            "щую",
            "вший",
            "вшая",
            "вшее",
            "вшие",
            "вших",
            "вшим",
            "вшими",
            "вшем",
            "вшей",
            "вшего",
            "вшему",
            "вшую",
        ]
        .iter()
        .any(|e| w.ends_with(e))
}

/// A stem ending in the vowel that links a compound's parts (`полно-`,
/// `земле-`): `о` or `е` after a consonant, but not an adjective's ending
/// (`кондитерского`, `новые`).
fn linking_vowel(p: &str) -> bool {
    let mut rev = p.chars().rev();
    let vowel = |c: char| "аеёиоуыэюя".contains(c);
    matches!(rev.next(), Some('о' | 'е'))
        && rev.next().is_some_and(|c| !vowel(c))
        && !p.ends_with("ого")
        && !p.ends_with("его")
}

/// A letter of the Cyrillic block (U+0400..U+04FF).
fn cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// A capital of the Russian alphabet.
fn cyrillic_capital(c: char) -> bool {
    matches!(c, 'А'..='Я' | 'Ё')
}

/// A lower-case Cyrillic letter (U+0400..U+04FF), by range: the block
/// alternates capital and small letters, and this runs for every letter of
/// every Cyrillic word.
fn cyrillic_lower(c: char) -> bool {
    let n = c as u32;
    match n {
        0x0430..=0x045F | 0x04CF => true,
        0x0460..=0x0481 | 0x048A..=0x04BF | 0x04D0..=0x04FF => n % 2 == 1,
        0x04C1..=0x04CE => n.is_multiple_of(2),
        _ => false,
    }
}

/// Contraction and possessive endings after an apostrophe.
const CLITICS: &[&str] = &["s", "t", "ve", "re", "ll", "d", "m"];

/// Where a space goes between consecutive parts of a token.
fn cuts_of(parts: &[&str]) -> Vec<usize> {
    parts[..parts.len() - 1]
        .iter()
        .scan(0, |at, p| {
            *at += p.len();
            Some(*at)
        })
        .collect()
}

/// A comma glued before a word (`game,sit`, `14,according`, `large,fold-out`):
/// the space after it was lost. Digits after the comma (`1,000`), one-letter
/// words but for `a` and `I` (`x,y`), and scripts written without spaces are
/// left alone. Hyphens and apostrophes are also what later maps make them
/// (a dash that becomes `--`), or a second run would judge differently.
fn comma_at(w: &str, stand_ins: &StandIns) -> Option<usize> {
    let at = w.bytes().position(|b| b == b',')?;
    let (left, right) = (&w[..at], &w[at + 1..]);
    let spaced = |c: char| !unspaced(c);
    let joiner =
        |c: char| c == '\u{2019}' || stand_ins.reads_as(c, '-') || stand_ins.reads_as(c, '\'');
    let inner = |c: char| c.is_alphabetic() || joiner(c);
    let left_ok = left.chars().count() >= 2
        && left.chars().any(char::is_alphanumeric)
        && left
            .chars()
            .all(|c| spaced(c) && (c.is_alphanumeric() || joiner(c) || c == ')'));
    let right_ok = right.chars().next().is_some_and(char::is_alphabetic)
        && right.chars().all(|c| spaced(c) && inner(c))
        && (right.chars().count() >= 2 || matches!(right, "a" | "I" | "A"));
    (left_ok && right_ok).then_some(at)
}

/// Scripts written without spaces between words: nothing to split.
fn unspaced(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{0E00}'..='\u{0E7F}')
}

/// One round of splitting: its edits, and whether the text they make is
/// settled (a next round would split nothing).
pub(crate) struct Round {
    pub(crate) edits: Vec<Edit>,
    pub(crate) settled: bool,
}

pub(crate) fn split(text: &str, ctx: &Ctx<'_>, rule: usize) -> Round {
    let mut edits = Vec::new();
    let windows = windows(text);
    let mut settled = true;
    for window in &windows {
        let one = split_window(&text[window.clone()], window.start, ctx, rule, &mut edits);
        // With several windows the proof is not attempted: the next round runs.
        settled &= one && windows.len() == 1;
    }
    Round { edits, settled }
}

/// How much text a document's evidence (its vocabulary, its language) is
/// drawn from, in ASCII letters and digits: a longer text (a whole book, a
/// dump of pages in one record) is taken a window at a time, which keeps
/// the per-document tables small.
const WINDOW_LETTERS: usize = 1 << 20;

/// A window also ends at a line break past this many bytes (text with few
/// ASCII letters).
const WINDOW_BYTES: usize = 8 << 20;

/// The windows of a text: each ends at the first line break after
/// `WINDOW_LETTERS` ASCII letters and digits. Later phases and this one
/// change no ASCII letter or line break, so a text cleaned again is cut in
/// the same places and the same evidence decides the same splits.
fn windows(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    if bytes.len() < WINDOW_LETTERS {
        out.push(0..bytes.len());
        return out;
    }
    let (mut start, mut letters, mut line) = (0, 0, 0);
    while line < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[line..]).map_or(bytes.len(), |i| line + i + 1);
        letters += bytes[line..end]
            .iter()
            .filter(|b| b.is_ascii_alphanumeric())
            .count();
        line = end;
        if letters >= WINDOW_LETTERS || line - start >= WINDOW_BYTES {
            out.push(start..line);
            (start, letters) = (line, 0);
        }
    }
    if start < bytes.len() {
        out.push(start..bytes.len());
    }
    out
}

/// Splits the glued words of one window of the text, at `offset` in it;
/// returns whether the window is settled after them.
fn split_window(
    text: &str,
    offset: usize,
    ctx: &Ctx<'_>,
    rule: usize,
    edits: &mut Vec<Edit>,
) -> bool {
    let cores = cores(text);
    let lex = Lexicon::get();
    let (doc, lexes) = doc_words(text, &cores, lex);
    let mut sp = Splitter {
        cores: &cores,
        lex,
        words: ctx.words,
        strong: ctx.tunables.strong_count,
        weak: ctx.tunables.weak_count,
        known: ctx.tunables.known_count,
        doc,
        lexes,
        english: None,
        russian: None,
        language: None,
        stand_ins: ctx.stand_ins,
        pairs: None,
        names: None,
        surnames: None,
        lossy: false,
        wants_lossy: false,
        chaining: false,
        comma_glued: false,
        text,
    };
    let mut split = Vec::new();
    let mut unsplit = Vec::new();
    // A token's decision depends on the token and the document only: each
    // is judged once.
    let mut judged: FxHashMap<&str, (Option<String>, bool, bool)> = FxHashMap::default();
    let mut commas = 0;
    for (i, c) in cores.iter().enumerate() {
        if c.letters && sp.lexes[i] >= sp.known {
            continue;
        }
        let w = &text[c.start..c.end];
        // A dropped `g` is marked by an apostrophe (`goin'`, `doin’`): one word.
        if w.ends_with("in") && text[c.end..].starts_with(['\'', '\u{2019}']) {
            continue;
        }
        let (out, wants_lossy, comma_glued) = judged.entry(w).or_insert_with(|| {
            sp.wants_lossy = false;
            sp.comma_glued = false;
            (sp.judge(w, c.letters), sp.wants_lossy, sp.comma_glued)
        });
        commas += usize::from(*comma_glued && out.is_none());
        match out {
            Some(out) => split.push((i, out.clone())),
            None if *wants_lossy => unsplit.push(i),
            None => {}
        }
    }
    sp.drop_foreign_paragraphs(&mut split);
    // A document that lost spaces often is asked again about what it may
    // have lost them in where clean text has closed compounds.
    let lost = split.len() + commas;
    if lost >= MIN_LOST_SPACES && lost * LOST_SPACES_PER >= cores.len() {
        sp.lossy = true;
        let mut rejudged: FxHashMap<&str, Option<String>> = FxHashMap::default();
        for i in unsplit {
            let (c, w) = (cores[i], &text[cores[i].start..cores[i].end]);
            if let Some(out) = rejudged.entry(w).or_insert_with(|| sp.judge(w, c.letters)) {
                split.push((i, out.clone()));
            }
        }
        split.sort_by_key(|(i, _)| *i);
        sp.drop_foreign_paragraphs(&mut split);
    }
    quote_splits(text, &cores, ctx.stand_ins, &mut split);
    let settled = split.is_empty() || sp.settled(&split);
    for (i, out) in split {
        let c = cores[i];
        edits.push(Edit::new(offset + c.start..offset + c.end, out, rule));
    }
    settled
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_lower_agrees_with_the_unicode_tables() {
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            let unicode = matches!(c, '\u{0400}'..='\u{04FF}') && c.is_lowercase();
            assert_eq!(cyrillic_lower(c), unicode, "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn alphabetic_agrees_with_the_unicode_tables() {
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            assert_eq!(alphabetic(c), c.is_alphabetic(), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn byte_classes_agree_with_the_unicode_tables() {
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            let class = BYTE_CLASS[usize::from(first)];
            if !c.is_ascii() {
                assert_eq!(utf8_len(first), c.len_utf8(), "{c:?}");
            }
            if c.is_whitespace() {
                assert!(matches!(class, SPACE | MAYBE_SPACE), "{c:?}");
            }
            assert_eq!(class == LETTER, c.is_ascii_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn letter_runs_end_at_the_first_other_byte() {
        // Every byte value at each place of two chunks and a short tail.
        for b in 0..=255u8 {
            for at in 0..20 {
                let mut text = vec![b'k'; 12];
                text.extend([b'Q'; 8]);
                text[at] = b;
                let end = (text.iter())
                    .position(|c| !c.is_ascii_alphabetic())
                    .unwrap_or(text.len());
                let found = past_letters(&text, 0);
                let in_tail = found >= 16 && found <= end;
                assert!(found == end || in_tail, "byte {b:#x} at {at}: {found}");
            }
        }
    }

    #[test]
    fn long_texts_are_cut_into_windows_at_line_breaks() {
        let paragraph = "The officials said the talks would resume on Monday.\n\n";
        let text = paragraph.repeat(3 * WINDOW_LETTERS / 40);
        let cut = windows(&text);
        assert!(cut.len() >= 2, "{} windows", cut.len());
        assert_eq!(cut[0].start, 0);
        assert_eq!(cut.last().unwrap().end, text.len());
        for pair in cut.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert_eq!(text.as_bytes()[pair[0].end - 1], b'\n');
            let letters = text[pair[0].clone()]
                .bytes()
                .filter(u8::is_ascii_alphanumeric)
                .count();
            assert!(letters >= WINDOW_LETTERS, "{letters}");
        }
        let short = windows("short text\n");
        assert_eq!((short.len(), short[0].clone()), (1, 0..11));
    }
}

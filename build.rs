//! Compiles the word lists the binary embeds: the English unigram list into
//! a hash table of fingerprints and counts (lower-cased, duplicates merged),
//! the Russian Hunspell dictionary into an FST of every word form, the
//! English names list into an FST, the word frequencies of other languages
//! (wordfreq) into a packed hash table, and those of English on the web into
//! an FST map.

use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    let src = "data/lexicon/en-unigrams.txt";
    println!("cargo::rerun-if-changed={src}");
    println!("cargo::rerun-if-changed=src/fingerprint.rs");
    let text = fs::read_to_string(src).expect("read data/lexicon/en-unigrams.txt");
    let mut entries: Vec<(String, u64)> = text
        .lines()
        .filter_map(|line| {
            let (word, count) = line.split_once('\t')?;
            let count: u64 = count.trim().parse().ok()?;
            Some((word.to_lowercase(), count))
        })
        .collect();
    entries.sort();
    entries.dedup_by(|a, b| {
        if a.0 == b.0 {
            b.1 += a.1;
            true
        } else {
            false
        }
    });
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    // Only words of ASCII letters are ever looked up.
    entries.retain(|(w, _)| {
        !w.is_empty() && w.len() <= 40 && w.bytes().all(|b| b.is_ascii_lowercase())
    });
    let counts: Vec<(String, u64)> = (entries.into_iter())
        .map(|(w, c)| (w, count_code(c)))
        .collect();
    fs::write(
        out.join("lexicon.bin"),
        packed_table(&counts, fingerprint, COUNT_BITS),
    )
    .expect("write lexicon table");
    russian_forms(&out);
    names(&out);
    web_words(&out);
    foreign(&out);
}

/// The languages of `data/lexicon/wordfreq/`, each file `LANG.tsv.gz`.
const FOREIGN: [&str; 7] = ["de", "es", "fr", "id", "it", "pt", "ru"];

/// How many of a language's most frequent words are its function words.
const FOREIGN_TOP: usize = 100;

/// A wordfreq list as (lower-case word, Zipf * 100), most frequent first.
fn wordfreq(lang: &str) -> Vec<(String, u64)> {
    use std::io::Read;
    let path = format!("data/lexicon/wordfreq/{lang}.tsv.gz");
    println!("cargo::rerun-if-changed={path}");
    let mut text = String::new();
    flate2::read::GzDecoder::new(fs::File::open(&path).expect("open a wordfreq list"))
        .read_to_string(&mut text)
        .expect("read a wordfreq list");
    text.lines()
        .filter_map(|line| {
            let (word, zipf) = line.split_once('\t')?;
            Some((word.to_lowercase(), zipf.parse().ok()?))
        })
        .collect()
}

/// Sorts words and merges case variants into the most frequent.
fn sorted(mut words: Vec<(String, u64)>) -> Vec<(String, u64)> {
    words.sort();
    words.dedup_by(|a, b| {
        a.0 == b.0 && {
            b.1 = b.1.max(a.1);
            true
        }
    });
    words
}

/// The word frequencies of other languages as one packed table from
/// `LANG:word` (lower-cased) to a hundred times the word's Zipf value; and
/// each language's most frequent words, a line `LANG word` each.
fn foreign(out: &std::path::Path) {
    let mut keys: Vec<(String, u64)> = Vec::new();
    let mut top = String::new();
    for lang in FOREIGN {
        let words = wordfreq(lang);
        for (word, _) in words.iter().take(FOREIGN_TOP) {
            top.push_str(&format!("{lang} {word}\n"));
        }
        keys.extend(
            sorted(words)
                .into_iter()
                .map(|(w, z)| (format!("{lang}:{w}"), z)),
        );
    }
    fs::write(
        out.join("foreign.bin"),
        packed_table(&keys, exact_fingerprint, ZIPF_BITS),
    )
    .expect("write foreign.bin");
    fs::write(out.join("foreign-top.txt"), top).expect("write foreign-top.txt");
}

/// English words of the web (wordfreq, Zipf 1.0 or more) into an FST map.
fn web_words(out: &std::path::Path) {
    let map = fst::Map::from_iter(sorted(wordfreq("en"))).expect("sorted English words");
    fs::write(out.join("en-web.fst"), map.as_fst().as_bytes()).expect("write en-web.fst");
}

include!("src/fingerprint.rs");

/// Words and their values as an open-addressing table the binary embeds
/// and probes in place (no start-up cost): slots of `pack`ed fingerprint
/// and value in one little-endian `u64`, linear probing from the
/// fingerprint's low bits; 0 is empty. Up to seven eighths full, to be
/// small: a probe reads one cache line or two, and a small table stays in
/// cache (halving the lexicon's made the glue phase a tenth faster), where
/// an FST walk decodes a node at each byte.
fn packed_table(entries: &[(String, u64)], hash: fn(&[u8]) -> u64, bits: u32) -> Vec<u8> {
    let slots = (entries.len() * 8 / 7 + 1).next_power_of_two();
    let mut table = vec![0u64; slots];
    let mask = !((1u64 << bits) - 1);
    for (word, value) in entries {
        let fp = hash(word.as_bytes());
        let mut i = (fp as usize) & (slots - 1);
        while table[i] != 0 {
            assert_ne!(
                table[i] & mask,
                fp & mask,
                "fingerprint collision at {word}"
            );
            i = (i + 1) & (slots - 1);
        }
        table[i] = pack(fp, *value, bits);
    }
    table.iter().flat_map(|s| s.to_le_bytes()).collect()
}

/// The capitalised-only English words (names of people, places, days) as an
/// FST; the list is sorted, one a line.
fn names(out: &std::path::Path) {
    let src = "data/lexicon/en-names.txt";
    println!("cargo::rerun-if-changed={src}");
    let text = fs::read_to_string(src).expect("read data/lexicon/en-names.txt");
    let mut names: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    names.sort_unstable();
    names.dedup();
    let set = fst::Set::from_iter(names).expect("sorted names");
    fs::write(out.join("en-names.fst"), set.as_fst().as_bytes()).expect("write en-names.fst");
}

/// Expands `ru_RU.dic` by the suffix rules of `ru_RU.aff` (the dictionary has
/// no prefix rules and no continuation classes) into the set of word forms,
/// lower-cased with `ё` read as `е` (texts write either), as an FST.
fn russian_forms(out: &std::path::Path) {
    let (dic, aff) = ("data/lexicon/ru_RU.dic", "data/lexicon/ru_RU.aff");
    println!("cargo::rerun-if-changed={dic}");
    println!("cargo::rerun-if-changed={aff}");
    let aff = fs::read_to_string(aff).expect("read ru_RU.aff");
    let mut rules: std::collections::HashMap<char, Vec<Suffix>> = Default::default();
    for line in aff.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() >= 5 && f[0] == "SFX" {
            let flag = f[1].chars().next().expect("flag");
            let zero = |s: &str| {
                if s == "0" {
                    String::new()
                } else {
                    s.to_string()
                }
            };
            rules.entry(flag).or_default().push(Suffix {
                strip: zero(f[2]),
                add: zero(f[3]),
                condition: parse_condition(f[4]),
            });
        }
    }
    let dic = fs::read_to_string(dic).expect("read ru_RU.dic");
    let fold = |w: &str| w.to_lowercase().replace('ё', "е");
    let mut forms: Vec<String> = Vec::with_capacity(1_500_000);
    // The first line is the entry count.
    for line in dic.lines().skip(1) {
        let (stem, flags) = line.split_once('/').unwrap_or((line, ""));
        forms.push(fold(stem));
        let chars: Vec<char> = stem.chars().collect();
        for flag in flags.chars() {
            for rule in rules.get(&flag).into_iter().flatten() {
                if stem.ends_with(&rule.strip) && rule.matches(&chars) {
                    let base = &stem[..stem.len() - rule.strip.len()];
                    forms.push(fold(&format!("{base}{}", rule.add)));
                }
            }
        }
    }
    forms.sort_unstable();
    forms.dedup();
    let set = fst::Set::from_iter(forms.iter()).expect("sorted forms");
    fs::write(out.join("ru-forms.fst"), set.as_fst().as_bytes()).expect("write ru-forms.fst");
}

/// One Hunspell suffix rule: strip this ending of a stem that ends as the
/// condition says, then add that.
struct Suffix {
    strip: String,
    add: String,
    condition: Vec<CharClass>,
}

/// One position of a condition: any character, one of a set, or none of it.
enum CharClass {
    Any,
    OneOf(Vec<char>),
    NoneOf(Vec<char>),
}

impl Suffix {
    fn matches(&self, stem: &[char]) -> bool {
        let n = self.condition.len();
        stem.len() >= n
            && stem[stem.len() - n..]
                .iter()
                .zip(&self.condition)
                .all(|(c, class)| match class {
                    CharClass::Any => true,
                    CharClass::OneOf(set) => set.contains(c),
                    CharClass::NoneOf(set) => !set.contains(c),
                })
    }
}

fn parse_condition(text: &str) -> Vec<CharClass> {
    let mut classes = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        classes.push(match c {
            '.' => CharClass::Any,
            '[' => {
                let set: String = chars.by_ref().take_while(|&c| c != ']').collect();
                match set.strip_prefix('^') {
                    Some(rest) => CharClass::NoneOf(rest.chars().collect()),
                    None => CharClass::OneOf(set.chars().collect()),
                }
            }
            c => CharClass::OneOf(vec![c]),
        });
    }
    classes
}

//! The text-level kinds: regex replacement, string maps and normalisation.

use aho_corasick::AhoCorasick;
use regex::Regex;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick, is_nfkc_quick};

use crate::edit::Edit;
use crate::rules::Form;

pub(crate) fn replace(text: &str, re: &Regex, replacement: &str, rule: usize) -> Vec<Edit> {
    let mut edits = Vec::new();
    if replacement.contains('$') {
        for caps in re.captures_iter(text) {
            let m = caps.get(0).expect("group 0 always matches");
            let mut to = String::new();
            caps.expand(replacement, &mut to);
            edits.push(Edit::new(m.range(), to, rule));
        }
    } else {
        for m in re.find_iter(text) {
            edits.push(Edit::new(m.range(), replacement, rule));
        }
    }
    edits
}

pub(crate) fn map(text: &str, ac: &AhoCorasick, to: &[String], rule: usize) -> Vec<Edit> {
    ac.find_iter(text)
        .map(|m| Edit::new(m.range(), to[m.pattern().as_usize()].as_str(), rule))
        .collect()
}

/// Normalises word by word (runs between ASCII white space, where no
/// composition can cross), so each fix is as small as a word and clean text
/// costs one quick check.
pub(crate) fn normalize(text: &str, form: Form, rule: usize) -> Vec<Edit> {
    let quick = |s: &str| match form {
        Form::Nfc => is_nfc_quick(s.chars()),
        Form::Nfkc => is_nfkc_quick(s.chars()),
    };
    if text.is_ascii() || quick(text) == IsNormalized::Yes {
        return Vec::new();
    }
    let mut edits = Vec::new();
    let mut start = 0;
    for (i, b) in text
        .bytes()
        .enumerate()
        .chain(std::iter::once((text.len(), b' ')))
    {
        if !b.is_ascii_whitespace() {
            continue;
        }
        let word = &text[start..i];
        if !word.is_ascii() && quick(word) != IsNormalized::Yes {
            let normal: String = match form {
                Form::Nfc => word.nfc().collect(),
                Form::Nfkc => word.nfkc().collect(),
            };
            if normal != word {
                edits.push(Edit::new(start..i, normal, rule));
            }
        }
        start = i + 1;
    }
    edits
}

//! The text-level kinds: regex replacement, string maps and normalisation.

use aho_corasick::AhoCorasick;
use regex::Regex;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick, is_nfkc_quick};

use crate::edit::Edit;
use crate::rules::Form;

use super::scan::next_non_ascii;

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

pub(crate) fn map(
    text: &str,
    ac: &AhoCorasick,
    to: &[String],
    bytes: Option<&[u8; 128]>,
    rule: usize,
) -> Vec<Edit> {
    if let Some(table) = bytes {
        // Single ASCII bytes: a table lookup per byte beats the automaton.
        return text
            .bytes()
            .enumerate()
            .filter_map(|(i, b)| {
                let k = *table.get(usize::from(b))?;
                (k != u8::MAX).then(|| Edit::new(i..i + 1, to[usize::from(k)].as_str(), rule))
            })
            .collect();
    }
    ac.find_iter(text)
        .map(|m| Edit::new(m.range(), to[m.pattern().as_usize()].as_str(), rule))
        .collect()
}

/// Characters that are normalised whatever surrounds them and never combine
/// with what precedes them: Latin-1 and Latin Extended letters, and general
/// punctuation (quotes, dashes, ellipsis). Most non-ASCII text is made of them.
fn stable(c: char, form: Form) -> bool {
    match form {
        Form::Nfc => {
            matches!(c, '\u{A0}'..='\u{2FF}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{2056}')
        }
        // NFKC changes the no-break space, ligature-like and compatibility
        // letters in these ranges: only the punctuation block is stable.
        Form::Nfkc => {
            matches!(c, '\u{2010}' | '\u{2012}'..='\u{2016}' | '\u{2018}'..='\u{2023}' | '\u{2027}')
        }
    }
}

/// Normalises word by word (runs between ASCII white space, where no
/// composition can cross), so each fix is as small as a word and clean text
/// costs one quick check.
pub(crate) fn normalize(text: &str, form: Form, rule: usize) -> Vec<Edit> {
    let quick = |s: &str| match form {
        Form::Nfc => is_nfc_quick(s.chars()),
        Form::Nfkc => is_nfkc_quick(s.chars()),
    };
    let bytes = text.as_bytes();
    let mut edits = Vec::new();
    let mut pos = 0;
    // Only words holding a non-ASCII character can be unnormalised.
    while let Some(at) = next_non_ascii(bytes, pos) {
        let c = text[at..].chars().next().expect("at is a char boundary");
        if stable(c, form) {
            pos = at + c.len_utf8();
            continue;
        }
        let start = bytes[..at]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(0, |i| i + 1);
        let end = bytes[at..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(text.len(), |i| at + i);
        pos = end;
        let word = &text[start..end];
        if quick(word) == IsNormalized::Yes {
            continue;
        }
        let normal: String = match form {
            Form::Nfc => word.nfc().collect(),
            Form::Nfkc => word.nfkc().collect(),
        };
        if normal != word {
            edits.push(Edit::new(start..end, normal, rule));
        }
    }
    edits
}

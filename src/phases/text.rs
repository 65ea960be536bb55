//! The text-level kinds: regex replacement, string maps and normalisation.

use aho_corasick::AhoCorasick;
use regex::Regex;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick, is_nfkc_quick};

use crate::edit::Edit;
use crate::rules::Anchor;
use crate::rules::Form;

use super::Edges;
use super::scan::next_non_ascii;

pub(crate) fn replace(
    text: &str,
    re: &Regex,
    replacement: &str,
    anchor: Option<&Anchor>,
    rule: usize,
    edges: &Edges<'_>,
) -> Vec<Edit> {
    if edges.starts() && edges.ends() {
        return replace_in(text, re, replacement, anchor, rule);
    }
    // A segment is searched with its neighbours around it; only matches
    // wholly inside it are its own.
    let hay = [edges.before, text, edges.after].concat();
    let (lo, hi) = (edges.before.len(), edges.before.len() + text.len());
    replace_in(&hay, re, replacement, anchor, rule)
        .into_iter()
        .filter(|e| e.start >= lo && e.end <= hi)
        .map(|mut e| {
            e.start -= lo;
            e.end -= lo;
            e
        })
        .collect()
}

fn replace_in(
    text: &str,
    re: &Regex,
    replacement: &str,
    anchor: Option<&Anchor>,
    rule: usize,
) -> Vec<Edit> {
    let expand = replacement.contains('$');
    let expanded = |caps: &regex::Captures<'_>| {
        let m = caps.get(0).expect("group 0 always matches");
        let mut to = String::new();
        caps.expand(replacement, &mut to);
        Edit::new(m.range(), to, rule)
    };
    let mut edits: Vec<Edit> = Vec::new();
    let Some(anchor) = anchor else {
        if expand {
            edits.extend(re.captures_iter(text).map(|caps| expanded(&caps)));
        } else {
            edits.extend(
                re.find_iter(text)
                    .map(|m| Edit::new(m.range(), replacement, rule)),
            );
        }
        return edits;
    };
    // The match in `hay` at or after `from`, as an edit.
    let edit_at = |hay: &str, from: usize| -> Option<Edit> {
        if expand {
            re.captures_at(hay, from).map(|caps| expanded(&caps))
        } else {
            re.find_at(hay, from)
                .map(|m| Edit::new(m.range(), replacement, rule))
        }
    };
    // Every match holds the literal, so the leftmost match from `pos` starts
    // at most `before` bytes ahead of the literal's first occurrence from
    // `pos`: searching from there finds the same matches as a full scan.
    // With matches of bounded length, the search stops a character past
    // the longest match that could hold the occurrence (look-around sees
    // that character); one that starts after the occurrence is left to the
    // occurrence it holds.
    let mut pos = 0;
    while let Some(i) = anchor.literal.find(&text.as_bytes()[pos..]) {
        let at = pos + i;
        let mut from = at.saturating_sub(anchor.before).max(pos);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let Some(longest) = anchor.longest else {
            let Some(edit) = edit_at(text, from) else {
                break;
            };
            pos = edit.end;
            edits.push(edit);
            continue;
        };
        let mut end = (from + anchor.before + longest + 4).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        match edit_at(&text[..end], from) {
            Some(edit) if edit.start <= at => {
                pos = edit.end;
                edits.push(edit);
            }
            _ => pos = at + text[at..].chars().next().map_or(1, char::len_utf8),
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn spans(edits: Vec<Edit>) -> Vec<(usize, usize, String)> {
        edits
            .into_iter()
            .map(|e| (e.start, e.end, e.replacement))
            .collect()
    }

    #[test]
    fn anchors_need_a_literal_after_a_bounded_prefix() {
        let quote = Anchor::of(r"([^\s\u201C])\u201D([\p{Latin}\p{Greek}\p{Cyrillic}])").unwrap();
        assert_eq!(quote.before, 4);
        assert_eq!(quote.longest, Some(11));
        assert_eq!(quote.literal.needle(), "\u{201D}".as_bytes());
        assert!(Anchor::of(r"a+\u201D").is_none(), "unbounded prefix");
        assert!(Anchor::of(r"[ \t]+$").is_none(), "no literal");
        assert!(Anchor::of(r"x|y").is_none(), "an alternation");
    }

    proptest! {
        #[test]
        fn an_anchored_search_finds_what_a_full_scan_finds(text in "[ab\u{201C}\u{201D}é \n]{0,60}") {
            for (pattern, to) in [
                (r"([^\s\u201C])\u201D([a-zé])", "$1\u{201D} $2"),
                (r"\b[ab]{1,3}\u201D", "x"),
                (r"(?m)^é?\u201D\u201Da", ""),
                // Bounded matches with look-around after the literal: the
                // search stops a character past the longest match.
                (r"a?\u201D(?:ab|a)\b", "x"),
                (r"(?m)é?\u201D[ab]{0,2}$", "y"),
                (r"\u201D(?:é|ab|b)é?", "z"),
            ] {
                let re = Regex::new(pattern).unwrap();
                let anchor = Anchor::of(pattern);
                prop_assert!(anchor.is_some(), "{}", pattern);
                prop_assert_eq!(
                    spans(replace(&text, &re, to, None, 0, &Edges::default())),
                    spans(replace(&text, &re, to, anchor.as_ref(), 0, &Edges::default()))
                );
            }
        }
    }
}

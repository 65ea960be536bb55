//! Mojibake: UTF-8 text that was decoded with a single-byte code page
//! (`Ã©` for `é`, `â€œ` for `“`), and C1 control characters that were meant
//! as Windows-1252 punctuation.
//!
//! A run of non-ASCII characters is re-encoded with a code page and decoded
//! as UTF-8, and the result kept only when the evidence is strong: the run
//! holds character pairs that real text almost never has (a capital accented
//! letter before a currency sign, a C1 control, `â€`), it decodes completely,
//! and the result has fewer such pairs. Everything else is left alone; a
//! missed repair costs less than a damaged word.

use std::collections::HashMap;
use std::sync::OnceLock;

use encoding_rs::Encoding;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::edit::Edit;

use super::scan::next_non_ascii;

/// Code pages tried in order. Windows-1252 first (it is also Latin-1 for the
/// C1 range); the others decode mojibake of non-Latin scripts.
fn code_pages() -> &'static [(&'static str, HashMap<char, u8>)] {
    static PAGES: OnceLock<Vec<(&'static str, HashMap<char, u8>)>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let pages: [&'static Encoding; 7] = [
            encoding_rs::WINDOWS_1252,
            encoding_rs::WINDOWS_1250,
            encoding_rs::WINDOWS_1251,
            encoding_rs::MACINTOSH,
            encoding_rs::WINDOWS_1253,
            encoding_rs::WINDOWS_1257,
            encoding_rs::ISO_8859_2,
        ];
        pages
            .iter()
            .map(|enc| {
                let mut map = HashMap::new();
                for b in 0x80u8..=0xFF {
                    let byte = [b];
                    let (s, _, bad) = enc.decode(&byte);
                    if let (false, Some(c)) = (bad, s.chars().next()) {
                        map.entry(c).or_insert(b);
                    }
                }
                // "Sloppy" decoding: a byte the page leaves undefined, or a
                // Latin-1 reading of the C1 range, stands for itself.
                for b in 0x80u8..=0x9F {
                    map.entry(char::from(b)).or_insert(b);
                }
                (enc.name(), map)
            })
            .collect()
    })
}

/// Character classes of the mojibake alphabet.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    C1,
    /// Characters that almost only occur in mojibake (¦ ¨ ¬ ˆ † ‰ ◊ …).
    Bad,
    Currency,
    Numeric,
    Law,
    Open,
    Close,
    Upper,
    Lower,
    Box,
    Other,
}

fn class(c: char) -> Class {
    match c {
        '\u{80}'..='\u{9F}' => Class::C1,
        '¦' | '¤' | '¨' | '¬' | '¯' | '¸' | 'ƒ' | 'ˆ' | 'ˇ' | '˘' | '˛' | '˜' | '†' | '‡' | '‰'
        | '⌐' | '◊' | '\u{FFFD}' | 'ª' | 'º' => Class::Bad,
        '¢' | '£' | '¥' | '₧' | '€' => Class::Currency,
        '²' | '³' | '¹' | '±' | '¼' | '½' | '¾' | '×' | 'µ' | '÷' | '⁄' | '∂' | '∆' | '∏' | '∑'
        | '√' | '∞' | '∩' | '∫' | '≈' | '≠' | '≡' | '≤' | '≥' | '№' => {
            Class::Numeric
        }
        '¶' | '§' => Class::Law,
        '¡' | '«' | '¿' | '©' | '΄' | '΅' | '‘' | '‚' | '“' | '„' | '•' | '‹' | '\u{F8FF}' => {
            Class::Open
        }
        '®' | '»' | '˝' | '”' | '›' | '™' => Class::Close,
        'À'..='Ñ'
        | 'Ø'
        | 'Ü'
        | 'Ý'
        | 'Ă'
        | 'Ā'
        | 'Ą'
        | 'Ć'
        | 'Č'
        | 'Ď'
        | 'Đ'
        | 'Ę'
        | 'Ě'
        | 'Ē'
        | 'Ė'
        | 'Ğ'
        | 'Ģ'
        | 'İ'
        | 'Ī'
        | 'Ķ'
        | 'Ĺ'
        | 'Ľ'
        | 'Ł'
        | 'Ļ'
        | 'Ń'
        | 'Ň'
        | 'Ņ'
        | 'Œ'
        | 'Ř'
        | 'Ś'
        | 'Ş'
        | 'Š'
        | 'Ţ'
        | 'Ť'
        | 'Ů'
        | 'Ű'
        | 'Ÿ'
        | 'Ź'
        | 'Ż'
        | 'Ž'
        | 'Ґ' => Class::Upper,
        'ß'
        | 'à'..='ñ'
        | 'ă'
        | 'ą'
        | 'ā'
        | 'ć'
        | 'č'
        | 'ď'
        | 'đ'
        | 'ę'
        | 'ě'
        | 'ē'
        | 'ė'
        | 'ğ'
        | 'ģ'
        | 'į'
        | 'ī'
        | 'ķ'
        | 'ĺ'
        | 'ľ'
        | 'ł'
        | 'ļ'
        | 'œ'
        | 'ŕ'
        | 'ś'
        | 'ş'
        | 'š'
        | 'ť'
        | 'ü'
        | 'ź'
        | 'ż'
        | 'ž'
        | 'ґ'
        | 'ﬁ'
        | 'ﬂ' => Class::Lower,
        '│'
        | '┌'
        | '┐'
        | '┘'
        | '├'
        | '┤'
        | '┬'
        | '┼'
        | '═'..='╬'
        | '▀'
        | '▄'
        | '█'
        | '▌'
        | '▐'
        | '░'
        | '▒'
        | '▓' => Class::Box,
        _ => Class::Other,
    }
}

/// How many unlikely character sequences a text holds: the evidence that
/// it is mojibake. Zero for ordinary text in any language. Signals look at
/// adjacent characters, not at the white space around them: later phases
/// insert spaces (a glued quote), and a second run must judge the same.
pub(crate) fn badness(text: &[char]) -> usize {
    use Class::*;
    let mut n = 0;
    for (i, &c) in text.iter().enumerate() {
        let a = class(c);
        if a == C1 {
            n += 1;
            continue;
        }
        let Some(&d) = text.get(i + 1) else { break };
        let b = class(d);
        let next2 = text.get(i + 2).copied();
        let symbolish = matches!(
            a,
            Bad | Lower | Upper | Box | Open | Close | Currency | Numeric | Law
        );
        let bad_pair = (symbolish && b == Bad)
            || (a == Bad
                && matches!(
                    b,
                    Lower | Upper | Box | Open | Close | Currency | Numeric | Law
                ))
            || (matches!(a, Lower | Box | Close | Currency | Numeric) && b == Upper)
            || (matches!(a, Box | Close | Currency | Numeric) && b == Lower)
            || (matches!(a, Lower | Box | Close) && b == Currency)
            || (matches!(a, Upper | Box) && matches!(b, Numeric | Law))
            || (matches!(a, Currency | Numeric | Box) && b == Open)
            || (matches!(a, Lower | Upper)
                && matches!(b, Open | Close)
                && next2.is_some_and(char::is_alphanumeric))
            || (matches!(c, 'Â' | 'Ã' | 'Î' | 'Ð')
                && (matches!(b, Open | Close)
                    || matches!(
                        d,
                        '€' | 'œ'
                            | 'Š'
                            | 'š'
                            | '¢'
                            | '£'
                            | 'Ÿ'
                            | 'ž'
                            | '\u{A0}'
                            | '\u{AD}'
                            | '°'
                            | '·'
                            | '–'
                            | '—'
                            | '´'
                    )))
            || (c == 'Ã' && d == '¡')
            || (matches!(c, 'Ø' | 'Ù')
                && matches!(b, Currency | Bad | Numeric | Open)
                && next2.is_some_and(|e| matches!(e, 'Ø' | 'Ù')))
            || (c == '√'
                && matches!(
                    d,
                    '±' | '∂' | '†' | '≠' | '®' | '™' | '´' | '≤' | '≥' | '¥' | 'µ' | 'ø'
                ))
            || (c == 'в' && d == 'Ђ')
            || (c == 'â' && d == '€');
        // A lost no-break space: "voilÃ le" (lower-case letter, Ã or Â, space).
        let lost_nbsp = matches!(d, 'Ã' | 'Â') && c.is_lowercase() && next2 == Some(' ');
        n += usize::from(bad_pair) + usize::from(lost_nbsp);
    }
    n
}

/// Punctuation that may stand next to mojibake without being part of it
/// ("â€¦”": the ellipsis is mojibake, the quote is not).
fn may_stay(c: char) -> bool {
    // Every quote the punct phase straightens is here, so that a second run,
    // which sees ASCII quotes, finds the same runs to decode.
    matches!(
        c,
        '\u{2018}'..='\u{201F}' | '\u{02BC}' | '…' | '–' | '—' | '«' | '»' | '•' | '\u{A0}'
    )
}

/// Decodes a run of characters as the UTF-8 bytes they stand for in a code
/// page. `None` unless every character is part of a valid sequence, but for
/// common punctuation at the edges.
fn decode_run(
    run: &[char],
    page: &HashMap<char, u8>,
    nbsp_lost: bool,
    plausible: impl Fn(char) -> bool,
) -> Option<String> {
    let mut bytes: Vec<Option<u8>> = Vec::with_capacity(run.len() + 1);
    for &c in run {
        if c == '\u{FFFD}' {
            bytes.push(None);
        } else {
            bytes.push(Some(*page.get(&c)?));
        }
    }
    if nbsp_lost {
        bytes.push(Some(0xA0));
    }
    let mut out = String::new();
    let (mut i, mut decoded) = (0, 0);
    let mut kept_inside = false;
    while i < bytes.len() {
        let width = match bytes[i] {
            Some(0xC2..=0xDF) => 2,
            Some(0xE0..=0xEF) => 3,
            Some(0xF0..=0xF4) => 4,
            _ => 0,
        };
        let seq: Vec<u8> = bytes[i..(i + width).min(bytes.len())]
            .iter()
            .map_while(|b| *b)
            .collect();
        let whole = (width > 0 && seq.len() == width).then(|| std::str::from_utf8(&seq).ok());
        if let Some(ch) = whole.flatten().and_then(|s| s.chars().next()) {
            if !plausible(ch) {
                return None;
            }
            out.push(ch);
            decoded += 1;
            i += width;
            continue;
        }
        // A sequence cut short by a lost byte (U+FFFD): the character is lost.
        if width > 0
            && seq.len() < width
            && bytes.get(i + seq.len()) == Some(&None)
            && seq.len() > 1
        {
            out.push('\u{FFFD}');
            decoded += 1;
            i += seq.len() + 1;
            continue;
        }
        let c = *run.get(i)?;
        let at_edge = i == 0 || i + 1 == run.len();
        if !(may_stay(c) && at_edge) {
            return None;
        }
        kept_inside |= !at_edge;
        out.push(c);
        i += 1;
    }
    (decoded > 0 && !kept_inside).then_some(out)
}

/// Characters of a window around `range` in `chars`, for judging badness in context.
fn window(chars: &[char], start: usize, end: usize) -> (usize, usize) {
    (start.saturating_sub(1), (end + 2).min(chars.len()))
}

/// What later map rules of the same cleaner do to single characters: turn
/// them into ASCII (curly quotes; dashes or ellipses when those maps are
/// selected) or delete them (invisible characters). A second run sees the
/// first as ASCII and not the second at all, so this run must judge alike.
#[derive(Clone, Debug, Default)]
pub(crate) struct StandIns {
    /// Each character and the ASCII text it becomes (`...` for `…`).
    pub(crate) ascii: rustc_hash::FxHashMap<char, String>,
    /// A handful of characters: a list is faster to search than a set.
    pub(crate) deleted: Vec<char>,
    /// Whether a later rule composes the text (NFC or NFKC): a second run
    /// sees `Í` where this one sees `I` and U+0301.
    pub(crate) composes: bool,
}

impl StandIns {
    /// The ASCII character `c` later becomes (the first, for `…`).
    pub(crate) fn ascii_char(&self, c: char) -> Option<char> {
        let to = self.ascii.get(&c)?;
        to.as_bytes().first().map(|&b| char::from(b))
    }

    /// Whether `c` is, or later becomes, the ASCII character `ascii`.
    pub(crate) fn reads_as(&self, c: char, ascii: char) -> bool {
        c == ascii || self.ascii_char(c) == Some(ascii)
    }
}

pub(crate) fn repair(text: &str, rule: usize, stand_ins: &StandIns) -> Vec<Edit> {
    if stand_ins.composes && !text.is_ascii() && is_nfc_quick(text.chars()) != IsNormalized::Yes {
        return repair_composed(text, rule, stand_ins);
    }
    repair_runs(text, rule, stand_ins)
}

/// Judges the text as a later normalize rule leaves it, each letter composed
/// with the marks after it, and maps the repairs back onto the text. A repair
/// that would begin or end inside such a cluster is left out.
fn repair_composed(text: &str, rule: usize, stand_ins: &StandIns) -> Vec<Edit> {
    let mut composed = String::with_capacity(text.len());
    // Where each cluster starts, in the composed view and in the text.
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let mut end = at + c.len_utf8();
        while let Some(&(i, m)) = chars.peek()
            && canonical_combining_class(m) != 0
        {
            end = i + m.len_utf8();
            chars.next();
        }
        starts.push((composed.len(), at));
        composed.extend(text[at..end].nfc());
    }
    starts.push((composed.len(), text.len()));
    let in_text =
        |at: usize| (starts.binary_search_by_key(&at, |&(view, _)| view).ok()).map(|k| starts[k].1);
    repair_runs(&composed, rule, stand_ins)
        .into_iter()
        .filter_map(|e| {
            Some(Edit::new(
                in_text(e.start)?..in_text(e.end)?,
                e.replacement,
                rule,
            ))
        })
        .collect()
}

fn repair_runs(text: &str, rule: usize, stand_ins: &StandIns) -> Vec<Edit> {
    let straightened = |c: char| stand_ins.ascii_char(c);
    // Runs end at ASCII, and at characters a later rule deletes (a second
    // run would not see them between the bytes).
    let outside_runs = |c: char| c.is_ascii() || stand_ins.deleted.contains(&c);
    let mut edits = Vec::new();
    let mut pos = 0;
    // Clean text costs one scan: only runs of non-ASCII characters are
    // looked at, each with the few characters around it.
    while let Some(at) = next_non_ascii(text.as_bytes(), pos) {
        let Some(off) = text[at..].find(|c: char| !outside_runs(c)) else {
            break;
        };
        let start = at + off;
        let end = text[start..]
            .find(outside_runs)
            .map_or(text.len(), |o| start + o);
        pos = end;
        // One character cannot hold a multi-byte sequence, but for a lead
        // byte whose no-break space was lost ("voilÃ le").
        let mut chars = text[start..end].chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && !matches!(c, 'Ã' | 'Â')
        {
            continue;
        }
        // Every signal of `badness` needs a character of the mojibake
        // alphabet (or Ђ, of `вЂ`): words in other scripts are passed over.
        if text[start..end]
            .chars()
            .all(|c| class(c) == Class::Other && c != 'Ђ')
        {
            continue;
        }
        // The run with a character of context before it and two after it,
        // passing over characters a later rule deletes (a second run does
        // not see them: `Â` + U+200B + space is `Â` + space to it).
        let kept = |c: &char| !stand_ins.deleted.contains(c);
        let from = (text[..start].char_indices().rev())
            .find(|(_, c)| kept(c))
            .map_or(start, |(i, _)| i);
        let mut to = end;
        let mut after = 0;
        for (i, c) in text[end..].char_indices() {
            if after == 2 {
                break;
            }
            to = end + i + c.len_utf8();
            after += usize::from(kept(&c));
        }
        let region: Vec<(usize, char)> = text[from..to]
            .char_indices()
            .map(|(i, c)| (from + i, c))
            .filter(|(_, c)| kept(c))
            .collect();
        let only: Vec<char> = region.iter().map(|&(_, c)| c).collect();
        let (first, last) = (
            region.iter().take_while(|&&(b, _)| b < start).count(),
            region.iter().take_while(|&&(b, _)| b < end).count(),
        );
        let edit = |range: std::ops::Range<usize>, fixed: String| {
            let byte_end = region.get(range.end).map_or(to, |&(b, _)| b);
            Edit::new(region[range.start].0..byte_end, fixed, rule)
        };
        if let Some((range, fixed)) = fix_run(&only, &only, first, last) {
            edits.push(edit(range, fixed));
            continue;
        }
        // The run as a later pass may see it, once its quotes (and dashes
        // and ellipses) are ASCII: the pieces between them, judged with
        // ASCII stand-ins around them.
        if !only[first..last].iter().any(|&c| straightened(c).is_some()) {
            continue;
        }
        let view: Vec<char> = only.iter().map(|&c| straightened(c).unwrap_or(c)).collect();
        let mut j = first;
        while j < last {
            if straightened(only[j]).is_some() {
                j += 1;
                continue;
            }
            let piece = j;
            while j < last && straightened(only[j]).is_none() {
                j += 1;
            }
            if let Some((range, fixed)) = fix_run(&only, &view, piece, j) {
                edits.push(edit(range, fixed));
            }
        }
    }
    edits
}

/// The repair of the run `only[start..end]`, judged on `view` (the text, or
/// the text with straight quotes): the character range it replaces and the
/// replacement.
fn fix_run(
    only: &[char],
    view: &[char],
    start: usize,
    end: usize,
) -> Option<(std::ops::Range<usize>, String)> {
    let (ws, we) = window(view, start, end);
    let before = badness(&view[ws..we]);
    if before == 0 {
        return None;
    }
    let run = &only[start..end];
    let nbsp_lost = matches!(run.last(), Some('Ã' | 'Â'))
        && view.get(end) == Some(&' ')
        && start > 0
        && view[start - 1].is_alphabetic();
    for (k, (_, page)) in code_pages().iter().enumerate() {
        // Windows-1252 mojibake hides any character; the other pages are
        // for scripts (Hebrew, Arabic, Greek, Cyrillic), so what they
        // decode must be letters, and of two-byte sequences (below U+0800:
        // "ÍéÅ" in Mac Roman is the bytes of a Yi syllable, not mojibake).
        // Nothing the earlier repairs would change (C1 controls, line
        // separators), and no private-use characters.
        let plausible = |ch: char| {
            !matches!(ch, '\u{80}'..='\u{9F}' | '\u{E000}'..='\u{F8FF}' | '\u{2028}' | '\u{2029}')
                && (k == 0 || (ch.is_alphabetic() && ch < '\u{800}'))
        };
        let Some(fixed) = decode_run(run, page, nbsp_lost, plausible) else {
            continue;
        };
        let mut after: Vec<char> = view[ws..start].to_vec();
        after.extend(fixed.chars());
        after.extend_from_slice(&view[end..we]);
        if badness(&after) < before {
            // "voilÃ  le": of two spaces after the lead byte, the first was
            // the no-break space and goes with it; a single space stays.
            let end = if nbsp_lost && view.get(end + 1) == Some(&' ') {
                end + 1
            } else {
                end
            };
            return Some((start..end, fixed));
        }
    }
    None
}

/// C1 control characters (U+0080-U+009F) decoded as Latin-1 where the text
/// meant Windows-1252: `\u{85}` is `…`, `\u{93}` is `“`. The five bytes
/// Windows-1252 leaves undefined stay as they are.
pub(crate) fn c1_controls(text: &str, rule: usize) -> Vec<Edit> {
    // U+0080-U+009F are the only characters encoded as C2 80..C2 9F.
    let bytes = text.as_bytes();
    let mut edits = Vec::new();
    for at in memchr::memchr_iter(0xC2, bytes) {
        let Some(&b @ 0x80..=0x9F) = bytes.get(at + 1) else {
            continue;
        };
        let byte = [b];
        let (s, _, bad) = encoding_rs::WINDOWS_1252.decode(&byte);
        if let Some(to) = s.chars().next().filter(|&t| !bad && t != char::from(b)) {
            edits.push(Edit::new(at..at + 2, to.to_string(), rule));
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(s: &str) -> usize {
        badness(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn ordinary_text_is_not_bad() {
        for s in [
            "café crème",
            "Dråber",
            "Ã’s",
            "NICIODATĂ™",
            "SELKÄ\u{A0}EDELLÄ",
            "(-1/2)! = √π",
            "C O N C L U S Ã O",
        ] {
            assert_eq!(bad(s), 0, "{s}");
        }
    }

    #[test]
    fn mojibake_is_bad() {
        for s in [
            "caf\u{C3}\u{A9}\u{80}",
            "â€œ",
            "HÃ”TEL",
            "aoÃ»t",
            "×‘×”",
            "voilÃ le",
        ] {
            assert!(bad(s) > 0, "{s}");
        }
    }
}

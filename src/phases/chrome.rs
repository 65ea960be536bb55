//! Chrome: line rules that act in zones around the document's content core.
//!
//! The core runs from the first to the last sentence-like line (enough words,
//! ends like a sentence). `head` rules act before it, `tail` rules after it,
//! `anywhere` rules on short lines wherever they are. Nothing inside the core
//! is removed by a head or tail rule, and the whole phase reverts itself when
//! it would remove more than the cap allows.

use std::ops::Range;

use crate::cleaner::Meta;
use crate::edit::{Document, Edit};
use crate::rules::{Kind, Zone};

use super::Ctx;

/// Lines longer than this are content; line rules never look at them.
const MAX_CHROME_LINE: usize = 400;

struct Line {
    /// The line without its newline.
    text: Range<usize>,
    /// The line with its newline, what a drop removes.
    full: Range<usize>,
    words: usize,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
        let full_end = if end < text.len() { end + 1 } else { end };
        let words = if end - start > MAX_CHROME_LINE {
            usize::MAX
        } else {
            text[start..end].split_whitespace().count()
        };
        out.push(Line {
            text: start..end,
            full: start..full_end,
            words,
        });
        start = full_end;
    }
    out
}

fn is_content(line: &str, words: usize, min_words: usize) -> bool {
    if words == usize::MAX || words >= 2 * min_words {
        return true;
    }
    let ends_sentence = line.trim_end().chars().next_back().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | '"' | '\u{201D}' | '\'' | '\u{2019}' | ')' | '\u{2026}'
        )
    });
    words >= min_words && ends_sentence
}

pub(crate) fn run(rules: &[usize], ctx: &Ctx<'_>, doc: &mut Document<'_>, meta: &mut Meta) {
    let text = doc.text();
    let lines = lines(text);
    let min_words = ctx.tunables.core_min_words;
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| is_content(&text[lines[i].text.clone()], lines[i].words, min_words))
        .collect();
    let core = content.first().zip(content.last()).map(|(&a, &b)| a..=b);
    let in_zone = |i: usize, zone: Zone| match (&core, zone) {
        (_, Zone::Anywhere) => lines[i].words <= ctx.tunables.anywhere_max_words,
        (Some(core), Zone::Head) => i < *core.start(),
        (Some(core), Zone::Tail) => i > *core.end(),
        (None, _) => false,
    };

    let mut edits: Vec<Edit> = Vec::new();
    let mut found: Vec<(String, String)> = Vec::new();
    for &idx in rules {
        match &ctx.rules[idx].kind {
            Kind::StripPrefix { re, zone } => {
                let starts: Vec<usize> = match zone {
                    Zone::Head => lines.first().map(|_| 0).into_iter().collect(),
                    _ => (0..lines.len())
                        .filter(|&i| lines[i].words != usize::MAX)
                        .collect(),
                };
                for i in starts {
                    let line = &text[lines[i].text.clone()];
                    let Some(caps) = re.captures(line) else {
                        continue;
                    };
                    let m = caps.get(0).expect("group 0 always matches");
                    if m.start() != 0 || m.is_empty() {
                        continue;
                    }
                    for name in re.capture_names().flatten() {
                        if let Some(v) = caps.name(name) {
                            found.push((name.to_string(), v.as_str().to_string()));
                        }
                    }
                    let at = lines[i].text.start;
                    edits.push(Edit::new(at..at + m.end(), "", idx));
                }
            }
            Kind::DropLine { re, zone } => {
                for (i, line) in lines.iter().enumerate() {
                    if line.words == usize::MAX || !in_zone(i, *zone) {
                        continue;
                    }
                    let s = text[line.text.clone()].trim();
                    if !s.is_empty() && re.is_match(s) {
                        edits.push(Edit::new(line.full.clone(), "", idx));
                    }
                }
            }
            Kind::CutAfter { re, zone } => {
                let hit = (0..lines.len()).find(|&i| {
                    let s = text[lines[i].text.clone()].trim();
                    lines[i].words != usize::MAX
                        && in_zone(i, *zone)
                        && !s.is_empty()
                        && re.is_match(s)
                });
                if let Some(i) = hit {
                    edits.push(Edit::new(lines[i].full.start..text.len(), "", idx));
                }
            }
            _ => unreachable!("only chrome kinds are loaded into the chrome phase"),
        }
    }
    if edits.is_empty() {
        return;
    }

    // Safety: never empty a document, never remove more than the cap.
    let total = text.split_whitespace().count().max(1);
    edits.sort_by_key(|e| (e.start, e.end));
    let mut removed = 0;
    let mut reach = 0;
    for e in &edits {
        let from = e.start.max(reach);
        if from < e.end {
            removed += text[from..e.end].split_whitespace().count();
        }
        reach = reach.max(e.end);
    }
    let share = removed as f64 / total as f64;
    if removed >= total || share > ctx.tunables.chrome_cap {
        meta.insert(
            "chrome.cap".to_string(),
            format!(
                "reverted: chrome rules would remove {removed} of {total} words ({:.0}%)",
                share * 100.0
            ),
        );
        return;
    }
    meta.extend(found);
    doc.apply(edits);
}

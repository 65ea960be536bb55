//! Chrome: line rules that act in zones around the document's content core.
//!
//! The core is the block of lines with the most sentence-like text (see
//! `core`); a page without a dominant block has none. `head` rules act before
//! it, `tail` rules after it, `anywhere` rules on short lines wherever they
//! are. Nothing inside the core is removed by a head or tail rule, and the
//! whole phase reverts itself when it would remove more than the cap allows.

use std::borrow::Cow;
use std::ops::{Range, RangeInclusive};

use crate::cleaner::Meta;
use crate::edit::{Document, Edit};
use crate::rules::{Kind, Tunables, Zone};

use super::{Ctx, StandIns, repeats};

/// Lines longer than this are content; line rules never look at them.
const MAX_CHROME_LINE: usize = 400;

struct Line {
    /// The line without its newline.
    text: Range<usize>,
    /// The line with its newline, what a drop removes.
    full: Range<usize>,
    /// White-space separated words; `usize::MAX` for lines too long to be chrome.
    words: usize,
    /// Letters and digits: unlike words, later phases never change this count,
    /// so the core found here is found again when the output is cleaned again.
    letters: usize,
    /// Nothing but white space.
    blank: bool,
    /// Sentence-like (see `is_content`), or too long to be chrome.
    content: bool,
    /// Restates text above it (see `repeats`): it adds nothing to the core.
    repeat: bool,
    /// A sentence-like line that ends in a colon: what follows is its list.
    intro: bool,
    /// Its white space is more than single spaces (see `Counts`).
    ragged: bool,
}

fn lines(text: &str, min_letters: usize) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
        let full_end = if end < text.len() { end + 1 } else { end };
        let line = &text[start..end];
        let Counts {
            words,
            letters,
            ragged,
        } = count_line(line);
        let words = if line.len() > MAX_CHROME_LINE {
            usize::MAX
        } else {
            words
        };
        let content = words == usize::MAX || is_content(line, letters, min_letters);
        out.push(Line {
            text: start..end,
            full: start..full_end,
            words,
            letters,
            blank: words == 0,
            content,
            repeat: false,
            intro: content && line.trim_end().ends_with(':'),
            ragged,
        });
        start = full_end;
    }
    out
}

/// What a character is to the line counts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Other,
    Letter,
    /// The space character itself.
    Space,
    /// Any other white space (a tab, a no-break space).
    OtherSpace,
}

/// A line's words and letters, and whether its white space is ragged (a
/// run, or other white space than one space): only then do patterns see it
/// collapsed.
struct Counts {
    words: usize,
    letters: usize,
    ragged: bool,
}

fn counts(chars: impl Iterator<Item = Class>) -> Counts {
    let (mut words, mut letters, mut in_word, mut ragged) = (0, 0, false, false);
    for class in chars {
        let space = matches!(class, Class::Space | Class::OtherSpace);
        words += usize::from(!space && !in_word);
        letters += usize::from(class == Class::Letter);
        ragged |= space && (!in_word || class == Class::OtherSpace);
        in_word = !space;
    }
    Counts {
        words,
        letters,
        ragged,
    }
}

/// ASCII byte classes.
static ASCII: [Class; 128] = {
    let mut t = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c == b' ' {
            Class::Space
        } else if matches!(c, b'\t'..=b'\r') {
            Class::OtherSpace
        } else if c.is_ascii_alphanumeric() {
            Class::Letter
        } else {
            Class::Other
        };
        b += 1;
    }
    t
};

/// Words and letters of a line, in one pass over its bytes; only non-ASCII
/// characters are decoded.
fn count_line(line: &str) -> Counts {
    let bytes = line.as_bytes();
    if line.is_ascii() {
        return counts(bytes.iter().map(|&b| ASCII[usize::from(b)]));
    }
    let mut i = 0;
    counts(std::iter::from_fn(|| {
        let b = *bytes.get(i)?;
        if b < 0x80 {
            i += 1;
            return Some(ASCII[usize::from(b)]);
        }
        let c = line[i..].chars().next().expect("i is on a char boundary");
        i += c.len_utf8();
        Some(if c.is_whitespace() {
            Class::OtherSpace
        } else if is_letter(c) {
            Class::Letter
        } else {
            Class::Other
        })
    }))
}

fn is_content(line: &str, letters: usize, min_letters: usize) -> bool {
    if letters >= 3 * min_letters {
        return true;
    }
    // Any quote mark counts: the punct phase turns curly ones into straight ones.
    let ends_sentence = line.trim_end().chars().next_back().is_some_and(|c| {
        matches!(
            c,
            '.' | ':' | '!' | '?' | '"' | '\'' | ')' | '\u{2026}' | '\u{2018}'
                ..='\u{201F}' | '\u{02BC}'
        )
    });
    letters >= min_letters && ends_sentence
}

/// The line as patterns see it: trimmed, inner white space runs as one space
/// (the layout phase collapses them), quotes as the punct maps leave them (a
/// second run must see the same).
fn for_matching<'l>(line: &'l str, ragged: bool, stand_ins: &StandIns) -> Cow<'l, str> {
    let line = line.trim();
    // Most lines come back as they are: only the non-ASCII characters of a
    // line are looked up, and only a mapped or ragged line is rebuilt.
    let mut mapped: Option<String> = None;
    let mut copied = 0;
    if !stand_ins.ascii.is_empty() && !line.is_ascii() {
        for (i, c) in line.char_indices().filter(|(_, c)| !c.is_ascii()) {
            if let Some(to) = stand_ins.ascii.get(&c) {
                let out = mapped.get_or_insert_with(|| String::with_capacity(line.len()));
                out.push_str(&line[copied..i]);
                out.push_str(to);
                copied = i + c.len_utf8();
            }
        }
    }
    let owned;
    let line = match mapped {
        Some(mut out) => {
            out.push_str(&line[copied..]);
            owned = out;
            owned.as_str()
        }
        None if ragged => line,
        None => return Cow::Borrowed(line),
    };
    // Inner white space runs as one space.
    Cow::Owned(line.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A strip rule's match on a line: it must start the line and hold something.
fn prefix<'t>(re: &regex::Regex, line: &'t str) -> Option<regex::Captures<'t>> {
    re.captures(line).filter(|caps| {
        let m = caps.get(0).expect("group 0 always matches");
        m.start() == 0 && !m.is_empty()
    })
}

/// Strips prefixes; prefixes may follow one another (a dateline, then
/// `date` debris), so the rules are tried again after each strip.
fn strip_prefixes(
    rules: &[usize],
    ctx: &Ctx<'_>,
    text: &str,
    found: &mut Vec<(String, String)>,
) -> Vec<Edit> {
    let mut edits = Vec::new();
    let strips: Vec<(usize, &regex::Regex, Zone)> = rules
        .iter()
        .filter_map(|&idx| match &ctx.rules[idx].kind {
            Kind::StripPrefix { re, zone } => Some((idx, re, *zone)),
            _ => None,
        })
        .collect();
    if strips.is_empty() {
        return edits;
    }
    // Head strips only need the first non-blank line: split no further.
    let lines = if strips.iter().all(|s| s.2 == Zone::Head) {
        let start = text.len() - text.trim_start().len();
        let start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
        lines(&text[..end], ctx.tunables.core_min_letters)
    } else {
        lines(text, ctx.tunables.core_min_letters)
    };
    // A segment that does not start the text has no first line to strip.
    let first = (0..lines.len())
        .find(|&i| !lines[i].blank)
        .filter(|_| ctx.edges.starts());
    let mut stripped = vec![0usize; lines.len()];
    for _ in 0..=strips.len() {
        let mut progress = false;
        for &(idx, re, zone) in &strips {
            for i in 0..lines.len() {
                let applies = match zone {
                    Zone::Head => Some(i) == first,
                    _ => lines[i].words != usize::MAX,
                };
                if !applies {
                    continue;
                }
                let at = lines[i].text.start + stripped[i];
                let Some(caps) = prefix(re, &text[at..lines[i].text.end]) else {
                    continue;
                };
                let m = caps.get(0).expect("group 0 always matches");
                for name in re.capture_names().flatten() {
                    if let Some(v) = caps.name(name) {
                        found.push((name.to_string(), v.as_str().to_string()));
                    }
                }
                edits.push(Edit::new(at..at + m.end(), "", idx));
                stripped[i] += m.end();
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
    edits
}

/// Rounds of the phase at most. Each round removes text (a dropped menu line
/// can make a dateline the first line) and real pages reach a fixed point in
/// two or three; the bound only stops pathological input from going quadratic.
const MAX_ROUNDS: usize = 256;

/// Letters and digits; U+02BC is a letter to Unicode but an apostrophe to
/// the punct phase, so it is not counted.
fn letters(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(u8::is_ascii_alphanumeric).count();
    }
    count_line(s).letters
}

/// A letter or digit, but not the modifier apostrophe (U+02BC), which is
/// punctuation in text. The blocks that make up most non-ASCII text are
/// answered by range; the rest by the Unicode tables.
fn is_letter(c: char) -> bool {
    match c {
        '0'..='9' | 'A'..='Z' | 'a'..='z' => true,
        '\0'..='\x7F' | '\u{D7}' | '\u{F7}' | '\u{02BC}' => false,
        '\u{C0}'..='\u{24F}' | '\u{410}'..='\u{44F}' => true,
        '\u{AC00}'..='\u{D7A3}' | '\u{4E00}'..='\u{9FFF}' => true,
        _ => c.is_alphanumeric(),
    }
}

pub(crate) fn run(rules: &[usize], ctx: &Ctx<'_>, doc: &mut Document<'_>, meta: &mut Meta) {
    let cap = ctx.tunables.chrome_cap;
    let (mut removed, mut total) = (0, 1);
    let mut saved: Option<Document<'_>> = None;
    let mut found: Vec<(String, String)> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        // Prefixes first: the core is found on the text without them.
        let prefixes = strip_prefixes(rules, ctx, doc.text(), &mut found);
        let (edits, gone, counted, again) = if prefixes.is_empty() {
            let known = saved.is_some().then_some(total);
            let sweep = sweep(rules, ctx, doc.text(), removed, known);
            (
                sweep.edits,
                sweep.removed,
                Some(sweep.total),
                sweep.first_line_changed,
            )
        } else {
            let gone = removed_letters(doc.text(), &prefixes);
            (prefixes, gone, None, true)
        };
        if edits.is_empty() {
            break;
        }
        if saved.is_none() {
            // Counted only for documents the phase changes.
            total = counted.unwrap_or_else(|| letters(doc.text()).max(1));
            saved = Some(doc.clone());
        }
        removed += gone;
        doc.apply(edits);
        if removed as f64 / total as f64 > cap || !again {
            break;
        }
    }
    // Safety: never empty a document, never remove more than the cap.
    let share = removed as f64 / total as f64;
    if removed >= total || share > cap {
        if let Some(saved) = saved {
            *doc = saved;
        }
        meta.insert(
            "chrome.cap".to_string(),
            format!(
                "reverted: chrome rules would remove {removed} of {total} letters ({:.0}%)",
                share * 100.0
            ),
        );
        return;
    }
    meta.extend(found);
}

/// What the line rules remove from a text, run to a fixed point.
struct Sweep {
    edits: Vec<Edit>,
    /// Letters the rounds removed.
    removed: usize,
    /// The letters the cap is measured against.
    total: usize,
    /// A new first line has a prefix to strip: the caller strips it and
    /// sweeps again.
    first_line_changed: bool,
}

/// Runs the line rules in rounds to a fixed point. Each round sees only the
/// lines earlier rounds left (a dropped menu can move the core), exactly as
/// if the text were rebuilt between rounds; but lines are split and measured
/// once, and each pattern is tried on a line at most once. `total` is the
/// document's letters before the phase, if it already changed the text.
fn sweep(
    rules: &[usize],
    ctx: &Ctx<'_>,
    text: &str,
    removed_before: usize,
    total: Option<usize>,
) -> Sweep {
    let mut lines = lines(text, ctx.tunables.core_min_letters);
    if rules
        .iter()
        .any(|&i| matches!(ctx.rules[i].kind, Kind::DropRepeat { .. }))
    {
        mark_repeats(text, &mut lines, ctx.tunables);
    }
    let lines = lines;
    let total = total.unwrap_or_else(|| lines.iter().map(|l| l.letters).sum::<usize>().max(1));
    let head_prefixes: Vec<&regex::Regex> = rules
        .iter()
        .filter_map(|&i| match &ctx.rules[i].kind {
            Kind::StripPrefix {
                re,
                zone: Zone::Head,
            } => Some(re),
            _ => None,
        })
        .collect();
    // Whether a head prefix rule would strip something from line `i`.
    let strippable = |i: usize| {
        let line = &text[lines[i].text.clone()];
        head_prefixes.iter().any(|re| prefix(re, line).is_some())
    };
    // For each line, the edit that removed it (an index into `rule_of`).
    let mut gone: Vec<Option<usize>> = vec![None; lines.len()];
    let mut rule_of: Vec<usize> = Vec::new();
    let first_visible =
        |gone: &[Option<usize>]| (0..lines.len()).find(|&i| gone[i].is_none() && !lines[i].blank);
    let first = first_visible(&gone);
    let mut cache = MatchCache::new(lines.len(), ctx.stand_ins);
    let (mut removed, mut first_line_changed) = (0, false);
    for _ in 0..MAX_ROUNDS {
        let view: Vec<usize> = (0..lines.len()).filter(|&i| gone[i].is_none()).collect();
        let mut round = round_edits(rules, ctx, text, &lines, &view, &mut cache);
        if round.is_empty() {
            break;
        }
        // Letters are counted over every edit of the round; then, as
        // `Document::apply` does, an edit overlapping an earlier one in text
        // order is dropped.
        let mut hit = vec![false; view.len()];
        for e in &round {
            hit[e.first..=e.last].fill(true);
        }
        removed += view
            .iter()
            .zip(&hit)
            .filter(|&(_, &h)| h)
            .map(|(&i, _)| lines[i].letters)
            .sum::<usize>();
        round.sort_by_key(|e| (e.first, e.last));
        let mut reach = None;
        for e in round {
            if reach.is_some_and(|r| e.first <= r) {
                continue;
            }
            reach = Some(e.last);
            rule_of.push(e.rule);
            for &i in &view[e.first..=e.last] {
                gone[i] = Some(rule_of.len() - 1);
            }
        }
        if (removed_before + removed) as f64 / total as f64 > ctx.tunables.chrome_cap {
            break;
        }
        let now = first_visible(&gone);
        if now != first && now.is_some_and(strippable) {
            first_line_changed = true;
            break;
        }
    }
    // One edit per run of adjacent lines removed by one edit of one round.
    let mut edits = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(e) = gone[i] else {
            i += 1;
            continue;
        };
        let start = lines[i].full.start;
        while i + 1 < lines.len() && gone[i + 1] == Some(e) {
            i += 1;
        }
        edits.push(Edit::new(start..lines[i].full.end, "", rule_of[e]));
        i += 1;
    }
    Sweep {
        edits,
        removed,
        total,
        first_line_changed,
    }
}

/// Marks the long lines that restate the paragraphs above them. Only
/// paragraphs (sentence lines longer than `anywhere` rules touch) count as
/// text above: line rules seldom remove one without the lines after it, so
/// a second run finds the same repeats.
fn mark_repeats(text: &str, lines: &mut [Line], t: &Tunables) {
    let candidates: Vec<repeats::Candidate<'_>> = lines
        .iter()
        .map(|l| repeats::Candidate {
            text: &text[l.text.clone()],
            source: l.content && l.words > t.anywhere_max_words,
            judged: l.letters >= t.repeat_min_letters,
        })
        .collect();
    let repeat = repeats::repeated(&candidates, t.repeat_min_share, is_letter);
    for (line, r) in lines.iter_mut().zip(repeat) {
        line.repeat = r;
    }
}

/// Letters and digits the edits remove (they only delete).
fn removed_letters(text: &str, edits: &[Edit]) -> usize {
    let mut spans: Vec<(usize, usize)> = edits.iter().map(|e| (e.start, e.end)).collect();
    spans.sort_unstable();
    let (mut n, mut reach) = (0, 0);
    for (start, end) in spans {
        let from = start.max(reach);
        if from < end {
            n += letters(&text[from..end]);
        }
        reach = reach.max(end);
    }
    n
}

/// What a line adds to a content block: a sentence line its letters, any
/// other non-blank line minus its letters and `short_line_cost`.
fn score(l: &Line, t: &Tunables) -> i64 {
    if l.blank || l.repeat {
        0
    } else if l.content {
        l.letters as i64
    } else {
        -((l.letters + t.short_line_cost) as i64)
    }
}

/// On a page with no core, the block of lines that ends just above `v`
/// with the most content (the maximum-sum suffix of the lines above it),
/// if it holds at least `cut_core_min_letters`: an article a marker may end
/// even when teasers and threads below it outweigh it.
fn block_above(
    lines: &[Line],
    view: &[usize],
    v: usize,
    t: &Tunables,
) -> Option<RangeInclusive<usize>> {
    let (mut sum, mut best, mut start) = (0i64, 0i64, v);
    for u in (0..v).rev() {
        sum += score(&lines[view[u]], t);
        if sum > best {
            (best, start) = (sum, u);
        }
    }
    (v > 0 && best >= t.cut_core_min_letters as i64).then(|| start..=v - 1)
}

/// The positions of `hits` (ascending) that stand in a run of at least
/// `min` of them with only `gap` lines between neighbours.
fn runs_of(hits: &[usize], min: usize, gap: impl Fn(usize) -> bool) -> Vec<usize> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=hits.len() {
        let joined = i < hits.len() && (hits[i - 1] + 1..hits[i]).all(&gap);
        if !joined {
            if i - start >= min {
                out.extend_from_slice(&hits[start..i]);
            }
            start = i;
        }
    }
    out
}

/// A document's content core (see `core`).
struct Core {
    /// Positions in the view.
    span: RangeInclusive<usize>,
    /// Fewer than `core_dense_share` of its lines are sentences: a product
    /// or listing page as likely as an article, so what stands above it may
    /// be its tagline or its features.
    sparse: bool,
}

/// The content core: the run of lines with the most content, where a
/// sentence-like line counts its letters and any other non-blank line costs
/// its letters plus `short_line_cost` (the maximum-sum block, found in one
/// pass), but the items of a list a sentence introduces cost nothing. Ties
/// go to the longer block, so a second run finds the same core.
///
/// `view` lists the lines (indexes into `lines`) that are still there; the
/// core is a range of positions in it.
fn core(lines: &[Line], view: &[usize], t: &Tunables) -> Option<Core> {
    let shown = |v: usize| &lines[view[v]];
    let (mut best, mut best_range): (i64, Option<RangeInclusive<usize>>) = (0, None);
    let (mut sum, mut start) = (-1i64, 0usize);
    // A list under a line that ends in a colon: its items until the first
    // blank line after one of them.
    let (mut listed, mut items) = (false, 0usize);
    for v in 0..view.len() {
        let l = shown(v);
        if l.content {
            (listed, items) = (l.intro, 0);
        } else if l.blank {
            listed &= items == 0;
        } else if listed {
            items += 1;
        }
        let x = if listed && !l.content { 0 } else { score(l, t) };
        if sum < 0 {
            (sum, start) = (x, v);
        } else {
            sum += x;
        }
        let longer = best_range.as_ref().is_some_and(|r| *r.start() == start);
        if sum > best || (sum == best && longer) {
            best = sum;
            best_range = Some(start..=v);
        }
    }
    // A page whose content is spread over many blocks (a listing, a product
    // page) has no core: only `anywhere` rules apply to it.
    let range = best_range?;
    let content = |vs: RangeInclusive<usize>| -> usize {
        vs.map(shown)
            .filter(|l| l.content && !l.repeat)
            .map(|l| l.letters)
            .sum()
    };
    let in_core = content(range.clone());
    let all = if view.is_empty() {
        0
    } else {
        content(0..=view.len() - 1)
    };
    if in_core < t.core_min_total || (in_core as f64) < t.core_min_share * all as f64 {
        return None;
    }
    // Trim blank lines off the block's edges.
    let blank = |v: usize| shown(v).blank;
    let (mut a, mut b) = (*range.start(), *range.end());
    while a < b && blank(a) {
        a += 1;
    }
    while b > a && blank(b) {
        b -= 1;
    }
    let sentences = (a..=b).map(shown).filter(|l| l.content).count();
    let shown_lines = (a..=b).filter(|&v| !blank(v)).count();
    Some(Core {
        span: a..=b,
        sparse: (sentences as f64) < t.core_dense_share * shown_lines as f64,
    })
}

/// A drop or cut of one round: the lines `first..=last` of the round's view.
struct LineEdit {
    first: usize,
    last: usize,
    rule: usize,
}

/// Which patterns matched which lines: a line's text never changes between
/// rounds, so each pattern is tried on it once. Rules past the 64th are not
/// remembered.
struct MatchCache<'t> {
    /// What the patterns see of each line, worked out once for all rules.
    matching: Vec<Option<Cow<'t, str>>>,
    tried: Vec<u64>,
    matched: Vec<u64>,
    stand_ins: &'t StandIns,
}

impl<'t> MatchCache<'t> {
    fn new(lines: usize, stand_ins: &'t StandIns) -> MatchCache<'t> {
        MatchCache {
            stand_ins,
            matching: vec![None; lines],
            tried: vec![0; lines],
            matched: vec![0; lines],
        }
    }

    /// Whether rule number `k` (its place in the phase) matches line `i`.
    fn is_match(
        &mut self,
        k: usize,
        re: &regex::Regex,
        text: &'t str,
        line: &Line,
        i: usize,
    ) -> bool {
        let bit = 1u64.checked_shl(k as u32).unwrap_or(0);
        if self.tried[i] & bit != 0 {
            return self.matched[i] & bit != 0;
        }
        let stand_ins = self.stand_ins;
        let s = self.matching[i]
            .get_or_insert_with(|| for_matching(&text[line.text.clone()], line.ragged, stand_ins));
        let hit = re.is_match(s);
        self.tried[i] |= bit;
        if hit {
            self.matched[i] |= bit;
        }
        hit
    }
}

/// Whether a tail marker inside the core (`Related Stories`, `12 Comments`)
/// ends the article there: the core has enough sentences above it, no other
/// short line has its shape (digits aside: `3 comments` under every teaser of
/// a listing is a label), and a list or a thread follows, not paragraphs: few
/// of the sentence lines after it stand next to another.
fn ends_article(
    text: &str,
    lines: &[Line],
    view: &[usize],
    core: &RangeInclusive<usize>,
    v: usize,
    t: &Tunables,
    thread: Option<&regex::Regex>,
) -> bool {
    let shown = |u: usize| &lines[view[u]];
    let above: usize = (*core.start()..v)
        .map(shown)
        .filter(|l| l.content)
        .map(|l| l.letters)
        .sum();
    if above < t.cut_core_min_letters {
        return false;
    }
    let shape = |u: usize| {
        let mut out = String::new();
        for c in text[shown(u).text.clone()].trim().chars() {
            if !c.is_ascii_digit() {
                out.extend(c.to_lowercase());
            } else if !out.ends_with('0') {
                out.push('0');
            }
        }
        out
    };
    let marker = shape(v);
    let label = (0..view.len()).any(|u| {
        let l = shown(u);
        u != v && !l.blank && l.words <= t.anywhere_max_words && shape(u) == marker
    });
    if label {
        return false;
    }
    let after: Vec<&Line> = (v + 1..view.len())
        .map(shown)
        .filter(|l| !l.blank)
        .collect();
    // Posts' header lines (`Anna · 2 days ago`, `May 2, 2024 at 6:34 am`):
    // a thread follows, however many paragraphs its posts have.
    if let Some(thread) = thread {
        let headers = after
            .iter()
            .filter(|l| {
                !l.content
                    && l.words <= t.anywhere_max_words
                    && thread.is_match(&text[l.text.clone()])
            })
            .count();
        if headers >= t.cut_thread_min_lines {
            return true;
        }
    }
    let sentences = after.iter().filter(|l| l.content).count();
    let paragraphs = (0..after.len())
        .filter(|&i| {
            after[i].content
                && ((i > 0 && after[i - 1].content) || after.get(i + 1).is_some_and(|l| l.content))
        })
        .count();
    paragraphs as f64 <= t.cut_core_max_paragraphs * sentences as f64
}

/// The drops and cuts of the line rules on the lines of `view` (indexes
/// into `lines`), in zones around the content core of those lines.
fn round_edits<'t>(
    rules: &[usize],
    ctx: &Ctx<'_>,
    text: &'t str,
    lines: &[Line],
    view: &[usize],
    cache: &mut MatchCache<'t>,
) -> Vec<LineEdit> {
    let shown = |v: usize| &lines[view[v]];
    let found = core(lines, view, ctx.tunables);
    let core = found.as_ref().map(|c| &c.span);
    let mut dropped = vec![false; view.len()];
    // Above a sparse core, rules that keep sentences drop only short lines
    // (menus), not taglines and features; named rules act on any line.
    let sparse = found.as_ref().is_some_and(|c| c.sparse);
    // The line right above the core, of three words or more (menu entries
    // are shorter): the article's title more often than not; rules that
    // keep sentences keep it too.
    let title = core
        .and_then(|c| (0..*c.start()).rev().find(|&v| !shown(v).blank))
        .filter(|&v| shown(v).words >= 3);
    let in_zone = |v: usize, zone: Zone| match (&found, zone) {
        (_, Zone::Anywhere) => shown(v).words <= ctx.tunables.anywhere_max_words,
        // A segment of a longer text has a head only if it starts the text,
        // a tail only if it ends it.
        (Some(c), Zone::Head) => ctx.edges.starts() && v < *c.span.start(),
        (Some(c), Zone::Tail) => ctx.edges.ends() && v > *c.span.end(),
        (None, _) => false,
    };
    // A page with no core is one block for tail markers: the sentence
    // letters above each line, and in all.
    let whole = 0..=view.len().saturating_sub(1);
    let mut above = Vec::with_capacity(if core.is_none() { view.len() + 1 } else { 0 });
    if core.is_none() {
        above.push(0usize);
        for v in 0..view.len() {
            let l = shown(v);
            above.push(above[v] + if l.content { l.letters } else { 0 });
        }
    }
    let sentences_above = |v: usize| above.get(v).copied().unwrap_or(0) as f64;
    let page_sentences = above.last().copied().unwrap_or(0) as f64;
    let mut edits: Vec<LineEdit> = Vec::new();
    for (k, &idx) in rules.iter().enumerate() {
        match &ctx.rules[idx].kind {
            Kind::StripPrefix { .. } => {}
            Kind::DropLine {
                re,
                zone,
                keep_sentences,
                min_run,
                max_words,
            } => {
                let in_rule_zone = |v: usize| match (zone, max_words) {
                    (Zone::Anywhere, Some(max)) => shown(v).words <= *max,
                    _ => in_zone(v, *zone),
                };
                let mut hits = Vec::new();
                for (v, line) in view.iter().map(|&i| &lines[i]).enumerate() {
                    if dropped[v]
                        || line.blank
                        || line.words == usize::MAX
                        || (*keep_sentences
                            && (line.content
                                || Some(v) == title
                                || (sparse
                                    && *zone == Zone::Head
                                    && line.words > ctx.tunables.sparse_head_max_words)))
                        || !in_rule_zone(v)
                    {
                        continue;
                    }
                    if cache.is_match(k, re, text, line, view[v]) {
                        hits.push(v);
                    }
                }
                if *min_run > 1 {
                    hits = runs_of(&hits, *min_run, |v| shown(v).blank || dropped[v]);
                }
                for v in hits {
                    dropped[v] = true;
                    edits.push(LineEdit {
                        first: v,
                        last: v,
                        rule: idx,
                    });
                }
            }
            Kind::CutAfter { re, zone, thread } => {
                let t = ctx.tunables;
                let hit = (0..view.len()).find(|&v| {
                    let line = shown(v);
                    if line.blank || line.words == usize::MAX {
                        return false;
                    }
                    if in_zone(v, *zone) {
                        return cache.is_match(k, re, text, line, view[v]);
                    }
                    if *zone != Zone::Tail
                        || !ctx.edges.ends()
                        || line.words > t.cut_marker_max_words
                        || !cache.is_match(k, re, text, line, view[v])
                    {
                        return false;
                    }
                    // A tail marker may also end the article inside the
                    // core; on a page with no core, below most of its
                    // sentences or right below an article's worth of them.
                    let block = match core {
                        None => block_above(lines, view, v, t),
                        Some(_) => None,
                    };
                    let inside = match core {
                        Some(c) => v > *c.start() && v <= *c.end(),
                        None => {
                            block.is_some()
                                || sentences_above(v) >= t.cut_page_min_share * page_sentences
                        }
                    };
                    inside
                        && ends_article(
                            text,
                            lines,
                            view,
                            block.as_ref().or(core).unwrap_or(&whole),
                            v,
                            t,
                            thread.as_ref(),
                        )
                });
                if let Some(v) = hit {
                    edits.push(LineEdit {
                        first: v,
                        last: view.len() - 1,
                        rule: idx,
                    });
                }
            }
            Kind::DropRepeat { zone } => {
                for (v, line) in view.iter().map(|&i| &lines[i]).enumerate() {
                    if line.repeat && !dropped[v] && in_zone(v, *zone) {
                        dropped[v] = true;
                        edits.push(LineEdit {
                            first: v,
                            last: v,
                            rule: idx,
                        });
                    }
                }
            }
            _ => unreachable!("only chrome kinds are loaded into the chrome phase"),
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_ranges_agree_with_the_unicode_tables() {
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            assert_eq!(
                is_letter(c),
                c.is_alphanumeric() && c != '\u{02BC}',
                "{c:?}"
            );
        }
    }

    #[test]
    fn lines_count_words_and_letters_in_any_script() {
        let text = "Ça va, “bien”.\nПривет мир\n\u{AC00}\u{00A0}b2\n";
        let got: Vec<(usize, usize)> = lines(text, 1)
            .iter()
            .map(|l| (l.words, l.letters))
            .collect();
        assert_eq!(got, [(3, 8), (2, 9), (2, 3)]);
        assert_eq!(letters(text), 20);
    }
}

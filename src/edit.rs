//! The one edit API. Every phase changes text only by handing `Edit`s to
//! `Document::apply`, which keeps each change mapped to its span in the
//! original input. That mapping is what makes the report replayable.

use std::borrow::Cow;
use std::ops::Range;

/// A change a rule asks for, in the coordinates of the text the phase sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Edit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) replacement: String,
    /// Index of the rule in the cleaner's rule table.
    pub(crate) rule: usize,
}

impl Edit {
    pub(crate) fn new(range: Range<usize>, replacement: impl Into<String>, rule: usize) -> Edit {
        Edit {
            start: range.start,
            end: range.end,
            replacement: replacement.into(),
            rule,
        }
    }
}

/// A change already applied: where it sits in the original input and where
/// its result sits in the current text.
#[derive(Clone, Debug)]
pub(crate) struct Span {
    pub(crate) orig: Range<usize>,
    pub(crate) cur: Range<usize>,
    pub(crate) rule: usize,
}

/// The text being cleaned, with every change made to it so far.
#[derive(Clone)]
pub(crate) struct Document<'a> {
    original: &'a str,
    text: Cow<'a, str>,
    spans: Vec<Span>,
    /// How many times `apply` changed the text.
    changes: usize,
}

/// An interval of the merge walk: an earlier change or a new edit.
enum Item<'e> {
    Old(&'e Span),
    New(&'e Edit),
}

impl Item<'_> {
    fn range(&self) -> Range<usize> {
        match self {
            Item::Old(s) => s.cur.clone(),
            Item::New(e) => e.start..e.end,
        }
    }
}

impl<'a> Document<'a> {
    pub(crate) fn new(original: &'a str) -> Document<'a> {
        Document {
            original,
            text: Cow::Borrowed(original),
            spans: Vec::new(),
            changes: 0,
        }
    }

    /// How many times the text was changed: compared before and after a
    /// phase, it tells whether the phase did anything.
    pub(crate) fn changes(&self) -> usize {
        self.changes
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    #[cfg(test)]
    pub(crate) fn spans(&self) -> &[Span] {
        &self.spans
    }

    pub(crate) fn into_parts(self) -> (Cow<'a, str>, Vec<Span>) {
        (self.text, self.spans)
    }

    /// An edit that only shortens what it covers (`"\n\n\n\n"` to `"\n\n"`)
    /// becomes the deletion it is, and a deletion is cut around earlier
    /// deletions inside it, so that each rule keeps its own fix in the report
    /// instead of one merged span named after the first.
    fn as_deletions(&self, edits: Vec<Edit>) -> Vec<Edit> {
        let text: &str = &self.text;
        let mut out = Vec::with_capacity(edits.len());
        for mut e in edits {
            let old = &text[e.start..e.end];
            if !e.replacement.is_empty() && e.replacement.len() < old.len() {
                let r = e.replacement.as_str();
                if old.starts_with(r) {
                    e = Edit::new(e.start + r.len()..e.end, "", e.rule);
                } else if old.ends_with(r) {
                    e = Edit::new(e.start..e.end - r.len(), "", e.rule);
                }
            }
            if !e.replacement.is_empty() {
                out.push(e);
                continue;
            }
            // Spans are in text order: only those starting inside the edit.
            let first = self.spans.partition_point(|s| s.cur.start <= e.start);
            let mut from = e.start;
            for s in self.spans[first..]
                .iter()
                .take_while(|s| s.cur.start < e.end)
            {
                if s.cur.is_empty() && from < s.cur.start {
                    out.push(Edit::new(from..s.cur.start, "", e.rule));
                    from = s.cur.start;
                }
            }
            out.push(Edit::new(from..e.end, "", e.rule));
        }
        out
    }

    /// Applies edits made against the current text. Edits are sorted; one that
    /// overlaps an earlier one, or changes nothing, is dropped. An edit that
    /// overlaps an earlier change is merged with it into one span of the
    /// original, named after the rule that first touched it (but for a
    /// deletion of all of it: then after the deletion).
    pub(crate) fn apply(&mut self, mut edits: Vec<Edit>) {
        let text: &str = &self.text;
        edits.sort_by_key(|e| (e.start, e.end));
        let mut kept: Vec<Edit> = Vec::with_capacity(edits.len());
        for e in edits {
            debug_assert!(e.start <= e.end && e.end <= text.len());
            debug_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
            if text[e.start..e.end] == e.replacement {
                continue;
            }
            if let Some(prev) = kept.last() {
                let overlaps = e.start < prev.end || (e.start == prev.start && e.start == e.end);
                if overlaps {
                    continue;
                }
            }
            kept.push(e);
        }
        if kept.is_empty() {
            return;
        }
        self.changes += 1;
        let kept = self.as_deletions(kept);

        // Merge old spans and new edits in text order; at a tie the old span
        // goes first, so positions map to the original monotonically.
        let mut items: Vec<Item<'_>> = Vec::with_capacity(self.spans.len() + kept.len());
        let (mut i, mut j) = (0, 0);
        while i < self.spans.len() || j < kept.len() {
            let take_old = match (self.spans.get(i), kept.get(j)) {
                (Some(s), Some(e)) => s.cur.start <= e.start,
                (Some(_), None) => true,
                _ => false,
            };
            if take_old {
                items.push(Item::Old(&self.spans[i]));
                i += 1;
            } else {
                items.push(Item::New(&kept[j]));
                j += 1;
            }
        }

        let mut out = String::with_capacity(text.len());
        let mut spans = Vec::with_capacity(items.len());
        let mut copied = 0; // text[..copied] is already in `out`
        let mut delta_old: isize = 0; // cur - orig over the old spans passed
        let mut k = 0;
        while k < items.len() {
            // A cluster: items that overlap one another, strictly.
            let first = items[k].range();
            let mut end = first.end;
            let mut m = k + 1;
            while m < items.len() && items[m].range().start < end {
                end = end.max(items[m].range().end);
                m += 1;
            }
            let cluster = &items[k..m];
            let start = first.start;
            let orig_start = match cluster[0] {
                Item::Old(s) => s.orig.start,
                Item::New(_) => (start as isize - delta_old) as usize,
            };
            let mut grow = 0isize;
            // A deletion that takes away all that earlier changes left here
            // is the fix that shows (a line a chrome rule drops once a split
            // made it match); otherwise the rule that first touched it.
            let mut rule = cluster.iter().find_map(|it| match it {
                Item::New(e) if e.replacement.is_empty() && e.start <= start && e.end >= end => {
                    Some(e.rule)
                }
                _ => None,
            });
            for it in cluster {
                if let Item::Old(s) = it {
                    grow += s.cur.len() as isize - s.orig.len() as isize;
                    rule.get_or_insert(s.rule);
                }
            }
            let orig_end = (orig_start as isize + (end - start) as isize - grow) as usize;
            delta_old += grow;

            out.push_str(&text[copied..start]);
            let new_start = out.len();
            let mut pos = start;
            for it in cluster {
                if let Item::New(e) = it {
                    out.push_str(&text[pos..e.start]);
                    out.push_str(&e.replacement);
                    pos = e.end;
                    rule.get_or_insert(e.rule);
                }
            }
            out.push_str(&text[pos..end]);
            copied = end;
            let new_end = out.len();
            if out[new_start..new_end] != self.original[orig_start..orig_end] {
                spans.push(Span {
                    orig: orig_start..orig_end,
                    cur: new_start..new_end,
                    rule: rule.expect("a cluster has at least one item"),
                });
            }
            k = m;
        }
        out.push_str(&text[copied..]);
        self.spans = spans;
        self.text = Cow::Owned(out);
    }
}

/// Rebuilds the output from the original input and the changes' original
/// spans and replacements; used by tests and by `--verify`-style callers.
pub fn replay<'f>(
    original: &str,
    fixes: impl IntoIterator<Item = (Range<usize>, &'f str)>,
) -> String {
    let mut out = String::with_capacity(original.len());
    let mut pos = 0;
    for (range, after) in fixes {
        out.push_str(&original[pos..range.start]);
        out.push_str(after);
        pos = range.end;
    }
    out.push_str(&original[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply_all(
        input: &str,
        rounds: Vec<Vec<(usize, usize, &str)>>,
    ) -> (String, Vec<(Range<usize>, String)>) {
        let mut doc = Document::new(input);
        for (r, round) in rounds.into_iter().enumerate() {
            let edits = round
                .into_iter()
                .map(|(s, e, t)| Edit::new(s..e, t, r))
                .collect();
            doc.apply(edits);
        }
        let text = doc.text().to_string();
        let fixes: Vec<_> = doc
            .spans()
            .iter()
            .map(|s| (s.orig.clone(), text[s.cur.clone()].to_string()))
            .collect();
        (text, fixes)
    }

    fn check(
        input: &str,
        rounds: Vec<Vec<(usize, usize, &str)>>,
        want: &str,
    ) -> Vec<(Range<usize>, String)> {
        let (text, fixes) = apply_all(input, rounds);
        assert_eq!(text, want);
        let replayed = replay(input, fixes.iter().map(|(r, a)| (r.clone(), a.as_str())));
        assert_eq!(replayed, want);
        fixes
    }

    #[test]
    fn later_edits_map_to_original_offsets() {
        let fixes = check(
            "ab cd ef",
            vec![vec![(0, 2, "X")], vec![(2, 4, "Y")]],
            "X Y ef",
        );
        assert_eq!(
            fixes,
            vec![(0..2, "X".to_string()), (3..5, "Y".to_string())]
        );
    }

    #[test]
    fn overlapping_edits_merge_into_one_span() {
        let fixes = check(
            "abcdef",
            vec![vec![(1, 3, "XYZ")], vec![(2, 5, "-")]],
            "aX-ef",
        );
        assert_eq!(fixes, vec![(1..4, "X-".to_string())]);
    }

    /// A line dropped after an earlier edit changed it is reported as the
    /// drop, not as the earlier edit.
    #[test]
    fn a_deletion_over_an_earlier_change_is_named_after_the_deletion() {
        let mut doc = Document::new("Share onFacebook\nText\n");
        doc.apply(vec![Edit::new(8..8, " ", 0)]);
        doc.apply(vec![Edit::new(0..18, "", 1)]);
        assert_eq!(doc.text(), "Text\n");
        let spans: Vec<(Range<usize>, usize)> = doc
            .spans()
            .iter()
            .map(|s| (s.orig.clone(), s.rule))
            .collect();
        assert_eq!(spans, vec![(0..17, 1)]);
    }

    #[test]
    fn deletion_then_insertion_at_same_point() {
        let fixes = check("abcdef", vec![vec![(2, 4, "")], vec![(2, 2, "+")]], "ab+ef");
        assert_eq!(fixes.len(), 2);
    }

    #[test]
    fn edits_that_cancel_leave_no_fix() {
        let fixes = check(
            "a'b",
            vec![vec![(1, 2, "\u{2019}")], vec![(1, 4, "'")]],
            "a'b",
        );
        assert!(fixes.is_empty());
    }

    #[test]
    fn no_op_edit_keeps_text_borrowed() {
        let mut doc = Document::new("abc");
        doc.apply(vec![Edit::new(0..1, "a", 0)]);
        assert!(matches!(doc.text, Cow::Borrowed(_)));
        assert!(doc.spans().is_empty());
    }
}

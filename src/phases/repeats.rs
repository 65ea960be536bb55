//! Lines that restate text above them: a page's dump of its own article
//! body as one line (the `articleBody` of its metadata), a teaser printed
//! again in full. Lines are compared by sampled shingles of their letters
//! and digits only, so the spaces the glue phase inserts and the quotes and
//! dashes the punct phase maps change nothing on a second run.

use rustc_hash::FxHashSet;

/// Letters and digits per shingle: about three words. Where a dump joins
/// two paragraphs, this many less one shingles are new.
const SHINGLE: usize = 16;

/// One shingle in this many is kept, chosen by its hash, so that two copies
/// of a text keep the same ones.
const SAMPLE: u64 = 8;

/// A line is judged on at least this many kept shingles.
const MIN_SAMPLES: usize = 8;

/// A line of the text as the repeat test sees it.
pub(crate) struct Candidate<'t> {
    pub(crate) text: &'t str,
    /// Its shingles count as text above the lines after it.
    pub(crate) source: bool,
    /// It may itself be a repeat.
    pub(crate) judged: bool,
}

/// For each line, whether at least `min_share` of its kept shingles occur
/// in the source lines above it. A restatement starts where a line above
/// starts (the dump with the first paragraph, the teaser with the lede):
/// only a judged line whose first shingle opens a line above (a title
/// included) is compared in full, so a page without one costs a shingle a
/// line.
pub(crate) fn repeated(
    lines: &[Candidate<'_>],
    min_share: f64,
    is_letter: impl Fn(char) -> bool,
) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    let Some(last_judged) = lines.iter().rposition(|l| l.judged) else {
        return out;
    };
    let mut starts: FxHashSet<u64> = FxHashSet::default();
    let mut suspects = Vec::new();
    for (i, line) in lines[..=last_judged].iter().enumerate() {
        let Some(first) = Shingles::new(line.text, &is_letter).next() else {
            continue;
        };
        if line.judged && starts.contains(&first) {
            suspects.push(i);
        }
        starts.insert(first);
    }
    let Some(&last) = suspects.last() else {
        return out;
    };
    let mut seen: FxHashSet<u64> = FxHashSet::default();
    let mut kept = Vec::new();
    for (i, line) in lines[..=last].iter().enumerate() {
        let suspect = suspects.binary_search(&i).is_ok();
        if !(line.source || suspect) {
            continue;
        }
        kept.clear();
        kept.extend(Shingles::new(line.text, &is_letter).filter(|h| h % SAMPLE == 0));
        out[i] = suspect
            && kept.len() >= MIN_SAMPLES
            && kept.iter().filter(|h| seen.contains(h)).count() as f64
                >= min_share * kept.len() as f64;
        if line.source {
            seen.extend(kept.iter().copied());
        }
    }
    out
}

/// The shingle hashes of a line: a polynomial rolling hash over its last
/// `SHINGLE` letters and digits, mixed.
struct Shingles<'t, F> {
    chars: std::str::Chars<'t>,
    is_letter: F,
    window: [u32; SHINGLE],
    hash: u64,
    n: usize,
}

impl<'t, F: Fn(char) -> bool> Shingles<'t, F> {
    fn new(text: &'t str, is_letter: F) -> Self {
        Shingles {
            chars: text.chars(),
            is_letter,
            window: [0; SHINGLE],
            hash: 0,
            n: 0,
        }
    }
}

impl<F: Fn(char) -> bool> Iterator for Shingles<'_, F> {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        const BASE: u64 = 0x100_0000_01B3;
        // BASE to the power SHINGLE: what the oldest letter weighs when it leaves.
        const OUT: u64 = {
            let mut p = 1u64;
            let mut i = 0;
            while i < SHINGLE {
                p = p.wrapping_mul(BASE);
                i += 1;
            }
            p
        };
        loop {
            let c = self.chars.next()?;
            if !(self.is_letter)(c) {
                continue;
            }
            let slot = self.n % SHINGLE;
            self.hash = self
                .hash
                .wrapping_mul(BASE)
                .wrapping_add(u64::from(c))
                .wrapping_sub(u64::from(self.window[slot]).wrapping_mul(OUT));
            self.window[slot] = c.into();
            self.n += 1;
            if self.n >= SHINGLE {
                let m = self.hash.wrapping_mul(0x9E37_79B9_7F4A_7C15);
                return Some(m ^ (m >> 32));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(lines: &[&str]) -> Vec<bool> {
        let lines: Vec<Candidate<'_>> = lines
            .iter()
            .map(|&text| Candidate {
                text,
                source: true,
                judged: true,
            })
            .collect();
        repeated(&lines, 0.7, char::is_alphanumeric)
    }

    const P1: &str = "The council met on Tuesday to discuss the budget for the coming year, and it approved the plan after a long debate about schools.";
    const P2: &str = "The new mayor was sworn in on Monday in a short ceremony at the city hall, and she promised to fix the roads before the winter.";

    #[test]
    fn a_dump_of_the_paragraphs_above_is_a_repeat() {
        let dump = format!("{P1} {P2}");
        assert_eq!(judge(&[P1, P2, &dump]), [false, false, true]);
    }

    #[test]
    fn spaces_and_quotes_do_not_matter() {
        let both = format!("{P1}\n{P2}");
        let glued = both
            .replace("budget for", "budgetfor")
            .replace(',', " \u{2014}")
            .replace('\n', " ");
        assert_eq!(judge(&[&both, &glued]), [false, true]);
    }

    #[test]
    fn new_text_and_a_quoted_sentence_are_not_repeats() {
        let quoting = format!("As the report said, \"{P1}\" {P2} {P2}");
        assert_eq!(judge(&[P1, P2]), [false, false]);
        assert_eq!(judge(&[P1, &quoting]), [false, false]);
    }

    #[test]
    fn only_source_lines_count_as_text_above() {
        let lines = [(P1, false), (P1, true)];
        let lines: Vec<Candidate<'_>> = lines
            .iter()
            .map(|&(text, source)| Candidate {
                text,
                source,
                judged: true,
            })
            .collect();
        let got = repeated(&lines, 0.7, char::is_alphanumeric);
        assert_eq!(got, [false, false]);
    }
}

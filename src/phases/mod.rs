//! The phases' runners. Each turns rules into `Edit`s against the current
//! text and hands them to `Document::apply`; none writes text directly.

mod chrome;
mod entities;
mod glue;
mod mojibake;
mod repeats;
mod scan;
mod text;

use crate::cleaner::Meta;
use crate::edit::{Document, Edit};
use crate::phase::Phase;
use crate::rules::{Kind, Rule, Tunables, WordLists};

pub(crate) use self::mojibake::StandIns;

/// What the map rules after the repair phase do to single characters.
pub(crate) fn stand_ins(rules: &[Rule]) -> StandIns {
    let mut out = StandIns::default();
    for rule in rules.iter().filter(|r| r.phase > Phase::Repair) {
        out.composes |= matches!(rule.kind, Kind::Normalize { .. });
        if let Kind::Map { from, to, .. } = &rule.kind {
            for (k, v) in from.iter().zip(to) {
                let mut key = k.chars();
                let (Some(c), None) = (key.next(), key.next()) else {
                    continue;
                };
                match v.chars().next() {
                    None if !out.deleted.contains(&c) => out.deleted.push(c),
                    None => {}
                    Some(_) if v.is_ascii() => {
                        out.ascii.insert(c, v.clone());
                    }
                    Some(_) => {}
                }
            }
        }
    }
    out
}

/// What the runners share: the rules, the tunables and the word lists.
pub(crate) struct Ctx<'c> {
    pub(crate) rules: &'c [Rule],
    pub(crate) tunables: &'c Tunables,
    pub(crate) words: &'c WordLists,
    /// What later map rules turn into ASCII (see `mojibake::StandIns`).
    pub(crate) stand_ins: &'c StandIns,
    /// The text around this one when it is a segment of a longer text.
    pub(crate) edges: Edges<'c>,
}

/// The text on either side of a segment of a longer text (empty at the
/// text's own start and end). Regex rules see it, so `\A`, `\z` and
/// look-around mean the same in a segment as in the whole; chrome rules see
/// whether the segment holds the text's head or tail.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Edges<'c> {
    pub(crate) before: &'c str,
    pub(crate) after: &'c str,
}

impl Edges<'_> {
    /// The segment holds the start of the text.
    pub(crate) fn starts(&self) -> bool {
        self.before.is_empty()
    }

    /// The segment holds the end of the text.
    pub(crate) fn ends(&self) -> bool {
        self.after.is_empty()
    }
}

/// Layers of mojibake (or of HTML escaping) repaired at most.
const MOJIBAKE_LAYERS: usize = 4;

/// Rounds of glued-word splitting at most; real text settles in two.
const GLUE_ROUNDS: usize = 8;

/// Applies a rule's edits again and again until it finds nothing more to do
/// or tells that the next round would find nothing (`true` beside the
/// edits), `rounds` times at most.
fn until_fixed(
    doc: &mut Document<'_>,
    rounds: usize,
    mut round: impl FnMut(&str) -> (Vec<Edit>, bool),
) {
    for _ in 0..rounds {
        let (found, settled) = round(doc.text());
        if found.is_empty() {
            break;
        }
        doc.apply(found);
        if settled {
            break;
        }
    }
}

/// Whether another run of the pipeline would change the text, in the two
/// ways a later phase changes what an earlier one saw: the chrome phase
/// removed the only markup, which kept character references as they were;
/// or the glue phase (`late`: it split something) made a line a chrome rule
/// removes (`Share onFacebook`). Asked by running those rules on the text.
/// The punct phase cannot change a chrome match: patterns see quotes as its
/// maps leave them.
pub(crate) fn unsettled(by_phase: &[Vec<usize>], ctx: &Ctx<'_>, text: &str, late: bool) -> bool {
    let references = by_phase[Phase::Repair as usize].iter().any(|&i| {
        matches!(ctx.rules[i].kind, Kind::HtmlEntities) && !entities::decode(text, i).is_empty()
    });
    if references {
        return true;
    }
    let chrome = &by_phase[Phase::Chrome as usize];
    if !late || chrome.is_empty() {
        return false;
    }
    let mut scratch = Document::new(text);
    chrome::run(chrome, ctx, &mut scratch, &mut Meta::new());
    scratch.changes() > 0
}

/// Runs the rules of one phase, in pack order.
pub(crate) fn run(
    phase: Phase,
    rules: &[usize],
    ctx: &Ctx<'_>,
    doc: &mut Document<'_>,
    meta: &mut Meta,
) {
    if phase == Phase::Chrome {
        chrome::run(rules, ctx, doc, meta);
        return;
    }
    for &idx in rules {
        let rule = &ctx.rules[idx];
        let edits = match &rule.kind {
            Kind::Replace {
                re,
                replacement,
                anchor,
            } => text::replace(
                doc.text(),
                re,
                replacement,
                anchor.as_deref(),
                idx,
                &ctx.edges,
            ),
            Kind::Map { ac, to, bytes, .. } => text::map(doc.text(), ac, to, bytes.as_deref(), idx),
            Kind::Normalize { form } => text::normalize(doc.text(), *form, idx),
            Kind::C1Controls => mojibake::c1_controls(doc.text(), idx),
            // `&amp;lt;` was escaped twice: decode until nothing is left.
            Kind::HtmlEntities => {
                until_fixed(doc, MOJIBAKE_LAYERS, |t| (entities::decode(t, idx), false));
                continue;
            }
            // Mojibake can be layered (encoded twice): repair until it holds.
            Kind::Mojibake => {
                until_fixed(doc, MOJIBAKE_LAYERS, |t| {
                    (mojibake::repair(t, idx, ctx.stand_ins), false)
                });
                continue;
            }
            // A split can give the document the evidence for another (a name
            // now standing alone): repeat to a fixed point, unless a round
            // shows the next one can find nothing.
            Kind::SplitGlued => {
                until_fixed(doc, GLUE_ROUNDS, |t| {
                    let round = glue::split(t, ctx, idx);
                    (round.edits, round.settled)
                });
                continue;
            }
            Kind::DropLine { .. }
            | Kind::CutAfter { .. }
            | Kind::DropRepeat { .. }
            | Kind::StripPrefix { .. } => {
                unreachable!("chrome kinds are refused outside the chrome phase")
            }
        };
        doc.apply(edits);
    }
}

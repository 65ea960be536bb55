//! The phases' runners. Each turns rules into `Edit`s against the current
//! text and hands them to `Document::apply`; none writes text directly.

mod chrome;
mod entities;
mod glue;
mod mojibake;
mod text;

use crate::cleaner::Meta;
use crate::edit::Document;
use crate::phase::Phase;
use crate::rules::{Kind, Rule, Tunables, WordLists};

/// What the runners share: the rules, the tunables and the word lists.
pub(crate) struct Ctx<'c> {
    pub(crate) rules: &'c [Rule],
    pub(crate) tunables: &'c Tunables,
    pub(crate) words: &'c WordLists,
}

/// Layers of mojibake (or of HTML escaping) repaired at most.
const MOJIBAKE_LAYERS: usize = 4;

/// Rounds of glued-word splitting at most; real text settles in two.
const GLUE_ROUNDS: usize = 8;

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
            Kind::Replace { re, replacement } => text::replace(doc.text(), re, replacement, idx),
            Kind::Map { ac, to } => text::map(doc.text(), ac, to, idx),
            Kind::Normalize { form } => text::normalize(doc.text(), *form, idx),
            Kind::C1Controls => mojibake::c1_controls(doc.text(), idx),
            Kind::HtmlEntities => {
                // `&amp;lt;` was escaped twice: decode until nothing is left.
                for _ in 0..MOJIBAKE_LAYERS {
                    let edits = entities::decode(doc.text(), idx);
                    if edits.is_empty() {
                        break;
                    }
                    doc.apply(edits);
                }
                continue;
            }
            Kind::Mojibake => {
                // Mojibake can be layered (encoded twice): repair until it holds.
                for _ in 0..MOJIBAKE_LAYERS {
                    let edits = mojibake::repair(doc.text(), idx);
                    if edits.is_empty() {
                        break;
                    }
                    doc.apply(edits);
                }
                continue;
            }
            Kind::SplitGlued => {
                // A split can give the document the evidence for another
                // (a name now standing alone): repeat to a fixed point.
                for _ in 0..GLUE_ROUNDS {
                    let edits = glue::split(doc.text(), ctx, idx);
                    if edits.is_empty() {
                        break;
                    }
                    doc.apply(edits);
                }
                continue;
            }
            Kind::DropLine { .. } | Kind::CutAfter { .. } | Kind::StripPrefix { .. } => {
                unreachable!("chrome kinds are refused outside the chrome phase")
            }
        };
        doc.apply(edits);
    }
}

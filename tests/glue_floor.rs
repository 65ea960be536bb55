//! The glue phase's dev-set figures as a regression floor, scored as
//! ../shared/eval/score_glue.py scores them: inserted spaces that are in the
//! gold are true positives, others false splits.

use std::collections::HashSet;

use unglue::Cleaner;

mod common;

fn space_positions(text: &str) -> (HashSet<usize>, usize) {
    let (mut pos, mut n) = (HashSet::new(), 0);
    for tok in text.split_whitespace() {
        n += tok.chars().count();
        pos.insert(n);
    }
    (pos, n)
}

#[test]
fn glue_dev_floor() {
    let glue = Cleaner::builder().select("glue").build().unwrap();
    let (mut tp, mut fp, mut fn_, mut tokens, mut gold_fixes) = (0, 0, 0, 0, 0);
    for (text, gold) in common::glue_dev() {
        let out = glue.clean(text);
        let (g, _) = space_positions(gold);
        let (inp, _) = space_positions(text);
        let (got, _) = space_positions(&out.text);
        let glued: HashSet<_> = g.difference(&inp).copied().collect();
        let inserted: HashSet<_> = got.difference(&inp).copied().collect();
        tp += inserted.intersection(&glued).count();
        fp += inserted.difference(&glued).count();
        fn_ += glued.difference(&got).count();
        tokens += gold.split_whitespace().count();
        gold_fixes += glue.clean(gold).fixes.len();
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fn_) as f64;
    let per_10k = 1e4 * fp as f64 / tokens as f64;
    eprintln!(
        "precision {precision:.4} recall {recall:.4} false/10k {per_10k:.2} gold fixes {gold_fixes}"
    );
    assert!(precision >= 0.99, "precision {precision:.4}");
    // Above the 0.85: the floor keeps the margin held-out text needs.
    assert!(recall >= 0.86, "recall {recall:.4}");
    // Half the limit of 2: room for what held-out text adds.
    assert!(per_10k <= 1.0, "false splits per 10k tokens {per_10k:.2}");
    assert!(gold_fixes == 0, "fixes on the gold text {gold_fixes}");
}

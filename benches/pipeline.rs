//! Throughput (MB/s) of the default pipeline and of each phase on the seeds
//! and on about 1 MB of English news (the glue fixture's gold bodies), and of
//! the text-repair phases on that news with mojibake in every paragraph.
//!
//! cargo bench --bench pipeline

use std::sync::OnceLock;

#[path = "../tests/common/mod.rs"]
mod common;

use divan::Bencher;
use divan::counter::BytesCount;
use unglue::Cleaner;

fn main() {
    divan::main();
}

/// Mojibake appended to every paragraph of the repair-heavy corpus: a
/// Windows-1252 reading of "café “quoted”". benches/ftfy_compare.py builds
/// the same corpus for ftfy.
const MOJIBAKE: &str = " caf\u{C3}\u{A9} \u{E2}\u{20AC}\u{153}quoted\u{E2}\u{20AC}\u{9D}";

fn seeds() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        ["000_a38fc8f7beda79d9.txt", "001_898aff2efecb9d6a.txt"]
            .iter()
            .map(|n| std::fs::read_to_string(format!("fixtures/seeds/{n}")).unwrap())
            .collect()
    })
}

/// About 1 MB of English news: the gold bodies of the glue fixture.
fn news() -> &'static [String] {
    static L: OnceLock<Vec<String>> = OnceLock::new();
    L.get_or_init(|| {
        common::glue_dev()
            .iter()
            .map(|(_, gold)| gold.clone())
            .collect()
    })
}

/// The same news with mojibake in every paragraph.
fn mojibake() -> &'static [String] {
    static M: OnceLock<Vec<String>> = OnceLock::new();
    M.get_or_init(|| {
        news()
            .iter()
            .map(|d| {
                d.split("\n\n")
                    .map(|p| format!("{p}{MOJIBAKE}"))
                    .collect::<Vec<_>>()
                    .join("\n\n")
            })
            .collect()
    })
}

fn cleaner(select: &[&str]) -> Cleaner {
    let mut b = Cleaner::builder();
    for s in select {
        b.select(s);
    }
    b.build().unwrap()
}

fn run(bencher: Bencher, docs: &'static [String], cleaner: Cleaner) {
    let bytes: usize = docs.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for d in docs {
            divan::black_box(cleaner.clean(divan::black_box(d)));
        }
    });
}

const TEXT_PHASES: &[&str] = &["repair", "unicode", "punct"];

#[divan::bench]
fn default_seeds(b: Bencher) {
    run(b, seeds(), cleaner(&[]));
}

#[divan::bench]
fn default_news(b: Bencher) {
    run(b, news(), cleaner(&[]));
}

#[divan::bench(args = ["repair", "unicode", "chrome", "glue", "punct", "layout"])]
fn phase_news(b: Bencher, phase: &str) {
    run(b, news(), cleaner(&[phase]));
}

#[divan::bench]
fn repair_unicode_punct_news(b: Bencher) {
    run(b, news(), cleaner(TEXT_PHASES));
}

#[divan::bench]
fn repair_unicode_punct_mojibake(b: Bencher) {
    run(b, mojibake(), cleaner(TEXT_PHASES));
}

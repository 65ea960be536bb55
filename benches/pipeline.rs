//! Throughput (MB/s) of the default pipeline and of single phases, on the
//! seeds and on a larger text built from them.
//!
//! cargo bench --bench pipeline

use std::sync::OnceLock;

use divan::Bencher;
use divan::counter::BytesCount;
use unglue::Cleaner;

fn main() {
    divan::main();
}

fn seeds() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        ["000_a38fc8f7beda79d9.txt", "001_898aff2efecb9d6a.txt"]
            .iter()
            .map(|n| std::fs::read_to_string(format!("fixtures/seeds/{n}")).unwrap())
            .collect()
    })
}

/// About 4 MB: many documents' worth of the seeds, each a separate document.
fn large() -> &'static [String] {
    static L: OnceLock<Vec<String>> = OnceLock::new();
    L.get_or_init(|| seeds().iter().cycle().take(1800).cloned().collect())
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

#[divan::bench]
fn default_seeds(b: Bencher) {
    run(b, seeds(), cleaner(&[]));
}

#[divan::bench]
fn default_large(b: Bencher) {
    run(b, large(), cleaner(&[]));
}

#[divan::bench]
fn glue_large(b: Bencher) {
    run(b, large(), cleaner(&["glue"]));
}

#[divan::bench]
fn chrome_large(b: Bencher) {
    run(b, large(), cleaner(&["chrome"]));
}

#[divan::bench]
fn repair_unicode_punct_large(b: Bencher) {
    run(b, large(), cleaner(&["repair", "unicode", "punct"]));
}

#[divan::bench(args = ["glue.split-word", "glue.closing-quote"])]
fn glue_rule_large(b: Bencher, rule: &str) {
    run(b, large(), cleaner(&[rule]));
}

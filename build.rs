//! Compiles the English unigram list into an `fst::Map` (word -> count) so the
//! lexicon is embedded in the binary and costs nothing to load at start-up.

use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    let src = "data/lexicon/en-unigrams.txt";
    println!("cargo::rerun-if-changed={src}");
    let text = fs::read_to_string(src).expect("read data/lexicon/en-unigrams.txt");
    let mut entries: Vec<(String, u64)> = text
        .lines()
        .filter_map(|line| {
            let (word, count) = line.split_once('\t')?;
            let count: u64 = count.trim().parse().ok()?;
            Some((word.to_lowercase(), count))
        })
        .collect();
    entries.sort();
    entries.dedup_by(|a, b| {
        if a.0 == b.0 {
            b.1 += a.1;
            true
        } else {
            false
        }
    });
    let map = fst::Map::from_iter(entries).expect("build lexicon fst");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("lexicon.fst");
    fs::write(out, map.as_fst().as_bytes()).expect("write lexicon fst");
}

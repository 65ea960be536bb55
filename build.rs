//! Compiles the English unigram list into the table the binary embeds:
//! lower-cased, duplicates merged, sorted, one `word\tcount` a line.

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
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let tsv: String = entries.iter().map(|(w, c)| format!("{w}\t{c}\n")).collect();
    fs::write(out.join("lexicon.tsv"), tsv).expect("write lexicon tsv");
}

//! What the integration tests (and the benches) share. Not every binary
//! that includes this module uses all of it.
#![allow(dead_code)]

use std::io::Read;
use std::sync::OnceLock;

use unglue::{Cleaner, Fix, Streamed};

/// The glue fixture's records as (`text`, `gold`): news with glued words,
/// and the same news as written. Read once.
pub fn glue_dev() -> &'static [(String, String)] {
    static R: OnceLock<Vec<(String, String)>> = OnceLock::new();
    R.get_or_init(|| {
        let mut raw = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open("fixtures/glue-dev.jsonl.gz").unwrap())
            .read_to_string(&mut raw)
            .unwrap();
        raw.lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let field = |k: &str| v[k].as_str().unwrap().to_string();
                (field("text"), field("gold"))
            })
            .collect()
    })
}

/// `input` streamed through `cleaner` in segments of `segment` bytes: the
/// output, the fixes as they came, and what the stream reported.
pub fn stream(cleaner: &Cleaner, input: &str, segment: usize) -> (String, Vec<Fix>, Streamed) {
    let mut out = Vec::new();
    let mut fixes = Vec::new();
    let done = cleaner
        .stream()
        .segment_size(segment)
        .run(input.as_bytes(), &mut out, |f| fixes.push(f))
        .unwrap();
    (String::from_utf8(out).unwrap(), fixes, done)
}

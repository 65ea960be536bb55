//! What the integration tests share.

use unglue::{Cleaner, Fix, Streamed};

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

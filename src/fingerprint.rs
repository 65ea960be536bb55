// Shared by build.rs (which lays out the lexicon table) and src/lexicon.rs
// (which probes it): both must hash a word the same way.

/// A 64-bit fingerprint of an ASCII word, case-folded: eight bytes at a time
/// through a multiply-xorshift mixer. Never 0, which marks an empty slot.
pub(crate) fn fingerprint(word: &[u8]) -> u64 {
    // ASCII lower case; pads the tail.
    hash(word, 0x2020_2020_2020_2020)
}

/// The same mixer over the bytes as they are (any bytes, case kept).
#[allow(
    dead_code,
    reason = "build.rs includes this file and needs only `fingerprint`"
)]
pub(crate) fn exact_fingerprint(word: &[u8]) -> u64 {
    hash(word, 0)
}

fn hash(word: &[u8], fold: u64) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |h: u64, v: u64| {
        let h = (h ^ (v | fold)).wrapping_mul(K);
        h ^ (h >> 29)
    };
    let mut h = (word.len() as u64).wrapping_mul(K);
    let mut chunks = word.chunks_exact(8);
    for chunk in &mut chunks {
        h = mix(
            h,
            u64::from_le_bytes(chunk.try_into().expect("eight bytes")),
        );
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        let v = tail
            .iter()
            .rev()
            .fold(0u64, |v, &b| (v << 8) | u64::from(b));
        h = mix(h, v);
    }
    h = (h ^ (h >> 32)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    (h ^ (h >> 32)).max(1)
}

// Shared by build.rs (which lays out the lexicon table) and src/lexicon.rs
// (which probes it): both must hash a word the same way.

/// A 64-bit fingerprint of an ASCII word, case-folded: eight bytes at a time
/// through a multiply-xorshift mixer. Never 0, which marks an empty slot.
pub(crate) fn fingerprint(word: &[u8]) -> u64 {
    // ASCII lower case; pads the tail.
    hash(word, 0x2020_2020_2020_2020)
}

/// The same mixer over the bytes as they are (any bytes, case kept).
pub(crate) fn exact_fingerprint(word: &[u8]) -> u64 {
    hash(word, 0)
}

/// Low bits of a packed slot of the foreign word list that hold its value
/// (below 1024: a Zipf value times a hundred).
pub(crate) const ZIPF_BITS: u32 = 10;

/// Low bits of a packed slot of the English lexicon that hold its count,
/// as `count_code` writes it.
pub(crate) const COUNT_BITS: u32 = 24;

/// A packed slot: a fingerprint whose low `bits` carry a value instead, so
/// a slot is one `u64` and tables stay small enough to stay in cache.
/// Never 0 (the empty slot) as long as the value is not.
#[allow(dead_code, reason = "only build.rs packs slots")]
pub(crate) fn pack(fp: u64, value: u64, bits: u32) -> u64 {
    assert!(value > 0 && value < 1 << bits, "a packed value fits");
    (fp & !((1 << bits) - 1)) | value
}

/// A count in `COUNT_BITS`: below 2^23 as it is (every threshold a pack
/// sets is), above it to 18 significant bits (a relative error below
/// 10^-5, for the 5,000 commonest words).
#[allow(dead_code, reason = "only build.rs packs slots")]
pub(crate) fn count_code(count: u64) -> u64 {
    if count < 1 << 23 {
        return count;
    }
    let shift = u64::from(64 - count.leading_zeros() - 18);
    (1 << 23) | (shift << 17) | ((count >> shift) & ((1 << 17) - 1))
}

/// The count a `count_code` stands for.
#[allow(dead_code, reason = "build.rs packs and never reads")]
pub(crate) fn count_of(code: u64) -> u64 {
    if code < 1 << 23 {
        return code;
    }
    let shift = (code >> 17) & 63;
    ((code & ((1 << 17) - 1)) | (1 << 17)) << shift
}

/// The last `n` (1 to 7) bytes of `word` as a little-endian number: a few
/// overlapping loads, not a loop (most words are shorter than eight bytes).
fn little_endian(word: &[u8], n: usize) -> u64 {
    let len = word.len();
    let tail = &word[len - n..];
    let read4 = |at: usize| {
        u64::from(u32::from_le_bytes(
            word[at..at + 4].try_into().expect("four bytes"),
        ))
    };
    if len >= 8 {
        // The eight bytes that end the word, less those already mixed.
        let last = u64::from_le_bytes(word[len - 8..].try_into().expect("eight bytes"));
        return last >> (8 * (8 - n));
    }
    if n >= 4 {
        // Two four-byte loads that overlap in the middle.
        return read4(len - n) | ((read4(len - 4) >> (8 * (8 - n))) << 32);
    }
    let byte = |i: usize| u64::from(tail[i]);
    byte(0) | (byte(n / 2) << (8 * (n / 2))) | (byte(n - 1) << (8 * (n - 1)))
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
        h = mix(h, little_endian(word, tail.len()));
    }
    h = (h ^ (h >> 32)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    (h ^ (h >> 32)).max(1)
}

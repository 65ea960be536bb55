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

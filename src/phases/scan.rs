//! Byte scanning shared by the phases that only care about non-ASCII text.

/// The first byte at or after `from` with the high bit set, eight bytes at a
/// time: mostly-ASCII text is crossed at memory speed.
pub(crate) fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while i + 8 <= bytes.len() {
        let word = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes"));
        let high = word & HIGH;
        if high != 0 {
            return Some(i + (high.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i..].iter().position(|b| *b >= 0x80).map(|p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_high_byte_from_any_start() {
        let text = "plain ascii text, then caf\u{E9} and more ascii after it".as_bytes();
        let at = text.iter().position(|b| *b >= 0x80).unwrap();
        for from in 0..=at {
            assert_eq!(next_non_ascii(text, from), Some(at));
        }
        assert_eq!(next_non_ascii(text, at + 2), None);
        assert_eq!(next_non_ascii(b"", 0), None);
    }
}

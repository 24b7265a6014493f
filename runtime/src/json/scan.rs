//! Finding the bytes of a string that need attention, shared by the reader
//! (where an unescaped run ends) and the writer (what must be escaped): the
//! same set, `"`, `\` and the control characters below U+0020.

/// What follows the backslash when the writer escapes a byte: `0` when the
/// byte is written as is, otherwise the escape letter (`u` for `\u00XX`).
/// Non-zero exactly for the bytes that end an unescaped run in the reader.
///
/// A 256-entry table, as in serde_json, so a byte is one load and one
/// compare. Only what JSON requires is escaped: `"`, `\` and the control
/// characters below U+0020. Everything else, including DEL and
/// U+2028/U+2029, is valid JSON as is and is copied unchanged.
pub(super) static ESCAPE: [u8; 256] = {
    let mut table = [0_u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// The index of the first byte of `bytes` that needs attention (see
/// [`ESCAPE`]), or `None` when the whole slice can be copied as is.
///
/// Looks at eight bytes at a time (SWAR, as serde_json's reader does),
/// because strings are most of an AWS body and most of their bytes need no
/// attention. For each byte lane the classic bit tricks flag a zero byte
/// after XOR with `"` or `\`, and a byte below 0x20; the lowest flagged
/// lane is always a true hit (false positives only appear above one), so
/// its index is exact. The last few bytes go through the table.
pub(super) fn find_string_stop(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let mut lanes = [0_u8; 8];
        lanes.copy_from_slice(chunk);
        let word = u64::from_le_bytes(lanes);
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        let flagged = (quote.wrapping_sub(ONES) & !quote
            | backslash.wrapping_sub(ONES) & !backslash
            | word.wrapping_sub(ONES * 0x20) & !word)
            & HIGH;
        if flagged != 0 {
            return Some(offset + (flagged.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&byte| ESCAPE[usize::from(byte)] != 0)
        .map(|index| offset + index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_flags_what_json_requires() {
        let flagged: Vec<u8> = (0..=255_u8)
            .filter(|&byte| ESCAPE[usize::from(byte)] != 0)
            .collect();
        let expected: Vec<u8> = (0..0x20).chain([b'"', b'\\']).collect();
        assert_eq!(flagged, expected);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// The word-at-a-time scan finds what a byte-by-byte scan finds.
        #[test]
        fn string_stop_matches_the_table(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![b'"', b'\\', 0x1f, 0x20, 0x21, 0, 0x7f, 0x80, 0xff, b'a', 0x22 ^ 0x80, 0xdc]),
                    proptest::prelude::any::<u8>(),
                ],
                0..40,
            ),
        ) {
            let expected = bytes.iter().position(|&byte| ESCAPE[usize::from(byte)] != 0);
            proptest::prop_assert_eq!(find_string_stop(&bytes), expected);
        }
    }

    #[test]
    fn string_stop_in_every_lane() {
        for len in 0..20 {
            for stop in 0..len {
                for byte in [b'"', b'\\', 0, 0x1f] {
                    let mut bytes = vec![b'x'; len];
                    bytes[stop] = byte;
                    assert_eq!(find_string_stop(&bytes), Some(stop));
                    // A later hit does not hide an earlier one.
                    if stop + 1 < len {
                        bytes[stop + 1] = b'"';
                        assert_eq!(find_string_stop(&bytes), Some(stop));
                    }
                }
            }
            assert_eq!(find_string_stop(&vec![0xe9; len]), None);
            assert_eq!(find_string_stop(&vec![0x20; len]), None);
            assert_eq!(find_string_stop(&vec![0x23; len]), None);
        }
    }
}

//! Lower-case hex, the form SigV4 writes hashes and signatures in.

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Appends the lower-case hex of `bytes` to `out`.
pub(crate) fn encode_into(out: &mut String, bytes: &[u8]) {
    // Through a stack buffer, a chunk at a time: pushing `char`s one by
    // one costs more than the hashing around it.
    let mut buf = [0_u8; 64];
    for chunk in bytes.chunks(buf.len() / 2) {
        for (i, &byte) in chunk.iter().enumerate() {
            buf[2 * i] = DIGITS[usize::from(byte >> 4)];
            buf[2 * i + 1] = DIGITS[usize::from(byte & 0x0f)];
        }
        let hex = &buf[..2 * chunk.len()];
        // Only ASCII hex digits were written.
        out.push_str(std::str::from_utf8(hex).unwrap_or_default());
    }
}

/// The lower-case hex of `bytes`.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    encode_into(&mut out, bytes);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_nibble() {
        assert_eq!(encode(&[]), "");
        assert_eq!(
            encode(&[0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef]),
            "0123456789abcdef"
        );
        assert_eq!(encode(&[0x00, 0xff, 0x10]), "00ff10");
        // Longer than one chunk of the buffer.
        let bytes: Vec<u8> = (0..=255).collect();
        let hex = encode(&bytes);
        assert_eq!(hex.len(), 512);
        assert!(hex.starts_with("000102"), "{hex}");
        assert!(hex.ends_with("fdfeff"), "{hex}");
    }
}

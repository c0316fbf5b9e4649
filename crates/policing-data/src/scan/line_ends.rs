//! Lone carriage returns as line ends. Some real files end their lines with a
//! carriage return alone (the BBC's yearly counts, old Mac exports), and a file
//! with line feeds can hold rows joined by a lone CR. The engine turns every
//! carriage return not followed by a line feed into a line feed as it reads
//! ([`lone_crs_to_lf`], on each block as it arrives), byte for byte: so
//! offsets, sizes and line numbers stay those of the file, a CR-only file reads
//! as lines, CRLF stays CRLF, and nothing else changes. (A lone CR inside a
//! quoted field becomes a line feed there too.)

/// Turns each lone CR in `buf[from..]` into LF. A CR in the last byte is left
/// until its successor is known: the next call starts at it (`from` = the old
/// length - 1), or, at the end of the input (`end`), it is a line end.
pub(crate) fn lone_crs_to_lf(buf: &mut [u8], from: usize, end: bool) {
    let Some(last) = buf.len().checked_sub(1) else { return };
    let mut at = from;
    while let Some(k) = buf.get(at..last).and_then(|s| memchr::memchr(b'\r', s)) {
        let i = at + k;
        if buf.get(i + 1) != Some(&b'\n') {
            if let Some(b) = buf.get_mut(i) {
                *b = b'\n';
            }
        }
        at = i + 1;
    }
    if end {
        if let Some(b) = buf.get_mut(last).filter(|b| **b == b'\r') {
            *b = b'\n';
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "a test: a failure panics with its message")]
    use super::*;

    /// The rule written plainly: a CR not followed by LF is LF.
    fn plain(bytes: &[u8]) -> Vec<u8> {
        (0..bytes.len())
            .map(|i| if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') { b'\n' } else { bytes[i] })
            .collect()
    }

    #[test]
    fn lone_crs_become_lfs_whatever_the_blocks() {
        let cases: [&[u8]; 7] = [b"a\rb\r\nc\n\rd\r", b"\r", b"\r\r\n\r", b"x", b"", b"h\rr1\rr2\r", b"a\r\n\r\n\r\rb"];
        for bytes in cases {
            for step in [1, 2, 3, 7, 64] {
                // Appended block by block, as the engine fills its buffer.
                let mut buf = Vec::new();
                for (n, piece) in bytes.chunks(step).enumerate() {
                    let before = buf.len();
                    buf.extend_from_slice(piece);
                    let end = (n + 1) * step >= bytes.len();
                    lone_crs_to_lf(&mut buf, before.saturating_sub(1), end);
                }
                let held = buf.len().saturating_sub(1);
                lone_crs_to_lf(&mut buf, held, true);
                assert_eq!(buf, plain(bytes), "{bytes:?} step {step}");
            }
        }
    }
}

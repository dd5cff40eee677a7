//! Small text helpers shared by the layers: key normalisation, previews, line lookup.

use alloc::string::String;

/// Compares two keys or titles ignoring ASCII case and all whitespace
/// (`"Last HostName Update"` equals `"last hostname  update"`).
pub(crate) fn norm_eq(a: &str, b: &str) -> bool {
    let mut a = a.bytes().filter(|b| !b.is_ascii_whitespace());
    let mut b = b.bytes().filter(|b| !b.is_ascii_whitespace());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(&y) => {}
            _ => return false,
        }
    }
}

/// Writes the normalised form of `key` (ASCII lowercase, no whitespace) into `buf`.
/// Returns `None` when it does not fit or contains non-ASCII bytes (such keys are never known).
pub(crate) fn normalize<'b>(key: &str, buf: &'b mut [u8; 48]) -> Option<&'b str> {
    let mut n = 0;
    for b in key.bytes() {
        if b.is_ascii_whitespace() {
            continue;
        }
        if !b.is_ascii() {
            return None;
        }
        *buf.get_mut(n)? = b.to_ascii_lowercase();
        n += 1;
    }
    core::str::from_utf8(buf.get(..n)?).ok()
}

/// `s` without leading whitespace; ASCII spaces and tabs are skipped fast, anything else
/// (NBSP, ideographic space) goes through the Unicode definition.
pub(crate) fn trim_start(s: &str) -> &str {
    let skip = s.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
    let rest = s.get(skip..).unwrap_or("");
    match rest.as_bytes().first() {
        Some(b) if b.is_ascii_whitespace() || !b.is_ascii() => rest.trim_start(),
        _ => rest,
    }
}

/// `s` without trailing whitespace (fast for ASCII, like [`trim_start`]).
pub(crate) fn trim_end(s: &str) -> &str {
    let keep = s.len()
        - s.bytes()
            .rev()
            .take_while(|&b| b == b' ' || b == b'\t')
            .count();
    let rest = s.get(..keep).unwrap_or("");
    match rest.as_bytes().last() {
        Some(b) if b.is_ascii_whitespace() || !b.is_ascii() => rest.trim_end(),
        _ => rest,
    }
}

/// `s` without leading and trailing whitespace.
pub(crate) fn trim(s: &str) -> &str {
    trim_end(trim_start(s))
}

/// Position of the first `needle` byte in `bytes`, scanning eight bytes at a time (SWAR).
/// Faster than `memchr` for the short haystacks of a line, where call and alignment overhead
/// dominate.
pub(crate) fn find_byte(bytes: &[u8], needle: u8) -> Option<usize> {
    let pattern = SWAR_LO.wrapping_mul(u64::from(needle));
    swar_position(bytes, |w| zero_bytes(w ^ pattern), |b| b == needle)
}

/// `0x01` in every byte of a word.
pub(crate) const SWAR_LO: u64 = 0x0101_0101_0101_0101;

/// The high bit of every zero byte of `x`. The lowest set bit is exact; higher ones may be
/// false positives (a `01` byte above a zero one), so only the first hit is to be trusted.
#[inline(always)]
pub(crate) fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(SWAR_LO) & !x & 0x8080_8080_8080_8080
}

/// Position of the first byte of `bytes` that `word_hits` marks (in a little-endian word of
/// eight bytes, by the high bit of the byte; only the lowest mark needs to be exact) or, in
/// the tail shorter than a word, that `is_hit` accepts. The two must agree.
#[inline(always)]
pub(crate) fn swar_position(
    bytes: &[u8],
    word_hits: impl Fn(u64) -> u64,
    is_hit: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let found = word_hits(u64::from_le_bytes(word));
        if found != 0 {
            return Some(base + (found.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| is_hit(b))
        .map(|p| base + p)
}

/// The first line end (`\n` or `\r`) of `bytes`, and whether a `<` comes before it: one SWAR
/// pass for the three bytes the line splitter cares about.
pub(crate) fn find_line_end(bytes: &[u8]) -> (Option<usize>, bool) {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // The lowest set bit of each mask is exact (higher ones may be false positives).
    let zero = |x: u64| x.wrapping_sub(LO) & !x & HI;
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    let mut lt = false;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let end = zero(w ^ (LO * u64::from(b'\n'))) | zero(w ^ (LO * u64::from(b'\r')));
        let less = zero(w ^ (LO * u64::from(b'<')));
        if end != 0 {
            let at = end.trailing_zeros();
            lt |= less != 0 && less.trailing_zeros() < at;
            return (Some(base + (at / 8) as usize), lt);
        }
        lt |= less != 0;
        base += 8;
    }
    for (i, &b) in chunks.remainder().iter().enumerate() {
        match b {
            b'\n' | b'\r' => return (Some(base + i), lt),
            b'<' => lt = true,
            _ => {}
        }
    }
    (None, lt)
}

/// Whether `s` starts with `prefix`, ignoring ASCII case.
pub(crate) fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len()
        && s.as_bytes()
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// At most `max` characters of `s`, with `…` when cut.
pub(crate) fn preview(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        out.push(if c.is_control() { ' ' } else { c });
    }
    out
}

/// Maps byte offsets to 1-based line numbers (a line ends at `\n`, `\r\n` or a lone `\r`).
/// Offsets must be queried in increasing order.
pub(crate) struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter {
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    /// The line holding byte `offset` (offsets past the end map to the last line).
    pub(crate) fn line_of(&mut self, offset: usize) -> usize {
        let end = offset.min(self.bytes.len());
        while self.pos < end {
            match self.bytes.get(self.pos) {
                Some(b'\n') => self.line += 1,
                Some(b'\r') if self.bytes.get(self.pos + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
            self.pos += 1;
        }
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_compare_without_case_and_spaces() {
        assert!(norm_eq("Last HostName Update", "last hostname  update"));
        assert!(norm_eq("KeySignTest", "Key Sign Test"));
        assert!(!norm_eq("DomainJoined", "DomainName"));
        let mut buf = [0; 48];
        assert_eq!(normalize(" Device  Name ", &mut buf), Some("devicename"));
    }

    #[test]
    fn find_byte_finds_the_first() {
        for len in 0..40 {
            for at in 0..len {
                let mut v = alloc::vec![b'a'; len];
                v[at] = b'\n';
                if at + 3 < len {
                    v[at + 3] = b'\n';
                }
                assert_eq!(find_byte(&v, b'\n'), Some(at), "{len} {at}");
            }
            assert_eq!(find_byte(&alloc::vec![0x8a; len], b'\n'), None);
        }
    }

    #[test]
    fn find_line_end_sees_cr_lf_and_lt() {
        for len in 1..30 {
            for at in 0..len {
                for end in [b'\n', b'\r'] {
                    let mut v = alloc::vec![b'a'; len];
                    v[at] = end;
                    assert_eq!(find_line_end(&v), (Some(at), false));
                    if at > 0 {
                        v[at - 1] = b'<';
                        assert_eq!(find_line_end(&v), (Some(at), true));
                        v[at - 1] = b'a';
                    }
                    if at + 1 < len {
                        v[at + 1] = b'<';
                        assert_eq!(find_line_end(&v), (Some(at), false));
                    }
                }
            }
            let mut v = alloc::vec![b'x'; len];
            assert_eq!(find_line_end(&v), (None, false));
            v[len - 1] = b'<';
            assert_eq!(find_line_end(&v), (None, true));
        }
    }

    #[test]
    fn line_counter_handles_all_line_ends() {
        let text = "a\r\nb\rc\nd";
        let mut lc = LineCounter::new(text);
        assert_eq!(lc.line_of(0), 1);
        assert_eq!(lc.line_of(3), 2);
        assert_eq!(lc.line_of(5), 3);
        assert_eq!(lc.line_of(7), 4);
        assert_eq!(lc.line_of(100), 4);
    }
}

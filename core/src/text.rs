//! Small text helpers shared by the layers: the one key-equality rule, case-insensitive search,
//! the duration formatter, previews, line lookup. A leaf: it uses no other module.

use alloc::string::String;

/// Whether `b` is skipped when keys are compared: ASCII whitespace and punctuation.
const fn skipped(b: u8) -> bool {
    b.is_ascii_whitespace() || b.is_ascii_punctuation()
}

/// The one key-equality rule, for field keys and section titles everywhere (catalogue,
/// glossary, codes, redaction): equal when their ASCII letters and digits are, ignoring case,
/// whitespace and punctuation (`"Last HostName Update"` = `"last hostname  update"`,
/// `"Auto-Configuration URL"` = `"AutoConfiguration URL"`). Other characters must match exactly.
pub fn key_eq(a: &str, b: &str) -> bool {
    let mut a = a.bytes().filter(|&b| !skipped(b));
    let mut b = b.bytes().filter(|&b| !skipped(b));
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(&y) => {}
            _ => return false,
        }
    }
}

/// Writes the normalised form of `key` under [`key_eq`]'s rule (lower-case ASCII letters and
/// digits) into `buf`. Returns `None` when it does not fit or holds other characters (such keys
/// are never known).
pub(crate) fn normalize<'b, const N: usize>(key: &str, buf: &'b mut [u8; N]) -> Option<&'b str> {
    let mut n = 0;
    for b in key.bytes() {
        if skipped(b) {
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

/// Whether `haystack` contains `needle`, ignoring ASCII case.
pub fn contains_ci(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// A duration in words, rounded to its largest unit or two (`3 days 4 hours`, `25 minutes`,
/// `1 second`): the one duration formatter of every report, page and export.
pub fn duration(seconds: i64) -> String {
    use alloc::format;
    let s = seconds.unsigned_abs();
    let (days, hours, minutes) = (s / 86_400, (s % 86_400) / 3_600, (s % 3_600) / 60);
    let unit = |n: u64, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    match (days, hours, minutes) {
        (0, 0, 0) => unit(s, "second"),
        (0, 0, m) => unit(m, "minute"),
        (0, h, 0) => unit(h, "hour"),
        (0, h, m) => format!("{} {}", unit(h, "hour"), unit(m, "minute")),
        (d, 0, _) => unit(d, "day"),
        (d, h, _) if d < 7 => format!("{} {}", unit(d, "day"), unit(h, "hour")),
        (d, _, _) => unit(d, "day"),
    }
}

/// Sorts a short list in place, stably, by `before` (an insertion sort): findings, evidence and
/// join lines are a few dozen at most, and the standard sort would add kilobytes of code to the
/// wasm for every element type.
pub(crate) fn sort_small<T>(v: &mut [T], before: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && before(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
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
        assert!(key_eq("Last HostName Update", "last hostname  update"));
        assert!(key_eq("KeySignTest", "Key Sign Test"));
        assert!(key_eq("KeySignTest:", "KeySignTest"));
        assert!(key_eq("Auto-Configuration URL", "AutoConfiguration URL"));
        assert!(!key_eq("DomainJoined", "DomainName"));
        assert!(!key_eq("Benutzer", "Benützer"));
        let mut buf = [0; 48];
        assert_eq!(normalize(" Device  Name ", &mut buf), Some("devicename"));
        assert_eq!(
            normalize("Server ErrorCode:", &mut buf),
            Some("servererrorcode")
        );
        assert_eq!(normalize("Benützer", &mut buf), None);
    }

    #[test]
    fn small_sorts_are_stable() {
        let mut v = alloc::vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_small(&mut v, |a, b| a.0 < b.0);
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: [u8; 0] = [];
        sort_small(&mut empty, |a, b| a < b);
    }

    #[test]
    fn durations_read_as_words() {
        assert_eq!(duration(1), "1 second");
        assert_eq!(duration(-59), "59 seconds");
        assert_eq!(duration(25 * 60), "25 minutes");
        assert_eq!(duration(3_600), "1 hour");
        assert_eq!(duration(5 * 3_600 + 12 * 60), "5 hours 12 minutes");
        assert_eq!(duration(3 * 86_400 + 4 * 3_600), "3 days 4 hours");
        assert_eq!(duration(40 * 86_400 + 3_600), "40 days");
        assert!(contains_ci(
            "Endpoint https://ADFS.contoso.com/adfs/",
            "/adfs/"
        ));
        assert!(!contains_ci("abc", "abd"));
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

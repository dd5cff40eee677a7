//! A small JSON reader (RFC 8259) for reading this analyzer's own reports back (the fleet's
//! NDJSON input). It keeps what those reports hold: objects, arrays, strings (every escape,
//! surrogate pairs included), integers (a fraction or exponent is read and dropped), booleans
//! and null. A general deserialiser would cost the web page far more than this does.
//!
//! ```
//! use dsreg_core::json::{parse, Json};
//!
//! let v = parse(r#"{"a": [1, -2, true, null], "b": "x\"\u00e9\ud83d\ude00"}"#).unwrap();
//! assert_eq!(v.get("a").and_then(|a| a.items().nth(1)).and_then(Json::as_i64), Some(-2));
//! assert_eq!(v.get("b").and_then(Json::as_str), Some("x\"é😀"));
//! assert!(parse("{\"a\": }").is_none());
//! ```
//!
//! **Invariant:** [`parse`] never panics and nests at most [`MAX_DEPTH`] levels deep, so a
//! crafted line cannot exhaust the stack.

use alloc::string::String;
use alloc::vec::Vec;

/// The deepest nesting [`parse`] reads.
pub const MAX_DEPTH: usize = 64;

/// A JSON value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number's integer part (saturating).
    Int(i64),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, its members in order.
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A string's text.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A number.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Int(n) => Some(*n),
            _ => None,
        }
    }

    /// A boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// An array's items (none for anything else).
    pub fn items(&self) -> impl Iterator<Item = &Json> {
        match self {
            Json::Arr(items) => items.as_slice(),
            _ => &[],
        }
        .iter()
    }
}

/// Reads one JSON value filling all of `text` (whitespace around it allowed); `None` when it
/// is not JSON.
pub fn parse(text: &str) -> Option<Json> {
    let mut r = Reader {
        b: text.as_bytes(),
        at: 0,
    };
    let v = r.value(0)?;
    r.space();
    (r.at == r.b.len()).then_some(v)
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn space(&mut self) {
        while matches!(self.b.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.space();
        let ok = self.b.get(self.at) == Some(&c);
        self.at += usize::from(ok);
        ok
    }

    fn word(&mut self, w: &str, v: Json) -> Option<Json> {
        let end = self.at + w.len();
        (self.b.get(self.at..end) == Some(w.as_bytes())).then(|| {
            self.at = end;
            v
        })
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.space();
        match *self.b.get(self.at)? {
            b'{' => {
                self.at += 1;
                let mut members = Vec::new();
                if self.eat(b'}') {
                    return Some(Json::Obj(members));
                }
                loop {
                    self.space();
                    let key = self.string()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    members.push((key, self.value(depth + 1)?));
                    if self.eat(b'}') {
                        return Some(Json::Obj(members));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Some(Json::Arr(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.eat(b']') {
                        return Some(Json::Arr(items));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'"' => self.string().map(Json::Str),
            b't' => self.word("true", Json::Bool(true)),
            b'f' => self.word("false", Json::Bool(false)),
            b'n' => self.word("null", Json::Null),
            _ => self.number(),
        }
    }

    fn number(&mut self) -> Option<Json> {
        let negative = self.b.get(self.at) == Some(&b'-');
        self.at += usize::from(negative);
        let start = self.at;
        let mut n: i64 = 0;
        while let Some(d) = self.b.get(self.at).filter(|d| d.is_ascii_digit()) {
            n = n.saturating_mul(10).saturating_add(i64::from(d - b'0'));
            self.at += 1;
        }
        if self.at == start {
            return None;
        }
        // A fraction or an exponent: read, not kept.
        while matches!(
            self.b.get(self.at),
            Some(b'.' | b'e' | b'E' | b'+' | b'-' | b'0'..=b'9')
        ) {
            self.at += 1;
        }
        Some(Json::Int(if negative { -n } else { n }))
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.b.get(self.at..self.at + 4)?;
        self.at += 4;
        digits
            .iter()
            .try_fold(0u32, |acc, &d| Some(acc * 16 + char::from(d).to_digit(16)?))
    }

    fn string(&mut self) -> Option<String> {
        if self.b.get(self.at) != Some(&b'"') {
            return None;
        }
        self.at += 1;
        let mut out = Vec::new();
        loop {
            let c = *self.b.get(self.at)?;
            self.at += 1;
            match c {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let e = *self.b.get(self.at)?;
                    self.at += 1;
                    let ch = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi)
                                && self.b.get(self.at..self.at + 2) == Some(b"\\u")
                            {
                                self.at += 2;
                                let lo = self.hex4()?;
                                0x10000 + ((hi - 0xD800) << 10) + lo.checked_sub(0xDC00)?
                            } else {
                                hi
                            };
                            char::from_u32(code).unwrap_or('\u{fffd}')
                        }
                        _ => return None,
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                0..=0x1f => return None,
                _ => out.push(c),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn values_escapes_and_errors() {
        let v = parse(" {\"k\": [ {}, [], \"\\n\\t\\\\\\/\", 12.5e3, -0, false ] } ").unwrap();
        let items: Vec<&Json> = v.get("k").unwrap().items().collect();
        assert_eq!(items[0], &Json::Obj(Vec::new()));
        assert_eq!(items[1], &Json::Arr(Vec::new()));
        assert_eq!(items[2].as_str(), Some("\n\t\\/"));
        assert_eq!(items[3].as_i64(), Some(12));
        assert_eq!(items[4].as_i64(), Some(0));
        assert_eq!(items[5].as_bool(), Some(false));
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "\"open",
            "tru",
            "\"\\x\"",
            "1 2",
            "\"\u{1}\"",
            "{1: 2}",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 2), "]".repeat(MAX_DEPTH + 2));
        assert!(parse(&deep).is_none());
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_some());
    }

    #[test]
    fn what_serde_json_writes_reads_back() {
        let s = "tab\t quote\" backslash\\ nul\u{0} é 😀 \u{2028}";
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(parse(&json).unwrap().as_str(), Some(s));
        // Integers saturate (i64::MIN reads one higher).
        let min = serde_json::to_string(&i64::MIN).unwrap();
        assert_eq!(parse(&min).unwrap().as_i64(), Some(-i64::MAX));
    }
}

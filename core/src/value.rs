//! Typed values and their parsers: [`Value`] (YES / NO / NOT SET / ERROR with code / timestamps /
//! validity ranges / GUIDs / codes / test results / numbers / lists / text), typed by shape or by
//! the catalogue's [`ValueKind`], with nom behind fast paths.

use alloc::borrow::Cow;
use core::fmt;

use nom::IResult;
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while_m_n};
use nom::character::complete::{char, space0, space1};
use nom::combinator::{all_consuming, map_res, opt, recognize};
use nom::sequence::{delimited, preceded};

use crate::catalog::ValueKind;

/// An HRESULT, NTSTATUS or Win32 code as printed (`0x801c03f2`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(pub u32);

/// The family of a [`Code`], from its high bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeFamily {
    /// Zero: no error.
    Success,
    /// An HRESULT failure (`0x8…`, severity bit set).
    Hresult,
    /// An NTSTATUS error (`0xC…`).
    Ntstatus,
    /// Anything else (a Win32 error or a status without the failure bit).
    Other,
}

impl Code {
    /// The family of the code.
    pub fn family(self) -> CodeFamily {
        match self.0 {
            0 => CodeFamily::Success,
            c if c >> 30 == 0b11 => CodeFamily::Ntstatus,
            c if c >> 31 == 1 => CodeFamily::Hresult,
            _ => CodeFamily::Other,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:08x}", self.0)
    }
}

/// A UTC time as dsregcmd prints it (`2022-11-07 15:51:42.000 UTC`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Second, 0–60.
    pub second: u8,
    /// Milliseconds, 0–999.
    pub millis: u16,
}

impl Timestamp {
    /// Seconds since 1970-01-01 00:00:00 UTC.
    pub fn unix_seconds(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        days * 86_400
            + i64::from(self.hour) * 3_600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03} UTC",
            self.year, self.month, self.day, self.hour, self.minute, self.second, self.millis
        )
    }
}

/// A certificate validity range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Validity {
    /// Not valid before.
    pub from: Timestamp,
    /// Not valid after.
    pub to: Timestamp,
}

/// A GUID (`00aa00aa-bb11-cc22-dd33-44ee44ee44ee`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Guid(pub u128);

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        write!(
            f,
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            v >> 96,
            (v >> 80) & 0xffff,
            (v >> 64) & 0xffff,
            (v >> 48) & 0xffff,
            v & 0xffff_ffff_ffff
        )
    }
}

/// The result of a diagnostic test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TestResult {
    /// `PASS` or `PASSED`.
    Pass,
    /// `FAIL` / `FAILED`, with the codes of `FAIL [primary/sub]` when printed.
    Fail {
        /// The first code in brackets.
        primary: Option<Code>,
        /// The code after the `/`.
        sub: Option<Code>,
    },
    /// `SKIPPED`.
    Skipped,
}

/// A typed value. Raw text stays available through [`FieldRef::raw`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// Nothing after the separator.
    Empty,
    /// `YES` (a detail such as `YES ( StateReady )` is kept in the raw text).
    Yes,
    /// `NO`.
    No,
    /// `NOT SET`.
    NotSet,
    /// `UNKNOWN`.
    Unknown,
    /// `ERROR`, with a code when one is printed (`ERROR 0x80070005`).
    Error(Option<Code>),
    /// A UTC timestamp.
    Timestamp(Timestamp),
    /// A certificate validity range.
    Validity(Validity),
    /// A GUID, with the suffix of `{…} (AzureAd)` when present.
    Guid(Guid, Option<&'a str>),
    /// An HRESULT / NTSTATUS code.
    Code(Code),
    /// A test result.
    Test(TestResult),
    /// A decimal number.
    Number(u64),
    /// A comma-separated list; see [`Value::items`].
    List(&'a str),
    /// Anything else (joined back when it was hard-wrapped).
    Text(Cow<'a, str>),
}

impl<'a> Value<'a> {
    /// Types `raw` by its shape alone.
    pub fn parse(raw: &'a str) -> Value<'a> {
        let s = crate::text::trim(raw);
        if s.is_empty() {
            return Value::Empty;
        }
        // The most common values, exactly: no parser needed.
        for (word, value) in [
            ("YES", Value::Yes),
            ("NO", Value::No),
            ("NOT SET", Value::NotSet),
            ("PASS", Value::Test(TestResult::Pass)),
            ("PASSED", Value::Test(TestResult::Pass)),
            ("SKIPPED", Value::Test(TestResult::Skipped)),
            ("UNKNOWN", Value::Unknown),
        ] {
            if s.len() == word.len() && s.eq_ignore_ascii_case(word) {
                return value;
            }
        }
        // Dispatch on the first bytes: most values are text and need no parser at all.
        let bytes = s.as_bytes();
        let first = bytes.first().copied().unwrap_or(b' ').to_ascii_uppercase();
        let dash_at = |i: usize| bytes.get(i) == Some(&b'-');
        if matches!(first, b'Y' | b'N' | b'U')
            && s.contains('(')
            && let Ok((_, v)) = all_consuming(flag).parse(s)
        {
            return v;
        }
        if crate::text::starts_with_ci(s, "ERROR")
            && let Ok((_, v)) = error(s)
        {
            return v;
        }
        if crate::text::starts_with_ci(s, "FAIL")
            && let Ok((_, v)) = test_result(s)
        {
            return Value::Test(v);
        }
        if first == b'0'
            && matches!(bytes.get(1), Some(b'x' | b'X'))
            && let Ok((_, c)) = all_consuming(code).parse(s)
        {
            return Value::Code(c);
        }
        if first == b'['
            && let Ok((_, v)) = all_consuming(validity).parse(s)
        {
            return Value::Validity(v);
        }
        if first.is_ascii_digit()
            && dash_at(4)
            && let Ok((_, t)) = all_consuming(timestamp).parse(s)
        {
            return Value::Timestamp(t);
        }
        if (first == b'{' || first.is_ascii_hexdigit() && dash_at(8))
            && s.len() >= 36
            && let Ok((_, (g, suffix))) = all_consuming(guid).parse(s)
        {
            return Value::Guid(g, suffix);
        }
        if s.len() <= 19
            && s.bytes().all(|b| b.is_ascii_digit())
            && let Ok(n) = s.parse()
        {
            return Value::Number(n);
        }
        Value::Text(Cow::Borrowed(s))
    }

    /// Types `raw` as a value of `kind`: lists are split, text stays text, the rest by shape.
    pub fn parse_as(raw: &'a str, kind: ValueKind) -> Value<'a> {
        let s = crate::text::trim(raw);
        match kind {
            _ if s.is_empty() => Value::Empty,
            ValueKind::List => Value::List(s),
            // Only YES / NO / NOT SET / UNKNOWN / ERROR are typed in a text field; they all
            // start with one of these letters, so other text skips the parsers.
            ValueKind::Text
                if !matches!(
                    s.as_bytes().first().map(u8::to_ascii_uppercase),
                    Some(b'Y' | b'N' | b'U' | b'E')
                ) =>
            {
                Value::Text(Cow::Borrowed(s))
            }
            ValueKind::Text => match Value::parse(s) {
                v @ (Value::Yes | Value::No | Value::NotSet | Value::Unknown | Value::Error(_)) => {
                    v
                }
                _ => Value::Text(Cow::Borrowed(s)),
            },
            _ => Value::parse(s),
        }
    }

    /// The items of a [`Value::List`], trimmed (empty for other values).
    pub fn items(&self) -> impl Iterator<Item = &'a str> + '_ {
        let s = match self {
            Value::List(s) => *s,
            _ => "",
        };
        s.split(',').map(str::trim).filter(|i| !i.is_empty())
    }

    /// `Some(true)` for YES, `Some(false)` for NO, `None` otherwise.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Yes => Some(true),
            Value::No => Some(false),
            _ => None,
        }
    }

    /// The snake_case name of the variant, as used in JSON (`yes`, `timestamp`, …).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Empty => "empty",
            Value::Yes => "yes",
            Value::No => "no",
            Value::NotSet => "not_set",
            Value::Unknown => "unknown",
            Value::Error(_) => "error",
            Value::Timestamp(_) => "timestamp",
            Value::Validity(_) => "validity",
            Value::Guid(..) => "guid",
            Value::Code(_) => "code",
            Value::Test(_) => "test",
            Value::Number(_) => "number",
            Value::List(_) => "list",
            Value::Text(_) => "text",
        }
    }
}

/// A fast ASCII case-insensitive `tag` (nom's `tag_no_case` lowercases Unicode).
fn tag_no_case<'a>(
    t: &'static str,
) -> impl Parser<&'a str, Output = &'a str, Error = nom::error::Error<&'a str>> {
    move |i: &'a str| {
        let n = t.len();
        match (i.get(..n), i.get(n..)) {
            (Some(head), Some(rest)) if head.eq_ignore_ascii_case(t) => Ok((rest, head)),
            _ => Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Tag,
            ))),
        }
    }
}

fn flag(i: &str) -> IResult<&str, Value<'_>> {
    let word = alt((
        tag_no_case("YES").map(|_| Value::Yes),
        (tag_no_case("NOT"), space1, tag_no_case("SET")).map(|_| Value::NotSet),
        tag_no_case("NO").map(|_| Value::No),
        tag_no_case("UNKNOWN").map(|_| Value::Unknown),
    ));
    let detail = opt((space0, char('('), take_while(|c| c != ')'), char(')')));
    (word, detail).map(|(v, _)| v).parse(i)
}

fn error(i: &str) -> IResult<&str, Value<'_>> {
    let (rest, _) = tag_no_case("ERROR").parse(i)?;
    // `ERRORS`, `error_missing_device`: a word that starts with "error" is not the ERROR flag.
    if rest
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        )));
    }
    let found = rest
        .find("0x")
        .or_else(|| rest.find("0X"))
        .and_then(|at| code(rest.get(at..)?).ok())
        .map(|(_, c)| c);
    Ok(("", Value::Error(found)))
}

fn code(i: &str) -> IResult<&str, Code> {
    map_res(
        preceded(
            tag_no_case("0x"),
            take_while_m_n(1, 8, |c: char| c.is_ascii_hexdigit()),
        ),
        |h: &str| u32::from_str_radix(h, 16).map(Code),
    )
    .parse(i)
}

fn test_result(i: &str) -> IResult<&str, TestResult> {
    let codes = delimited(
        (space0, char('['), space0),
        (code, opt(preceded((space0, char('/'), space0), code))),
        (space0, char(']')),
    );
    let fail = preceded(
        alt((tag_no_case("FAILED"), tag_no_case("FAIL"))),
        opt(codes),
    )
    .map(|c| match c {
        Some((primary, sub)) => TestResult::Fail {
            primary: Some(primary),
            sub,
        },
        None => TestResult::Fail {
            primary: None,
            sub: None,
        },
    });
    let pass =
        all_consuming(alt((tag_no_case("PASSED"), tag_no_case("PASS")))).map(|_| TestResult::Pass);
    let skipped = all_consuming(tag_no_case("SKIPPED")).map(|_| TestResult::Skipped);
    alt((pass, skipped, fail)).parse(i)
}

fn digits<'a>(
    min: usize,
    max: usize,
) -> impl Parser<&'a str, Output = u16, Error = nom::error::Error<&'a str>> {
    map_res(
        take_while_m_n(min, max, |c: char| c.is_ascii_digit()),
        |s: &str| s.parse::<u16>(),
    )
}

/// The canonical `YYYY-MM-DD HH:MM:SS` prefix, read without a parser (most timestamps).
fn timestamp_fast(i: &str) -> Option<(&str, Timestamp)> {
    let b = i.as_bytes();
    let d = |at: usize| -> Option<u16> {
        let c = *b.get(at)?;
        c.is_ascii_digit().then(|| u16::from(c - b'0'))
    };
    let two = |at: usize| Some(d(at)? * 10 + d(at + 1)?);
    let shape = b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && b.get(10) == Some(&b' ')
        && b.get(13) == Some(&b':')
        && b.get(16) == Some(&b':');
    if !shape {
        return None;
    }
    let year = d(0)? * 1000 + d(1)? * 100 + two(2)?;
    let (month, day, hour, minute, second) = (two(5)?, two(8)?, two(11)?, two(14)?, two(17)?);
    let mut rest = i.get(19..)?;
    let mut millis = 0;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 7 {
            return None;
        }
        for (n, c) in frac.bytes().take(digits.min(3)).enumerate() {
            millis += u16::from(c - b'0') * [100, 10, 1].get(n).copied().unwrap_or(0);
        }
        rest = frac.get(digits..)?;
    }
    let trimmed = rest.trim_start();
    if trimmed.len() >= 3
        && trimmed
            .get(..3)
            .is_some_and(|u| u.eq_ignore_ascii_case("UTC"))
    {
        rest = trimmed.get(3..)?;
    }
    let valid = (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    valid.then_some((
        rest,
        Timestamp {
            year,
            month: month as u8,
            day: day as u8,
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
            millis,
        },
    ))
}

fn timestamp(i: &str) -> IResult<&str, Timestamp> {
    if let Some(found) = timestamp_fast(i) {
        return Ok(found);
    }
    let (i, (year, _, month, _, day)) = (
        digits(4, 4),
        char('-'),
        digits(1, 2),
        char('-'),
        digits(1, 2),
    )
        .parse(i)?;
    let (i, _) = alt((space1, tag("T"))).parse(i)?;
    let (i, (hour, _, minute, _, second)) = (
        digits(1, 2),
        char(':'),
        digits(2, 2),
        char(':'),
        digits(2, 2),
    )
        .parse(i)?;
    let (i, frac) = opt(preceded(
        char('.'),
        recognize(take_while_m_n(1, 7, |c: char| c.is_ascii_digit())),
    ))
    .parse(i)?;
    let (i, _) = opt(preceded(space0, alt((tag_no_case("UTC"), tag("Z"))))).parse(i)?;
    let millis = frac.map_or(0, |f: &str| {
        let mut ms = 0u16;
        for (n, b) in f.bytes().take(3).enumerate() {
            ms += u16::from(b - b'0') * [100, 10, 1].get(n).copied().unwrap_or(0);
        }
        ms
    });
    let valid = (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    if !valid {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let t = Timestamp {
        year,
        month: month as u8,
        day: day as u8,
        hour: hour as u8,
        minute: minute as u8,
        second: second as u8,
        millis,
    };
    Ok((i, t))
}

fn validity(i: &str) -> IResult<&str, Validity> {
    delimited(
        (char('['), space0),
        (
            timestamp,
            space0,
            alt((tag("--"), tag("-"))),
            space0,
            timestamp,
        ),
        (space0, char(']')),
    )
    .map(|(from, _, _, _, to)| Validity { from, to })
    .parse(i)
}

fn hex_group<'a>(
    n: usize,
) -> impl Parser<&'a str, Output = &'a str, Error = nom::error::Error<&'a str>> {
    take_while_m_n(n, n, |c: char| c.is_ascii_hexdigit())
}

fn guid(i: &str) -> IResult<&str, (Guid, Option<&str>)> {
    let (i, brace) = opt((char('{'), space0)).parse(i)?;
    let (i, (a, _, b, _, c, _, d, _, e)) = (
        hex_group(8),
        char('-'),
        hex_group(4),
        char('-'),
        hex_group(4),
        char('-'),
        hex_group(4),
        char('-'),
        hex_group(12),
    )
        .parse(i)?;
    let (i, _) = if brace.is_some() {
        (space0, char('}')).map(|_| ()).parse(i)?
    } else {
        (i, ())
    };
    let (i, suffix) = opt(preceded(
        space0,
        delimited(char('('), take_while(|c| c != ')'), char(')')),
    ))
    .parse(i)?;
    let (i, _) = space0.parse(i)?;
    let mut v: u128 = 0;
    for part in [a, b, c, d, e] {
        for ch in part.chars() {
            v = (v << 4) | u128::from(ch.to_digit(16).unwrap_or(0));
        }
    }
    Ok((i, (Guid(v), suffix.map(str::trim))))
}

/// What is wrong with `raw` as the value of a known key of this `kind`, if anything.
pub(crate) fn shape_problem(kind: ValueKind, raw: &str) -> Option<&'static str> {
    if !matches!(
        kind,
        ValueKind::Flag | ValueKind::Timestamp | ValueKind::Validity
    ) {
        return None;
    }
    let value = Value::parse_as(raw, kind);
    match (kind, &value) {
        (
            ValueKind::Flag,
            Value::Yes
            | Value::No
            | Value::NotSet
            | Value::Unknown
            | Value::Error(_)
            | Value::Empty,
        ) => None,
        (ValueKind::Flag, _) => Some("expected YES or NO"),
        (ValueKind::Timestamp, Value::Timestamp(_) | Value::Empty) => None,
        // `Last HostName Update : NONE`.
        (ValueKind::Timestamp, Value::Text(t)) if t.eq_ignore_ascii_case("NONE") => None,
        (ValueKind::Timestamp, _) => Some("not a readable UTC time"),
        (ValueKind::Validity, Value::Validity(_) | Value::Empty) => None,
        (ValueKind::Validity, _) => Some("not a readable validity range `[ from -- to ]`"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_typed() {
        let ts = |s| match Value::parse(s) {
            Value::Timestamp(t) => t,
            other => panic!("{s}: {other:?}"),
        };
        assert_eq!(Value::parse("YES"), Value::Yes);
        assert_eq!(Value::parse("no"), Value::No);
        assert_eq!(Value::parse("YES ( StateReady )"), Value::Yes);
        assert_eq!(Value::parse("NOT SET"), Value::NotSet);
        assert_eq!(Value::parse("UNKNOWN"), Value::Unknown);
        assert_eq!(Value::parse("ERROR"), Value::Error(None));
        assert!(matches!(
            Value::parse("error_missing_device"),
            Value::Text(_)
        ));
        assert_eq!(
            Value::parse("ERROR 0xd000000d"),
            Value::Error(Some(Code(0xd000000d)))
        );
        assert_eq!(Value::parse(""), Value::Empty);
        assert_eq!(Value::parse("0x801c03f2"), Value::Code(Code(0x801c03f2)));
        assert_eq!(Value::parse("400"), Value::Number(400));
        assert_eq!(Value::parse("PASS"), Value::Test(TestResult::Pass));
        assert_eq!(Value::parse("PASSED"), Value::Test(TestResult::Pass));
        assert_eq!(Value::parse("SKIPPED"), Value::Test(TestResult::Skipped));
        assert_eq!(
            Value::parse("FAIL [0x801c0021/0x801c000c]"),
            Value::Test(TestResult::Fail {
                primary: Some(Code(0x801c0021)),
                sub: Some(Code(0x801c000c))
            })
        );
        assert_eq!(
            Value::parse("FAIL [0x80070002]"),
            Value::Test(TestResult::Fail {
                primary: Some(Code(0x80070002)),
                sub: None
            })
        );
        let t = ts("2019-01-31 09:25:31.000 UTC");
        assert_eq!(t.unix_seconds(), 1_548_926_731);
        assert_eq!(ts("2020-07-18 20:10:33.789 UTC").millis, 789);
        assert_eq!(ts("2026-06-01 14:10:46 UTC").second, 46);
        // Regression (found by the property tests): a short fraction before other bytes.
        assert_eq!(ts("2024-01-01 00:00:00.5 UTC").millis, 500);
        assert!(matches!(
            Value::parse("2024-01-01 00:00:00.5 x"),
            Value::Text(_)
        ));
        assert!(matches!(
            Value::parse("2024-01-01 00:00:00.5."),
            Value::Text(_)
        ));
        match Value::parse("[ 2019-01-11 21:02:50.000 UTC -- 2029-01-11 21:32:50.000 UTC ]") {
            Value::Validity(v) => assert!(v.to > v.from),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            Value::parse("[ 2025-05-24 08:35:03.000 UTC - 2025-05-24 09:05:03.000 UTC ]"),
            Value::Validity(_)
        ));
        assert_eq!(
            Value::parse("{ B16898C6-A148-4967-9171-64D755DA8520 } (AzureAd)"),
            Value::Guid(
                Guid(0xB16898C6_A148_4967_9171_64D755DA8520),
                Some("AzureAd")
            )
        );
        assert_eq!(
            Guid(0x00aa00aa_bb11_cc22_dd33_44ee44ee44ee).to_string(),
            "00aa00aa-bb11-cc22-dd33-44ee44ee44ee"
        );
        assert!(matches!(
            Value::parse("{D7F9...4F} (MicrosoftAccount)"),
            Value::Text(_)
        ));
        assert!(matches!(Value::parse("[Date] UTC"), Value::Text(_)));
        assert!(matches!(
            Value::parse("2019-13-01 00:00:00"),
            Value::Text(_)
        ));
        let list = Value::parse_as(".windows.net, .azure.net:1433,", ValueKind::List);
        assert_eq!(
            list.items().collect::<Vec<_>>(),
            [".windows.net", ".azure.net:1433"]
        );
        assert_eq!(Code(0xc000006d).family(), CodeFamily::Ntstatus);
        assert_eq!(Code(0x801c03f2).family(), CodeFamily::Hresult);
        assert_eq!(Code(0).family(), CodeFamily::Success);
    }
}

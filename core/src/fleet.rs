//! The fleet view: many outputs at once, one row per output (device, join state, worst
//! finding, PRT, certificate days left, codes), counts by join state and by finding, and the
//! table as CSV or NDJSON.
//!
//! Inputs ([`read_input`]) are whole files as the admin has them: a `dsregcmd /status` output
//! (or several, or compact lines), a CSV with a column holding outputs or compact lines (the
//! Intune Remediations export: a device name and the detection output per row), or an NDJSON
//! file of our reports (rows read back from the report, without the output itself).
//!
//! ```
//! use dsreg_core::fleet::{read_input, rows_of_text, Source};
//!
//! let csv = "Device name,Pre-remediation detection output\nPC-1,\"| Device State |\n AzureAdJoined : YES\n DomainJoined : NO\"\n";
//! let input = read_input("export.csv", csv);
//! assert!(input.problems.is_empty());
//! let Source { label, device, text } = &input.sources[0];
//! let rows = rows_of_text(label, device.as_deref(), text);
//! assert_eq!((rows[0].source.as_str(), rows[0].device.as_deref()), ("export.csv:2", Some("PC-1")));
//! assert_eq!(rows[0].join_state, "entra_joined");
//! ```

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use crate::csv;
use crate::json::{self, Json};
use crate::report::DocumentReport;
use crate::text::contains_ci;

/// One input's outputs to analyse, and its rows already analysed (NDJSON).
#[derive(Clone, Debug, Default)]
pub struct Input {
    /// Texts to analyse, each with where it came from.
    pub sources: Vec<Source>,
    /// Rows read back from an NDJSON file of reports.
    pub rows: Vec<Row>,
    /// What could not be read, one sentence each (with the file and line).
    pub problems: Vec<String>,
}

/// A text to analyse (it may hold several outputs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The file, and `:line` for a CSV row.
    pub label: String,
    /// The device name a CSV row gives.
    pub device: Option<String>,
    /// The text.
    pub text: String,
}

/// A finding in one line: rule, severity, title.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Brief {
    /// The rule id (`DSR006`).
    pub rule: String,
    /// `critical`, `warning`, `info` or `ok`.
    pub severity: String,
    /// The finding's title.
    pub title: String,
}

/// One output in the fleet table.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Row {
    /// The file (and `:line` of a CSV row, `#n` for the n-th output of a file holding several).
    pub source: String,
    /// The device name: the CSV's device column, else the output's `Device Name`.
    pub device: Option<String>,
    /// The join state's JSON name (`hybrid_joined`).
    pub join_state: String,
    /// The worst severity (`critical` … `ok`; `info` for a fragment without a problem).
    pub level: String,
    /// AzureAdPrt: YES, NO or not printed.
    pub prt: Option<bool>,
    /// Days until the device certificate expires, against the output's own clock (negative:
    /// expired).
    pub cert_days_left: Option<i64>,
    /// The error codes found, as written.
    pub codes: Vec<String>,
    /// Every finding, worst first.
    pub findings: Vec<Brief>,
    /// Read from a compact line.
    pub compact: bool,
    /// The report's JSON line, for a row read back from an NDJSON file (exported as it came).
    #[serde(skip)]
    pub report_line: Option<String>,
    /// The 0-based index of the output in the text it was read from.
    #[serde(skip)]
    pub document: usize,
}

impl Row {
    /// The worst finding (findings are worst first).
    pub fn worst(&self) -> Option<&Brief> {
        self.findings.first()
    }
}

/// Days from the output's clock `now` to a certificate's end `to` (Unix seconds; negative once
/// it has expired).
fn days_left(to: i64, now: i64) -> i64 {
    (to - now).div_euclid(86_400)
}

/// Where one CSV column holds the outputs.
const OUTPUT_HEADERS: &[&str] = &["detection output", "output", "dsregcmd", "status", "result"];
/// Where one CSV column names the device.
const DEVICE_HEADERS: &[&str] = &[
    "device name",
    "devicename",
    "device",
    "computer",
    "hostname",
];

/// Splits one file into what to analyse. `name` is the file's name (its extension tells a CSV
/// or NDJSON file; without one, the content does).
pub fn read_input(name: &str, text: &str) -> Input {
    let lower = name.to_ascii_lowercase();
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if lower.ends_with(".ndjson")
        || lower.ends_with(".jsonl")
        || lower.ends_with(".json")
        || (trimmed.starts_with('{') && trimmed.contains("\"schema_version\""))
    {
        return read_ndjson(name, text);
    }
    let first = trimmed.lines().next().unwrap_or("");
    let looks_csv = first.contains([',', ';']) && !first.contains(" : ") && !first.contains('|');
    if lower.ends_with(".csv") || (looks_csv && !first.starts_with(crate::compact::PREFIX)) {
        return read_csv(name, text);
    }
    Input {
        sources: alloc::vec![Source {
            label: name.to_owned(),
            device: None,
            text: text.to_owned(),
        }],
        ..Input::default()
    }
}

fn read_csv(name: &str, text: &str) -> Input {
    let table = csv::read(text);
    let mut input = Input::default();
    for (_, why) in &table.problems {
        input.problems.push(format!("{name}: {why}"));
    }
    let find = |names: &[&str]| {
        names.iter().find_map(|n| {
            table
                .header
                .iter()
                .position(|h| h.eq_ignore_ascii_case(n))
                .or_else(|| table.header.iter().position(|h| contains_ci(h, n)))
        })
    };
    // The output column: by its header, else the column whose cells hold outputs most often.
    let holds_output =
        |c: &str| c.contains(crate::compact::PREFIX) || contains_ci(c, "AzureAdJoined");
    let outputs: Vec<usize> = (0..table.header.len())
        .map(|i| {
            table
                .rows
                .iter()
                .filter(|r| r.cells.get(i).is_some_and(|c| holds_output(c)))
                .count()
        })
        .collect();
    let holds = |i: &usize| outputs.get(*i).is_some_and(|&n| n > 0);
    let output = find(OUTPUT_HEADERS)
        .filter(holds)
        .or_else(|| (0..outputs.len()).max_by_key(|&i| outputs[i]))
        .filter(holds);
    let Some(output) = output else {
        input.problems.push(format!(
            "{name}: no column holds dsregcmd output or compact lines (DSRC1:…); the file was not read"
        ));
        return input;
    };
    let device = find(DEVICE_HEADERS).filter(|&i| i != output);
    for row in table.rows {
        let line = row.line;
        let cell = |i: usize| row.cells.get(i).map(|c| c.trim()).filter(|c| !c.is_empty());
        let Some(text) = cell(output) else {
            input.problems.push(format!(
                "{name}: row on line {line} has no output in column \"{}\"; skipped",
                table.header.get(output).map_or("", String::as_str)
            ));
            continue;
        };
        input.sources.push(Source {
            label: format!("{name}:{line}"),
            device: device.and_then(cell).map(str::to_owned),
            text: text.to_owned(),
        });
    }
    input
}

/// Analyses `text` and calls `f` with the report of each output that [`is_output`] (none for
/// an unrelated file in a folder), its source `label` and, when given, the device name a CSV
/// row gave (which wins over `Device Name`); the `bool` says whether the text holds several
/// outputs.
pub fn each_output(
    label: &str,
    device: Option<&str>,
    text: &str,
    mut f: impl FnMut(&DocumentReport<'_>, bool),
) {
    let analysis = crate::analyze(text.as_bytes());
    let several = analysis.documents().len() > 1;
    for doc in analysis.documents() {
        let mut report = DocumentReport::new(&analysis, doc, label);
        if let Some(device) = device {
            report.device = Some(device.into());
        }
        if is_output(&report) {
            f(&report, several);
        }
    }
}

/// The rows of the outputs in one text (see [`each_output`]); the n-th output of a text that
/// holds several is labelled `label#n`.
pub fn rows_of_text(label: &str, device: Option<&str>, text: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    each_output(label, device, text, |report, several| {
        let mut row = row_of(report);
        if several {
            row.source = format!("{label}#{}", report.document);
        }
        rows.push(row);
    });
    rows
}

/// Whether a report is worth a row: the output has a field of `dsregcmd /status`, or a problem
/// was found in it anyway (a `/debug` preamble that shows an elevated run). An unrelated file in
/// a folder is neither.
pub fn is_output(report: &DocumentReport<'_>) -> bool {
    report.recognized() || report.findings.iter().any(|f| f.severity.is_problem())
}

/// The row of one report.
pub fn row_of(report: &DocumentReport<'_>) -> Row {
    let findings: Vec<Brief> = report
        .findings
        .iter()
        .map(|f| Brief {
            rule: f.rule.to_owned(),
            severity: f.severity.name().to_owned(),
            title: f.title.clone(),
        })
        .collect();
    let cert_days_left = report
        .sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .find(|f| crate::text::key_eq(&f.key, "DeviceCertificateValidity"))
        .and_then(|f| f.validity)
        .and_then(|v| Some(days_left(v.to, v.now?)));
    Row {
        source: report.source.clone().into_owned(),
        device: report.device.as_deref().map(str::to_owned),
        join_state: report.join_state.name().to_owned(),
        level: report.level.name().to_owned(),
        prt: report.summary.azure_ad_prt,
        cert_days_left,
        codes: report.codes.iter().map(|c| c.code.clone()).collect(),
        findings,
        compact: report.compact.is_some(),
        report_line: None,
        document: report.document.saturating_sub(1),
    }
}

fn read_ndjson(name: &str, text: &str) -> Input {
    let mut input = Input::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        let n = n + 1;
        let report = json::parse(line).filter(|r| r.get("join_state").is_some());
        let Some(r) = report else {
            input.problems.push(format!(
                "{name}: line {n} is not one of this analyzer's JSON reports; skipped"
            ));
            continue;
        };
        let version = r.get("schema_version").and_then(Json::as_i64);
        if version != Some(i64::from(crate::report::SCHEMA_VERSION)) {
            input.problems.push(format!(
                "{name}: line {n} is a report of schema version {}, this analyzer reads version {}; skipped",
                version.unwrap_or(0),
                crate::report::SCHEMA_VERSION
            ));
            continue;
        }
        let text = |v: &Json, key: &str| v.get(key).and_then(Json::as_str).unwrap_or("").to_owned();
        let findings: Vec<Brief> = r
            .get("findings")
            .map(|f| {
                f.items()
                    .map(|f| Brief {
                        rule: text(f, "rule"),
                        severity: text(f, "severity"),
                        title: text(f, "title"),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let cert_days_left = r
            .get("sections")
            .into_iter()
            .flat_map(Json::items)
            .filter_map(|s| s.get("fields"))
            .flat_map(Json::items)
            .find(|f| {
                f.get("key")
                    .and_then(Json::as_str)
                    .is_some_and(|k| crate::text::key_eq(k, "DeviceCertificateValidity"))
            })
            .and_then(|f| f.get("validity"))
            .and_then(|v| Some(days_left(v.get("to")?.as_i64()?, v.get("now")?.as_i64()?)));
        input.rows.push(Row {
            source: text(&r, "source"),
            device: r.get("device").and_then(Json::as_str).map(str::to_owned),
            join_state: text(&r, "join_state"),
            level: text(&r, "level"),
            prt: r
                .get("summary")
                .and_then(|s| s.get("azure_ad_prt"))
                .and_then(Json::as_bool),
            cert_days_left,
            codes: r
                .get("codes")
                .into_iter()
                .flat_map(Json::items)
                .map(|c| text(c, "code"))
                .collect(),
            findings,
            compact: r.get("compact").is_some_and(|c| *c != Json::Null),
            report_line: Some(line.to_owned()),
            document: 0,
        });
    }
    input
}

/// How many rows share each value, most first (ties by name).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Join state name → rows.
    pub join_state: Vec<(String, usize)>,
    /// Rule id → rows with a critical or warning finding of that rule.
    pub findings: Vec<(String, usize)>,
}

/// Counts `rows` by join state and by problem finding.
pub fn counts(rows: &[Row]) -> Counts {
    fn bump(list: &mut Vec<(String, usize)>, key: &str) {
        match list.iter_mut().find(|(k, _)| k == key) {
            Some((_, n)) => *n += 1,
            None => list.push((key.to_owned(), 1)),
        }
    }
    let mut c = Counts::default();
    for row in rows {
        bump(&mut c.join_state, &row.join_state);
        let mut seen: Vec<&str> = Vec::new();
        for f in &row.findings {
            if matches!(f.severity.as_str(), "critical" | "warning") && !seen.contains(&&*f.rule) {
                seen.push(&f.rule);
                bump(&mut c.findings, &f.rule);
            }
        }
    }
    for list in [&mut c.join_state, &mut c.findings] {
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
    c
}

/// The column a table is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// Worst first (critical, warning, info, ok), then by device.
    #[default]
    Severity,
    /// By device name (rows without one last).
    Device,
    /// By join state.
    JoinState,
    /// PRT missing first.
    Prt,
    /// Fewest certificate days left first (rows without a certificate last).
    CertDays,
    /// By source.
    Source,
}

impl SortKey {
    /// The key a column's name stands for (`device`, `join_state`, `prt`, `cert_days_left`,
    /// `source`; anything else sorts by severity).
    pub fn from_name(name: &str) -> SortKey {
        match name {
            "device" => SortKey::Device,
            "join_state" => SortKey::JoinState,
            "prt" => SortKey::Prt,
            "cert_days_left" => SortKey::CertDays,
            "source" => SortKey::Source,
            _ => SortKey::Severity,
        }
    }
}

/// Which rows to show, in which order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Text any cell must contain (ignoring case); empty: every row.
    pub text: String,
    /// A join state name the row must have; empty: any.
    pub join_state: String,
    /// A rule id the row must have a finding of; empty: any.
    pub rule: String,
    /// The column to sort by.
    pub sort: SortKey,
    /// Reverse the order.
    pub descending: bool,
}

fn rank(severity: &str) -> u8 {
    match severity {
        "critical" => 0,
        "warning" => 1,
        "info" => 2,
        _ => 3,
    }
}

/// The indexes of the rows `query` shows, in its order (a stable sort: ties keep the input's
/// order).
pub fn select(rows: &[Row], query: &Query) -> Vec<usize> {
    let text = query.text.trim();
    let mut shown: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            let r = &rows[i];
            (query.join_state.is_empty() || r.join_state == query.join_state)
                && (query.rule.is_empty() || r.findings.iter().any(|f| f.rule == query.rule))
                && (text.is_empty()
                    || [&r.source, &r.join_state]
                        .into_iter()
                        .chain(r.device.as_ref())
                        .chain(r.codes.iter())
                        .any(|c| contains_ci(c, text))
                    || r.findings
                        .iter()
                        .any(|f| contains_ci(&f.title, text) || contains_ci(&f.rule, text)))
        })
        .collect();
    let device = |r: &Row| r.device.as_deref().map(str::to_ascii_lowercase);
    shown.sort_by(|&a, &b| {
        let (x, y) = (&rows[a], &rows[b]);
        let order = match query.sort {
            SortKey::Severity => rank(&x.level).cmp(&rank(&y.level)),
            SortKey::Device => match (device(x), device(y)) {
                (Some(p), Some(q)) => p.cmp(&q),
                (p, q) => q.is_none().cmp(&p.is_none()).reverse(),
            },
            SortKey::JoinState => x.join_state.cmp(&y.join_state),
            SortKey::Prt => x.prt.cmp(&y.prt),
            SortKey::CertDays => match (x.cert_days_left, y.cert_days_left) {
                (Some(p), Some(q)) => p.cmp(&q),
                (p, q) => p.is_none().cmp(&q.is_none()),
            },
            SortKey::Source => x.source.cmp(&y.source),
        };
        if query.descending {
            order.reverse()
        } else {
            order
        }
    });
    shown
}

/// The name of rule `id` (`no-prt`), for a count's label.
pub fn rule_name(id: &str) -> &'static str {
    crate::rules::ALL
        .iter()
        .find(|r| r.id == id)
        .map_or("", |r| r.name)
}

/// The CSV header of [`to_csv`].
pub const CSV_HEADER: &str = "source,device,join_state,level,worst_rule,worst_severity,worst_title,prt,cert_days_left,codes,findings";

/// One row as a CSV line (no line end).
pub fn csv_line(row: &Row, out: &mut String) {
    let worst = row.worst();
    let cells: [&str; 7] = [
        &row.source,
        row.device.as_deref().unwrap_or(""),
        &row.join_state,
        &row.level,
        worst.map_or("", |w| &w.rule),
        worst.map_or("", |w| &w.severity),
        worst.map_or("", |w| &w.title),
    ];
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv::write_cell(out, cell);
    }
    out.push(',');
    out.push_str(match row.prt {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    });
    out.push(',');
    if let Some(d) = row.cert_days_left {
        let _ = write!(out, "{d}");
    }
    out.push(',');
    csv::write_cell(out, &row.codes.join(";"));
    out.push(',');
    let rules: Vec<&str> = row.findings.iter().map(|f| f.rule.as_str()).collect();
    csv::write_cell(out, &rules.join(";"));
}

/// The table as CSV, with [`CSV_HEADER`] and CRLF line ends (what spreadsheets expect).
pub fn to_csv(rows: &[Row]) -> String {
    let mut out = String::with_capacity(rows.len() * 160 + 128);
    out.push_str(CSV_HEADER);
    out.push_str("\r\n");
    for row in rows {
        csv_line(row, &mut out);
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests;

//! `dsreg`: analyze `dsregcmd /status` output from the command line.
//!
//! `dsreg analyze [--format json|text|markdown] FILE...` (`-` reads stdin). JSON is NDJSON: one
//! object per document found; Markdown is a summary ready to paste into a ticket.
//! `dsreg redact FILE...` prints the text with identifiers replaced by consistent pseudonyms.
//! `dsreg linkstats FILE...` prints how long a share link to each file would be.
//! `dsreg diff BEFORE AFTER [--format text|json|markdown]` compares two outputs (the last output
//! of each file); `dsreg diff FILE` compares the first and last outputs of one file.
//!
//! `dsreg compact FILE...` prints one compact line (`DSRC1:…`, at most 2,048 characters) per
//! output, for Intune Remediations.
//! `dsreg fleet [--format table|csv|ndjson] FILE|DIR...` prints one row per output of every file
//! (a folder is read recursively; a CSV's rows and an NDJSON file's reports are rows too).
//!
//! Exits 0 for any text input, 1 when a file cannot be read, 2 on bad usage.

use std::fmt::Write as _;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use dsreg_core::permalink::{self, LinkStats};
use dsreg_core::report::{self, DocumentReport};
use dsreg_core::{Analysis, analyze, compact, compare, fleet, markdown, redact};

/// Explain the output of `dsregcmd /status`.
#[derive(Debug, Parser)]
#[command(name = "dsreg", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Analyze saved `dsregcmd /status` output (UTF-8 or UTF-16, any line ends).
    Analyze {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Files to read; `-` reads standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print the text with identifiers replaced by consistent pseudonyms (safe to share).
    /// Each file is redacted on its own: pseudonyms are consistent within a file.
    Redact {
        /// Files to read; `-` reads standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Compare two outputs: the join state before and after, findings resolved, new and
    /// unchanged, and every field that changed. With two files, the last output of each; with
    /// one file, its first and last outputs.
    Diff {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// BEFORE and AFTER, or one file holding both; `-` reads standard input.
        #[arg(required = true, num_args = 1..=2, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print one compact line per output (`DSRC1:…`, at most 2,048 characters): what
    /// `scripts/Get-DsregStatus.ps1` prints on a device, read back by `analyze` and `fleet`.
    Compact {
        /// Files to read; `-` reads standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// One row per output across many files: device, join state, worst finding, PRT,
    /// certificate days left, codes; then counts by join state and by finding. Reads outputs,
    /// compact lines, CSV files with a column of either (the Intune export) and NDJSON reports;
    /// a folder is read recursively.
    Fleet {
        /// Output format: a table, CSV (one row per output), or NDJSON (one report per output,
        /// the schema in docs/report-schema.json).
        #[arg(long, value_enum, default_value_t = FleetFormat::Table)]
        format: FleetFormat,
        /// Files and folders to read; `-` reads standard input.
        #[arg(required = true, value_name = "FILE|DIR")]
        files: Vec<PathBuf>,
    },
    /// Print the length of a share link for each file: with the preset dictionary, with plain
    /// deflate, and as raw base64url.
    Linkstats {
        /// Files to read; `-` reads standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

/// How to print the reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One JSON object per document, one per line (NDJSON).
    Json,
    /// A readable terminal report.
    Text,
    /// A Markdown summary for a ticket: verdict, findings with remediation, key fields, codes.
    Markdown,
}

/// How to print the fleet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FleetFormat {
    /// An aligned table and the counts.
    Table,
    /// CSV with a header (source, device, join_state, …).
    Csv,
    /// One JSON report per output.
    Ndjson,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze { format, files } => analyze_files(format, &files),
        Command::Redact { files } => each_file(&files, |bytes, _| {
            let analysis = analyze(bytes);
            redact::redact(analysis.text()).text
        }),
        Command::Linkstats { files } => linkstats(&files),
        Command::Compact { files } => each_file(&files, |bytes, _| {
            let analysis = analyze(bytes);
            let mut out = String::new();
            for doc in analysis.documents() {
                out.push_str(&compact::encode(&doc));
                out.push('\n');
            }
            out
        }),
        Command::Fleet { format, files } => fleet_cmd(format, &files),
        Command::Diff { format, files } => diff(format, &files),
    }
}

/// Runs `render` on every file and prints what it returns; unreadable files are reported on
/// standard error and make the exit status 1.
fn each_file(files: &[PathBuf], mut render: impl FnMut(&[u8], &str) -> String) -> ExitCode {
    each_file_to(files, |bytes, source, out| {
        out.write_all(render(&bytes, source).as_bytes())
    })
}

/// Like [`each_file`], but `write` prints as it goes (a large input's reports are never all
/// held at once).
fn each_file_to(
    files: &[PathBuf],
    mut write: impl FnMut(Vec<u8>, &str, &mut dyn Write) -> io::Result<()>,
) -> ExitCode {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for path in files {
        let source = path.to_string_lossy();
        let bytes = match read_input(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("dsreg: cannot read {source}: {err}");
                failed = true;
                continue;
            }
        };
        if let Err(err) = write(bytes, &source, &mut out).and_then(|()| out.flush()) {
            if err.kind() == io::ErrorKind::BrokenPipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("dsreg: cannot write the output: {err}");
            return ExitCode::FAILURE;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn analyze_files(format: Format, files: &[PathBuf]) -> ExitCode {
    each_file_to(files, |bytes, source, out| {
        let analysis = analyze(&bytes);
        // The analysis holds the decoded text: the file's bytes are not needed any more.
        drop(bytes);
        match format {
            Format::Json => {
                let mut result = Ok(());
                report::each_json_line(&analysis, source, |line| {
                    if result.is_ok() {
                        result = writeln!(out, "{line}");
                    }
                });
                result
            }
            Format::Text => out.write_all(render_text(&analysis, source).as_bytes()),
            Format::Markdown => out.write_all(render_markdown(&analysis, source).as_bytes()),
        }
    })
}

/// The files under `path` (itself when it is a file), sorted, hidden ones skipped.
fn files_under(path: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    if path.as_os_str() == "-" || !path.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    entries.sort();
    for entry in entries {
        files_under(&entry, out)?;
    }
    Ok(())
}

/// `dsreg fleet`: a row per output of every file; problems go to standard error.
fn fleet_cmd(format: FleetFormat, paths: &[PathBuf]) -> ExitCode {
    let mut files = Vec::new();
    let mut failed = false;
    for path in paths {
        if let Err(err) = files_under(path, &mut files) {
            eprintln!("dsreg: cannot read {}: {err}", path.display());
            failed = true;
        }
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut rows = Vec::new();
    let mut result = Ok(());
    if format == FleetFormat::Csv {
        result = write!(out, "{}\r\n", fleet::CSV_HEADER);
    }
    for path in &files {
        let name = path.to_string_lossy();
        let bytes = match read_input(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("dsreg: cannot read {name}: {err}");
                failed = true;
                continue;
            }
        };
        let text = dsreg_core::decode::decode(&bytes).text;
        drop(bytes);
        let input = fleet::read_input(&name, &text);
        for problem in &input.problems {
            eprintln!("dsreg: {problem}");
        }
        let mut found = input.rows;
        for source in &input.sources {
            let (label, device) = (&source.label, source.device.as_deref());
            let mut outputs = 0;
            if format == FleetFormat::Ndjson {
                // Whole reports, with the CSV's device name.
                fleet::each_output(label, device, &source.text, |r, _| {
                    outputs += 1;
                    if result.is_ok() {
                        result = writeln!(out, "{}", report::to_json_line(r));
                    }
                });
            } else {
                let rows = fleet::rows_of_text(label, device, &source.text);
                outputs = rows.len();
                found.extend(rows);
            }
            if outputs == 0 {
                eprintln!("dsreg: {label}: no dsregcmd output found; skipped");
            }
        }
        for row in found {
            match format {
                // Rows read back from NDJSON are written as they came.
                FleetFormat::Ndjson => {
                    if let Some(line) = &row.report_line {
                        result = result.and_then(|()| writeln!(out, "{line}"));
                    }
                }
                FleetFormat::Csv => {
                    let mut line = String::new();
                    fleet::csv_line(&row, &mut line);
                    result = result.and_then(|()| write!(out, "{line}\r\n"));
                }
                FleetFormat::Table => rows.push(row),
            }
        }
    }
    if format == FleetFormat::Table {
        result = result.and_then(|()| out.write_all(fleet_table(&rows).as_bytes()));
    }
    match result.and_then(|()| out.flush()) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("dsreg: cannot write the output: {err}");
            ExitCode::FAILURE
        }
        _ if failed => ExitCode::FAILURE,
        _ => ExitCode::SUCCESS,
    }
}

/// The fleet as an aligned table, then the counts.
fn fleet_table(rows: &[fleet::Row]) -> String {
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            [
                r.device.clone().unwrap_or_else(|| "-".into()),
                r.join_state.clone(),
                r.worst().map_or_else(
                    || r.level.clone(),
                    |w| format!("{} {} {}", w.severity, w.rule, w.title),
                ),
                match r.prt {
                    Some(true) => "YES".into(),
                    Some(false) => "NO".into(),
                    None => "-".into(),
                },
                r.cert_days_left
                    .map_or_else(|| "-".into(), |d| d.to_string()),
                if r.codes.is_empty() {
                    "-".into()
                } else {
                    r.codes.join(" ")
                },
                r.source.clone(),
            ]
        })
        .collect();
    let head = [
        "DEVICE",
        "JOIN STATE",
        "WORST FINDING",
        "PRT",
        "CERT DAYS",
        "CODES",
        "SOURCE",
    ];
    let mut width = head.map(|h| h.chars().count());
    for row in &cells {
        for (w, c) in width.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count().min(60));
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[&str]| {
        let mut l = String::new();
        for (i, (c, w)) in cells.iter().zip(width).enumerate() {
            let c: String = if c.chars().count() > 60 {
                c.chars().take(59).chain(['…']).collect()
            } else {
                (*c).to_string()
            };
            if i + 1 == cells.len() {
                l.push_str(&c);
            } else {
                let _ = write!(l, "{c:<w$}  ");
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(&head);
    for row in &cells {
        line(&row.each_ref().map(String::as_str));
    }
    let counts = fleet::counts(rows);
    let _ = writeln!(out, "\n{} output(s). By join state:", rows.len());
    for (state, n) in &counts.join_state {
        let _ = writeln!(out, "  {n:>5}  {state}");
    }
    if !counts.findings.is_empty() {
        let _ = writeln!(out, "By finding (critical or warning):");
        for (rule, n) in &counts.findings {
            let _ = writeln!(out, "  {n:>5}  {rule} {}", fleet::rule_name(rule));
        }
    }
    out
}

/// `dsreg diff`: prints the comparison, or says why there is nothing to compare (exit 2).
fn diff(format: Format, files: &[PathBuf]) -> ExitCode {
    let mut inputs = Vec::new();
    for path in files {
        match read_input(path) {
            Ok(bytes) => inputs.push((path.to_string_lossy().into_owned(), analyze(&bytes))),
            Err(err) => {
                eprintln!("dsreg: cannot read {}: {err}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    let reports: Vec<Vec<DocumentReport<'_>>> = inputs
        .iter()
        .map(|(source, analysis)| report::reports(analysis, source))
        .collect();
    let pair = match reports.as_slice() {
        [one] => compare::first_and_last(one),
        [before, after] => before.last().zip(after.last()),
        _ => None,
    };
    let Some((before, after)) = pair else {
        let found: Vec<String> = inputs
            .iter()
            .zip(&reports)
            .map(|((source, _), r)| format!("{source}: {} output(s)", r.len()))
            .collect();
        eprintln!(
            "dsreg: nothing to compare ({}): give two files with an output each, or one file \
             with two or more outputs",
            found.join(", ")
        );
        return ExitCode::from(2);
    };
    let c = compare::compare(before, after);
    let text = match format {
        Format::Json => compare::to_json(&c) + "\n",
        Format::Markdown => markdown::comparison(&c),
        Format::Text => text_comparison(&c),
    };
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("dsreg: cannot write the output: {err}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

fn text_comparison(c: &compare::Comparison) -> String {
    let mut out = String::new();
    for (label, s) in [("before", &c.before), ("after", &c.after)] {
        let _ = writeln!(
            out,
            "{label:>6}: {} (output {}, lines {}-{}): {}",
            s.source, s.document, s.lines[0], s.lines[1], s.verdict
        );
    }
    if c.different_devices {
        out.push_str("NOTE: two different devices (DeviceId or device name differ)\n");
    }
    let _ = writeln!(
        out,
        "Join state: {} -> {}",
        c.join_state_before.name(),
        c.join_state_after.name()
    );
    if c.is_unchanged() {
        out.push_str("Nothing changed.\n");
    }
    for (title, list) in [
        ("Resolved", &c.findings_resolved),
        ("New", &c.findings_new),
        ("Unchanged", &c.findings_unchanged),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "\n{title} findings:");
            for f in list {
                let _ = writeln!(out, "  {}", compare::finding_line(f));
            }
        }
    }
    if !c.fields_changed.is_empty() {
        out.push_str("\nFields changed:\n");
        for f in &c.fields_changed {
            let _ = writeln!(out, "  {}", compare::change_line(f));
        }
    }
    for (title, list) in [
        ("appeared", &c.fields_added),
        ("went away", &c.fields_removed),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "\nFields that {title}:");
            for f in list {
                let place = f.section.as_deref().unwrap_or("(no section)");
                let _ = writeln!(out, "  {place} / {}: {} (line {})", f.key, f.value, f.line);
            }
        }
    }
    out
}

/// The link lengths of every file (base64url characters), the ratio dictionary / plain
/// deflate, and the totals.
fn linkstats(files: &[PathBuf]) -> ExitCode {
    let mut total = LinkStats {
        dictionary: 0,
        plain_deflate: 0,
        raw_base64: 0,
    };
    let mut header = false;
    let code = each_file(files, |bytes, source| {
        let analysis = analyze(bytes);
        let stats = permalink::link_stats(analysis.text());
        total.dictionary += stats.dictionary;
        total.plain_deflate += stats.plain_deflate;
        total.raw_base64 += stats.raw_base64;
        let mut line = String::new();
        if !header {
            header = true;
            line.push_str(&stats_line("dictionary", "plain", "raw", "ratio", "file"));
        }
        line.push_str(&stats_row(&stats, source));
        line
    });
    if files.len() > 1 {
        print!("{}", stats_row(&total, "total"));
    }
    code
}

fn stats_row(s: &LinkStats, label: &str) -> String {
    let ratio = s.ratio_permille();
    stats_line(
        &s.dictionary.to_string(),
        &s.plain_deflate.to_string(),
        &s.raw_base64.to_string(),
        &format!("{}.{:03}", ratio / 1000, ratio % 1000),
        label,
    )
}

fn stats_line(dictionary: &str, plain: &str, raw: &str, ratio: &str, label: &str) -> String {
    format!("{dictionary:>10} {plain:>7} {raw:>7} {ratio:>6}  {label}\n")
}

fn read_input(path: &PathBuf) -> io::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin().lock().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(path)
    }
}

fn render_text(analysis: &Analysis, source: &str) -> String {
    let reports = report::reports(analysis, source);
    let total = reports.len();
    let mut out = String::new();
    for (report, doc) in reports.iter().zip(analysis.documents()) {
        text_document(&mut out, report, total, doc.join().evidence.as_slice());
    }
    out
}

fn text_document(out: &mut String, r: &DocumentReport<'_>, total: usize, evidence: &[usize]) {
    let _ = write!(out, "== {}", r.source);
    if total > 1 {
        let _ = write!(out, " (output {} of {total})", r.document);
    }
    let _ = writeln!(out, " ==");
    let _ = writeln!(
        out,
        "Join state: {} ({})",
        r.join_state.name(),
        r.join_state.describe()
    );
    if r.workplace_registered {
        let _ = writeln!(
            out,
            "            + workplace registered (WorkplaceJoined : YES)"
        );
    }
    if !evidence.is_empty() {
        let lines: Vec<String> = evidence.iter().map(ToString::to_string).collect();
        let _ = writeln!(out, "            read from lines {}", lines.join(", "));
    }
    let _ = writeln!(out, "Encoding:   {}", r.encoding.name());
    if let Some(note) = &r.compact {
        let _ = writeln!(out, "Compact:    {}", note.sentence());
    }
    let _ = writeln!(out, "\nVerdict: {}", r.verdict);
    if !r.findings.is_empty() {
        let _ = writeln!(out, "\nFindings:");
    }
    for (n, finding) in r.findings.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>3}. [{}] {} ({})",
            n + 1,
            finding.severity.name(),
            finding.title,
            finding.rule
        );
        let _ = writeln!(out, "     {}", finding.explanation);
        for e in &finding.evidence {
            if e.key.is_empty() {
                let _ = writeln!(out, "     line {}: {}", e.line, e.value);
            } else {
                let _ = writeln!(out, "     line {}: {} : {}", e.line, e.key, e.value);
            }
        }
        for (i, step) in finding.steps.iter().enumerate() {
            let _ = write!(out, "     {}) {}", i + 1, step.text);
            if let Some(link) = step.link {
                let _ = write!(out, " <{link}>");
            }
            let _ = writeln!(out);
        }
        if !finding.checks.is_empty() {
            let _ = writeln!(out, "     Next checks:");
        }
        for check in &finding.checks {
            let _ = writeln!(out, "     - {} ({})", check.title, check.place.label());
            for line in check.run.lines() {
                let _ = writeln!(out, "         {line}");
            }
            let _ = writeln!(out, "       Look for: {} <{}>", check.look, check.source);
        }
    }
    if !r.codes.is_empty() {
        let _ = writeln!(out, "\nCodes:");
        for c in &r.codes {
            let _ = writeln!(out, "  {}: {}", c.code, c.meaning);
        }
    }
    if !r.timeline.entries.is_empty() {
        let clock = r
            .timeline
            .now
            .as_ref()
            .map(|n| {
                format!(
                    " (the output's clock: {} {}, line {})",
                    n.key, n.time, n.line
                )
            })
            .unwrap_or_default();
        let _ = writeln!(out, "\nTimeline{clock}:");
        for e in &r.timeline.entries {
            let when = match &e.until {
                Some(until) => format!("{} -- {until}", e.time),
                None => e.time.clone(),
            };
            let _ = writeln!(out, "  {when}  {} (line {})", e.key, e.line);
            for m in &e.marks {
                let flag = if m.problem { "!" } else { "-" };
                let _ = writeln!(out, "      {flag} {}", m.text);
            }
        }
    }
    for section in &r.sections {
        let _ = writeln!(out);
        match (section.title.as_deref(), section.line) {
            (Some(title), Some(line)) => {
                let _ = writeln!(out, "[{title}]  (line {line})");
            }
            (Some(title), None) => {
                let _ = writeln!(out, "[{title}]");
            }
            (None, _) => {
                let _ = writeln!(out, "[untitled fields]");
            }
        }
        let width = section
            .fields
            .iter()
            .map(|f| f.key.chars().count())
            .max()
            .unwrap_or(0);
        for field in &section.fields {
            let indent = if field.block.is_some() { "    " } else { "  " };
            let pad = width.saturating_sub(field.key.chars().count());
            let marker = if field.known { "" } else { "  (unknown field)" };
            let _ = writeln!(
                out,
                "{indent}{}{:pad$} : {}  [line {}]{marker}",
                field.key, "", field.value, field.line
            );
        }
    }
    if !r.problems.is_empty() {
        let _ = writeln!(out, "\nProblems:");
        for p in &r.problems {
            let _ = writeln!(out, "  {p}");
        }
    }
    let _ = writeln!(out);
}

/// One Markdown summary per document, separated by a rule.
fn render_markdown(analysis: &Analysis, source: &str) -> String {
    let mut out = String::new();
    for (i, report) in report::reports(analysis, source).iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n\n");
        }
        out.push_str(&markdown::to_markdown(report));
    }
    out
}

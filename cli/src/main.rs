//! `dsreg`: analyze `dsregcmd /status` output from the command line.
//!
//! `dsreg analyze [--format json|text] FILE...` (`-` reads stdin). JSON is NDJSON: one object
//! per document found. Exits 0 for any text input, 1 when a file cannot be read, 2 on bad usage.

use std::fmt::Write as _;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use dsreg_core::report::{self, DocumentReport};
use dsreg_core::{Analysis, analyze};

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
}

/// How to print the reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One JSON object per document, one per line (NDJSON).
    Json,
    /// A readable terminal report.
    Text,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Command::Analyze { format, files } = cli.command;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    for path in &files {
        let source = path.to_string_lossy();
        let bytes = match read_input(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("dsreg: cannot read {source}: {err}");
                failed = true;
                continue;
            }
        };
        let analysis = analyze(&bytes);
        let rendered = match format {
            Format::Json => render_json(&analysis, &source),
            Format::Text => render_text(&analysis, &source),
        };
        if let Err(err) = out.write_all(rendered.as_bytes()) {
            if err.kind() == io::ErrorKind::BrokenPipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("dsreg: cannot write the report: {err}");
            return ExitCode::FAILURE;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
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

fn render_json(analysis: &Analysis, source: &str) -> String {
    let mut out = String::new();
    for report in report::reports(analysis, source) {
        out.push_str(&report::to_json_line(&report));
        out.push('\n');
    }
    out
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
            let _ = writeln!(out, "     line {}: {} : {}", e.line, e.key, e.value);
        }
        for (i, step) in finding.steps.iter().enumerate() {
            let _ = write!(out, "     {}) {}", i + 1, step.text);
            if let Some(link) = step.link {
                let _ = write!(out, " <{link}>");
            }
            let _ = writeln!(out);
        }
    }
    if !r.codes.is_empty() {
        let _ = writeln!(out, "\nCodes:");
        for c in &r.codes {
            let _ = writeln!(out, "  {}: {}", c.code, c.meaning);
        }
    }
    for section in &r.sections {
        let _ = writeln!(out);
        match (section.title, section.line) {
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

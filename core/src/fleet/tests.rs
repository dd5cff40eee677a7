//! Fleet tests: CSV and NDJSON inputs (quotes, commas and line breaks in cells, a BOM, bad
//! rows), rows from reports, counts and the CSV export read back.

use std::string::{String, ToString};
use std::vec::Vec;
use std::{format, fs};

use super::*;
use crate::compact;
use crate::permalink::tests::fixture_texts;

fn fixture(name: &str) -> String {
    fixture_texts()
        .into_iter()
        .find(|(p, _)| p.ends_with(name))
        .unwrap()
        .1
}

fn line_of(text: &str) -> String {
    let analysis = crate::analyze(text.as_bytes());
    compact::encode(&analysis.documents().next().unwrap())
}

fn quoted(cell: &str) -> String {
    format!("\"{}\"", cell.replace('"', "\"\""))
}

#[test]
fn an_intune_export_with_compact_lines_and_full_outputs() {
    let hybrid = fixture("corpus/012-aadj-hostname-updated-cloudtgt.txt");
    let scp = fixture("corpus/002-ws2022-domainonly-scp-missing-proxy-wrapped.txt");
    let csv = format!(
        "\u{feff}Device name,UPN,Pre-remediation detection output,Pre-remediation detection error\r\n\
         PC-1,a@contoso.com,{},\r\n\
         \"PC, 2\",b@contoso.com,{},\r\n\
         PC-3,c@contoso.com,,\"script \"\"failed\"\"\"\r\n\
         PC-4,d@contoso.com,{}\r\n",
        line_of(&hybrid),
        quoted(&scp),
        quoted(&format!("{}\nnoise after", line_of(&scp))),
    );
    let input = read_input("export.csv", &csv);
    assert_eq!(input.sources.len(), 3, "{:?}", input.problems);
    assert_eq!(input.problems.len(), 1, "{:?}", input.problems);
    // Rows are named by the line they start on (a quoted output spans many lines).
    let line_at = |needle: &str| 1 + csv[..csv.find(needle).unwrap()].matches('\n').count();
    let (pc3, pc4) = (line_at("PC-3"), line_at("PC-4"));
    assert!(pc3 > 10);
    assert!(
        input.problems[0].contains(&format!("line {pc3} has no output")),
        "{:?}",
        input.problems
    );
    let rows: Vec<Row> = input
        .sources
        .iter()
        .flat_map(|s| rows_of_text(&s.label, s.device.as_deref(), &s.text))
        .collect();
    let summary: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.source.as_str(),
                r.device.as_deref(),
                r.join_state.as_str(),
                r.compact,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("export.csv:2", Some("PC-1"), "entra_joined", true),
            ("export.csv:3", Some("PC, 2"), "domain_joined", false),
            (
                &*format!("export.csv:{pc4}"),
                Some("PC-4"),
                "domain_joined",
                true
            ),
        ]
    );
    // The same findings whether the row held the output or its compact line.
    assert_eq!(rows[1].findings, rows[2].findings);
    assert_eq!(rows[1].worst().unwrap().rule, "DSR014");
}

#[test]
fn a_csv_without_an_output_column_says_so() {
    let input = read_input("list.csv", "Device,Owner\nPC-1,alice\n");
    assert!(input.sources.is_empty());
    assert!(
        input.problems[0].contains("no column holds"),
        "{:?}",
        input.problems
    );
    // An unclosed quote: the rows before it are read, the problem names the line.
    let line = line_of("| Device State |\n AzureAdJoined : YES\n");
    let input = read_input(
        "x.csv",
        &format!("Device,Output\nPC-1,{line}\nPC-2,\"{line}\n"),
    );
    assert_eq!(input.sources.len(), 1);
    assert!(input.problems[0].contains("line 3") && input.problems[0].contains("never closed"));
}

#[test]
fn reports_read_back_from_ndjson_give_the_same_rows() {
    let mut ndjson = String::new();
    let mut expected = Vec::new();
    for (path, text) in fixture_texts() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let analysis = crate::analyze(text.as_bytes());
        for doc in analysis.documents() {
            let report = DocumentReport::new(&analysis, doc, &name);
            if is_output(&report) {
                ndjson.push_str(&crate::report::to_json_line(&report));
                ndjson.push('\n');
            }
        }
        expected.extend(rows_of_text(&name, None, &text));
    }
    ndjson.push_str("{\"not\": \"a report\"}\nnot json at all\n");
    let input = read_input("reports.ndjson", &ndjson);
    assert_eq!(input.problems.len(), 2, "{:?}", input.problems);
    assert_eq!(input.rows.len(), expected.len());
    for (read, want) in input.rows.iter().zip(&expected) {
        let mut read = read.clone();
        assert!(read.report_line.take().is_some());
        read.document = want.document;
        // A file with several outputs: its rows are labelled `#n` when analysed here.
        read.source.clone_from(&want.source);
        assert_eq!(&read, want);
    }
}

#[test]
fn counts_and_the_csv_export() {
    let mut rows = Vec::new();
    for (path, text) in fixture_texts() {
        rows.extend(rows_of_text(&path.to_string_lossy(), None, &text));
    }
    let c = counts(&rows);
    assert_eq!(
        c.join_state.iter().map(|(_, n)| n).sum::<usize>(),
        rows.len()
    );
    assert!(c.join_state.windows(2).all(|w| w[0].1 >= w[1].1));
    let with_problem = rows
        .iter()
        .filter(|r| {
            r.findings.iter().any(|f| {
                f.rule == c.findings[0].0 && matches!(f.severity.as_str(), "critical" | "warning")
            })
        })
        .count();
    assert_eq!(c.findings[0].1, with_problem);
    assert!(!rule_name(&c.findings[0].0).is_empty());

    let csv = to_csv(&rows);
    assert!(csv.starts_with(CSV_HEADER));
    let table = csv::read(&csv);
    assert!(table.problems.is_empty());
    assert_eq!(table.rows.len(), rows.len());
    for (rec, row) in table.rows.iter().zip(&rows) {
        assert_eq!(rec.cells.len(), 11);
        assert_eq!(rec.cells[0], row.source);
        assert_eq!(rec.cells[2], row.join_state);
        assert_eq!(rec.cells[6], row.worst().map_or("", |w| w.title.as_str()));
        assert_eq!(
            rec.cells[8],
            row.cert_days_left
                .map(|d| d.to_string())
                .unwrap_or_default()
        );
    }
    // Certificate days are read against the output's clock.
    assert!(rows.iter().any(|r| r.cert_days_left.is_some()));
    let _ = fs::metadata(".");
}

#[test]
fn a_text_file_is_one_source_and_several_outputs_are_several_rows() {
    let text = fixture("synthetic/several-outputs.txt");
    // A `/debug` preamble alone has no field but shows a problem: it is a row.
    let preamble = fixture("corpus/025-debug-preamble-fragment.txt");
    let rows = rows_of_text("025", None, &preamble);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].worst().unwrap().rule, "DSR013");
    assert!(rows_of_text("notes.md", None, "nothing to see here\n").is_empty());
    let input = read_input("several-outputs.txt", &text);
    assert_eq!(input.sources.len(), 1);
    let rows = rows_of_text("several-outputs.txt", None, &text);
    assert!(rows.len() >= 2);
    assert_eq!(rows[1].source, "several-outputs.txt#2");
    // A file of compact lines, one per line.
    let lines = format!(
        "{}\n{}\n",
        line_of(&text),
        line_of(&fixture("corpus/012-aadj-hostname-updated-cloudtgt.txt"))
    );
    let input = read_input("lines.txt", &lines);
    let rows = rows_of_text(&input.sources[0].label, None, &input.sources[0].text);
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.compact));
}

#[test]
fn rows_are_filtered_and_sorted() {
    let mut rows = Vec::new();
    for (path, text) in fixture_texts() {
        rows.extend(rows_of_text(&path.to_string_lossy(), None, &text));
    }
    let all = select(&rows, &Query::default());
    assert_eq!(all.len(), rows.len());
    // Worst first.
    let ranks: Vec<u8> = all.iter().map(|&i| rank(&rows[i].level)).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    let hybrid = select(
        &rows,
        &Query {
            join_state: "hybrid_joined".into(),
            ..Query::default()
        },
    );
    assert!(
        !hybrid.is_empty()
            && hybrid
                .iter()
                .all(|&i| rows[i].join_state == "hybrid_joined")
    );
    let dsr014 = select(
        &rows,
        &Query {
            rule: "DSR014".into(),
            ..Query::default()
        },
    );
    assert!(
        !dsr014.is_empty()
            && dsr014
                .iter()
                .all(|&i| rows[i].findings.iter().any(|f| f.rule == "DSR014"))
    );
    let text = select(
        &rows,
        &Query {
            text: "win10-desk01".into(),
            ..Query::default()
        },
    );
    assert_eq!(text.len(), 1);
    assert_eq!(rows[text[0]].device.as_deref(), Some("Win10-Desk01"));
    let by_cert = select(
        &rows,
        &Query {
            sort: SortKey::from_name("cert_days_left"),
            ..Query::default()
        },
    );
    let days: Vec<_> = by_cert.iter().map(|&i| rows[i].cert_days_left).collect();
    let known = days.iter().take_while(|d| d.is_some()).count();
    assert!(known > 0 && days[known..].iter().all(Option::is_none));
    assert!(days[..known].windows(2).all(|w| w[0] <= w[1]));
    let down = select(
        &rows,
        &Query {
            sort: SortKey::Source,
            descending: true,
            ..Query::default()
        },
    );
    assert!(
        down.windows(2)
            .all(|w| rows[w[0]].source >= rows[w[1]].source)
    );
}

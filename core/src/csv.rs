//! A CSV reader (RFC 4180 as spreadsheets and the Intune admin center write it): cells
//! separated by commas (or semicolons, when the header has more of them, as a spreadsheet in a
//! comma-decimal locale writes), quoted cells with `""` for a quote and line breaks inside,
//! CRLF or LF line ends. A row that cannot be read is reported with its line; the rest are read.
//!
//! ```
//! let table = dsreg_core::csv::read("Device name,Output\r\n\"PC-1\",\"a, \"\"b\"\"\nc\"\r\n");
//! assert_eq!(table.header, ["Device name", "Output"]);
//! assert_eq!(table.rows[0].cells, ["PC-1", "a, \"b\"\nc"]);
//! assert_eq!(table.rows[0].line, 2);
//! assert!(table.problems.is_empty());
//! ```

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// One record after the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The 1-based line the record starts on.
    pub line: usize,
    /// Its cells, unquoted.
    pub cells: Vec<String>,
}

/// A CSV file read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The first record's cells (trimmed).
    pub header: Vec<String>,
    /// The records after it, blank lines skipped.
    pub rows: Vec<Record>,
    /// What could not be read: the 1-based line and a sentence.
    pub problems: Vec<(usize, String)>,
}

/// Reads `text` as CSV; never fails.
pub fn read(text: &str) -> Table {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let sep = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let bytes = text.as_bytes();
    let mut table = Table::default();
    let mut i = 0;
    let mut line = 1;
    while i < bytes.len() {
        let start_line = line;
        let mut cells = Vec::new();
        let mut cell = String::new();
        let mut broken = None;
        loop {
            // One cell.
            if bytes.get(i) == Some(&b'"') {
                i += 1;
                let mut from = i;
                loop {
                    match bytes.get(i) {
                        None => {
                            broken = Some("a quoted cell is never closed");
                            break;
                        }
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => {
                            cell.push_str(&text[from..=i]);
                            i += 2;
                            from = i;
                        }
                        Some(b'"') => {
                            cell.push_str(&text[from..i]);
                            i += 1;
                            break;
                        }
                        Some(b) => {
                            line += usize::from(*b == b'\n');
                            i += 1;
                        }
                    }
                }
            }
            // An unquoted cell, or what follows a closing quote up to the separator (kept as
            // written).
            let from = i;
            while i < bytes.len() && bytes[i] != sep && bytes[i] != b'\n' && bytes[i] != b'\r' {
                i += 1;
            }
            cell.push_str(&text[from..i]);
            cells.push(core::mem::take(&mut cell));
            match bytes.get(i) {
                Some(&b) if b == sep => i += 1,
                Some(b'\r') => {
                    i += 1;
                    if bytes.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                    line += 1;
                    break;
                }
                Some(b'\n') => {
                    i += 1;
                    line += 1;
                    break;
                }
                _ => break,
            }
        }
        if let Some(why) = broken {
            table.problems.push((
                start_line,
                format!("row on line {start_line}: {why}; the row was not read"),
            ));
            break;
        }
        if cells.len() == 1 && cells[0].trim().is_empty() {
            continue;
        }
        if table.header.is_empty() && table.rows.is_empty() {
            table.header = cells.into_iter().map(|c| String::from(c.trim())).collect();
            continue;
        }
        table.rows.push(Record {
            line: start_line,
            cells,
        });
    }
    table
}

/// Appends `cell` to `out` as one CSV cell, quoted when it holds a separator, a quote or a
/// line break (a leading `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet does not
/// run it as a formula).
pub fn write_cell(out: &mut String, cell: &str) {
    let formula = cell.starts_with(['=', '+', '-', '@']);
    if formula || cell.contains([',', ';', '"', '\n', '\r']) {
        out.push('"');
        if formula {
            out.push('\'');
        }
        for c in cell.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_commas_line_breaks_and_a_bom() {
        let t = read("\u{feff}a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\r\n\r\n2,\"two\r\nlines\",\n");
        assert_eq!(t.header, ["a", "b", "c"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells, ["1", "x,y", "say \"hi\""]);
        assert_eq!(t.rows[1].cells, ["2", "two\r\nlines", ""]);
        assert_eq!((t.rows[0].line, t.rows[1].line), (2, 4));
        assert!(t.problems.is_empty());
    }

    #[test]
    fn semicolons_when_the_header_has_more_of_them() {
        let t = read("Device;Output\nPC,1;x,y\n");
        assert_eq!(t.header, ["Device", "Output"]);
        assert_eq!(t.rows[0].cells, ["PC,1", "x,y"]);
    }

    #[test]
    fn an_unclosed_quote_is_reported_and_what_came_before_is_kept() {
        let t = read("a,b\n1,2\n3,\"never closed\n4,5\n");
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.problems.len(), 1);
        assert_eq!(t.problems[0].0, 3);
        assert!(t.problems[0].1.contains("never closed"), "{:?}", t.problems);
    }

    #[test]
    fn cells_written_read_back() {
        let cells = ["plain", "a,b", "say \"hi\"", "two\nlines", "=1+1", ""];
        let mut line = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            write_cell(&mut line, c);
        }
        let t = read(&format!("h1,h2,h3,h4,h5,h6\n{line}\n"));
        assert_eq!(
            t.rows[0].cells,
            ["plain", "a,b", "say \"hi\"", "two\nlines", "'=1+1", ""]
        );
    }
}

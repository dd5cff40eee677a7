//! The section tree over the classified lines: documents (one per `dsregcmd /status` output in
//! the input), their sections (box headers, or an untitled section for headerless fragments),
//! fields, and the nested blocks inside sections (PRT diagnostics, Previous Registration,
//! Virtual Desktop metadata).
//!
//! Everything here is spans into the decoded text; the views ([`Doc`](crate::Doc)) type them.

use alloc::collections::BTreeSet;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::ops::Range;

pub use crate::catalog::BlockKind;
use crate::catalog::{self, BlockSet};
use crate::lines::{Line, LineKind, Noise};
use crate::span::{Problem, Span, offset};
use crate::text::{normalize, preview};
use crate::value::shape_problem;

/// The section tree of one `dsregcmd /status` output found in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocTree {
    /// Indexes into [`crate::Analysis::lines`]: documents tile the lines without gaps.
    pub lines: Range<usize>,
    /// The bytes the document covers.
    pub span: Span,
    /// Its sections in order.
    pub sections: Vec<Section>,
}

/// A section: a box header and the fields under it, or the untitled fields of a fragment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The title as written (`None` for fields that come before any header).
    pub title: Option<Span>,
    /// The 1-based line number of the header, if any.
    pub header_line: Option<usize>,
    /// Indexes into [`crate::Analysis::lines`].
    pub lines: Range<usize>,
    /// The bytes the section covers (from its header box to the next section).
    pub span: Span,
    /// Every field of the section in order, including those inside blocks.
    pub fields: Vec<Field>,
    /// The nested blocks of the section.
    pub blocks: Vec<Block>,
    /// The hard-wrapped parts of values, in order (see [`Field::wrapped`]).
    pub wrapped: Vec<Span>,
}

/// One `Key : Value` field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The key as written.
    pub key: Span,
    /// The value as written on the field's own line (trimmed, possibly empty).
    pub value: Span,
    /// Indexes into [`Section::wrapped`] of the parts of the value that were hard-wrapped onto
    /// following lines (usually empty).
    pub wrapped: Range<u32>,
    /// 1-based line number.
    pub line: u32,
    /// Index of the line in [`crate::Analysis::lines`].
    pub line_index: u32,
    /// The whole line (with its terminator).
    pub span: Span,
    /// Index into [`Section::blocks`] of the block this field belongs to.
    pub block: Option<u32>,
    /// Index into [`catalog::fields`] when the key is known.
    pub known: Option<u16>,
    /// Whether the field was quoted inside prose rather than printed as a line of output.
    pub quoted: bool,
}

/// A nested block inside a section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// What block this is.
    pub kind: BlockKind,
    /// Index into [`Section::fields`] of the field that opened it (`None` when the output lost it,
    /// as in fragments that start inside the Previous Registration block).
    pub head: Option<usize>,
    /// Indexes into [`Section::fields`] of its fields (head included): a block is contiguous.
    pub fields: Range<usize>,
}

/// The block a field opens, from the catalogue (`Virtual Desktop : NOT SET` opens none: no
/// metadata follows it).
fn opens(known: Option<u16>, value: &str) -> Option<BlockKind> {
    let kind = catalog::field_at(known?)?.opens?;
    (kind != BlockKind::VirtualDesktop || !crate::text::key_eq(value, "NOT SET")).then_some(kind)
}

/// Whether a field belongs to an open block of `kind`. VDI extensions are free key/value
/// pairs: anything unknown stays in that block.
fn holds(kind: BlockKind, known: Option<u16>) -> bool {
    match known.and_then(catalog::field_at) {
        Some(field) => field.in_blocks.intersects(kind.members()),
        None => kind == BlockKind::VirtualDesktop,
    }
}

/// The block a field opens on its own when the output lost the block's head (a fragment that
/// starts inside a Previous Registration, a chat quoting `Attempt Status` and the server's
/// answer without `AcquirePrtDiagnostics : PRESENT`). `Server Error Code` belongs to both: as
/// the PRT diagnostics spell it (with a space) it opens PRT diagnostics, as the join attempt
/// spells it (`Server ErrorCode`) a Previous Registration.
fn headless(known: Option<u16>, spelled: &str) -> Option<BlockKind> {
    let field = catalog::field_at(known?)?;
    // Ids and request details say nothing on their own: they do not make a block.
    if [
        "Correlation ID",
        "HTTP Method",
        "User Identity",
        "Credential Type",
        "Request Id",
    ]
    .contains(&field.key)
    {
        return None;
    }
    let prt = field.in_blocks.intersects(BlockSet::PRT_ATTEMPT);
    let registration = field.in_blocks.intersects(BlockSet::PREVIOUS_REGISTRATION);
    match (prt, registration) {
        (true, true) if crate::text::contains_ci(spelled, "error code") => {
            Some(BlockKind::PrtDiagnostics)
        }
        (true, false) => Some(BlockKind::PrtDiagnostics),
        (_, true) => Some(BlockKind::PreviousRegistration),
        (false, false) => None,
    }
}

struct DocBuilder {
    start: usize,
    sections: Vec<Section>,
    titles: BTreeSet<String>,
    /// The latest place, in dsregcmd's order of sections, of a section seen so far.
    last_order: Option<usize>,
    fields: usize,
    /// Fields quoted in prose, and the text lines around them not reported yet: in a ticket
    /// that quotes fields, the prose is not a reading problem line by line.
    quoted: usize,
    prose: Vec<Problem>,
    open_block: Option<usize>,
}

impl DocBuilder {
    fn new(start: usize) -> DocBuilder {
        DocBuilder {
            start,
            sections: Vec::new(),
            titles: BTreeSet::new(),
            last_order: None,
            fields: 0,
            quoted: 0,
            prose: Vec::new(),
            open_block: None,
        }
    }

    fn open_section(&mut self, title: Option<Span>, header_line: Option<usize>, start: usize) {
        self.close_section(start);
        self.sections.push(Section {
            title,
            header_line,
            lines: start..start,
            span: Span::default(),
            fields: Vec::new(),
            blocks: Vec::new(),
            wrapped: Vec::new(),
        });
        self.open_block = None;
    }

    fn close_section(&mut self, end: usize) {
        if let Some(last) = self.sections.last_mut() {
            last.lines.end = end;
        }
    }

    fn finish(mut self, end: usize, lines: &[Line], problems: &mut Vec<Problem>) -> DocTree {
        self.close_section(end);
        if self.quoted > 0 {
            // A ticket or chat quoting fields: one note says what was read, not one per line.
            let first = self.prose.first().map_or(0, |p| p.offset);
            let line = self.prose.first().map_or(1, |p| p.line);
            let lines_skipped = self.prose.len();
            let skipped = match lines_skipped {
                0 => String::new(),
                1 => "; 1 line of prose around them was not read as fields".into(),
                n => format!("; {n} lines of prose around them were not read as fields"),
            };
            problems.push(Problem::at(
                line,
                first,
                format!(
                    "read {} field{} quoted in the text{skipped}",
                    self.quoted,
                    if self.quoted == 1 { "" } else { "s" }
                ),
            ));
        } else {
            problems.append(&mut self.prose);
        }
        for section in &mut self.sections {
            section.span = span_of(lines, &section.lines);
        }
        let range = self.start..end;
        if self.fields == 0 {
            let line = lines.get(self.start).map_or(1, |l| l.number as usize);
            let message = if lines
                .get(range.clone())
                .is_none_or(|l| l.iter().all(|l| l.kind == LineKind::Blank))
            {
                "no text to analyze: the input is empty"
            } else {
                "no `dsregcmd /status` fields found here: paste the output of `dsregcmd /status`"
            };
            let offset = lines.get(self.start).map_or(0, |l| l.span.start());
            problems.push(Problem::at(line, offset, message));
        }
        DocTree {
            span: span_of(lines, &range),
            lines: range,
            sections: self.sections,
        }
    }
}

/// The place of a section title in dsregcmd's order (`Work Account N` after User State).
fn section_order(title: &str) -> Option<usize> {
    let title = if catalog::is_work_account(title) {
        "User State"
    } else {
        title
    };
    catalog::sections()
        .iter()
        .position(|s| crate::text::key_eq(s.title, title))
}

fn span_of(lines: &[Line], range: &Range<usize>) -> Span {
    let start = lines.get(range.start).map(|l| l.span.start());
    let end = range
        .end
        .checked_sub(1)
        .and_then(|i| lines.get(i))
        .map(|l| l.span.end());
    match (start, end) {
        (Some(s), Some(e)) if range.start < range.end => Span::new(s, e),
        _ => Span::new(0, 0),
    }
}

/// Builds the documents over `lines`, turning hard-wrapped value tails into
/// [`LineKind::Continuation`] and reporting unreadable lines.
pub(crate) fn build(
    text: &str,
    lines: &mut [Line],
    max_width: usize,
    problems: &mut Vec<Problem>,
) -> Vec<DocTree> {
    let mut docs = Vec::new();
    let mut cur = DocBuilder::new(0);
    // A `dsregcmd` prompt after some fields: a new output starts there unless what follows is a
    // section that comes later in dsregcmd's order than every section seen so far, so that an
    // output pasted section by section, each after its own prompt, stays one output.
    let mut pending: Option<usize> = None;
    // The field the previous line belongs to: (section index, field index).
    let mut last_field: Option<(usize, usize)> = None;
    // Each known title's place in dsregcmd's order, by normalised title: the same few titles
    // repeat in every output of a large input.
    let mut orders: Vec<(String, Option<usize>)> = Vec::new();
    for i in 0..lines.len() {
        let Some(line) = lines.get(i).copied() else {
            break;
        };
        let prev_kind = i.checked_sub(1).and_then(|p| lines.get(p)).map(|l| l.kind);
        match line.kind {
            LineKind::Blank | LineKind::Border => {
                last_field = None;
                if line.kind == LineKind::Blank
                    && let Some(b) = cur.open_block
                    && cur
                        .sections
                        .last()
                        .and_then(|s| s.blocks.get(b))
                        .is_some_and(|b| b.kind == BlockKind::VirtualDesktop)
                {
                    cur.open_block = None;
                }
            }
            LineKind::Header { title } => {
                last_field = None;
                let mut buf = [0; 48];
                let norm = normalize(title.slice(text), &mut buf)
                    .map_or_else(|| String::from(title.slice(text)), String::from);
                let start = if prev_kind == Some(LineKind::Border) && i > cur.start {
                    i - 1
                } else {
                    i
                };
                let order = match orders.iter().find(|(t, _)| *t == norm) {
                    Some(&(_, order)) => order,
                    None => {
                        let order = section_order(title.slice(text));
                        // Only known titles are kept: there are a few dozen of them at most,
                        // whatever the input holds.
                        if order.is_some() {
                            orders.push((norm.clone(), order));
                        }
                        order
                    }
                };
                let continues = order.is_some() && order > cur.last_order;
                if let Some(at) = pending.take().filter(|_| !continues) {
                    let done = core::mem::replace(&mut cur, DocBuilder::new(at));
                    docs.push(done.finish(at, lines, problems));
                } else if cur.titles.contains(&norm) {
                    let done = core::mem::replace(&mut cur, DocBuilder::new(start));
                    docs.push(done.finish(start, lines, problems));
                }
                cur.last_order = cur.last_order.max(order);
                cur.titles.insert(norm);
                cur.open_section(Some(title), Some(line.number as usize), start);
            }
            LineKind::Field { key, value, .. } | LineKind::Quoted { key, value, .. } => {
                if let Some(at) = pending.take() {
                    let done = core::mem::replace(&mut cur, DocBuilder::new(at));
                    docs.push(done.finish(at, lines, problems));
                }
                let quoted = matches!(line.kind, LineKind::Quoted { .. });
                // A quoted field goes under the section its sentence names, when the field
                // can live there ("WamDefaultSet : ERROR under User State").
                if let LineKind::Quoted {
                    section: Some(title),
                    ..
                } = line.kind
                {
                    let mentioned = title.slice(text);
                    let fits = catalog::known_field(key.slice(text)).is_none_or(|k| {
                        k.sections
                            .iter()
                            .chain(k.variants.iter().flat_map(|v| v.sections))
                            .any(|s| catalog::section_eq(s, mentioned))
                    });
                    let current = cur
                        .sections
                        .last()
                        .and_then(|s| s.title)
                        .is_some_and(|t| catalog::section_eq(t.slice(text), mentioned));
                    if fits && !current {
                        cur.open_section(Some(title), None, i);
                    }
                }
                if cur.sections.is_empty() {
                    cur.open_section(None, None, i);
                }
                let section_index = cur.sections.len() - 1;
                let Some(section) = cur.sections.last_mut() else {
                    continue;
                };
                // Lines worked out a field's catalogue entry; a quoted field's is looked up.
                let known = match line.kind {
                    LineKind::Field { known, .. } => known,
                    _ => {
                        let mut buf = [0; 48];
                        normalize(key.slice(text), &mut buf).and_then(catalog::known_index)
                    }
                };
                let field_index = section.fields.len();
                let mut block = None;
                let head = opens(known, value.slice(text));
                if let Some(kind) = head {
                    section.blocks.push(Block {
                        kind,
                        head: Some(field_index),
                        fields: field_index..field_index,
                    });
                    block = Some(section.blocks.len() - 1);
                } else if let Some(open) = cur.open_block
                    && section
                        .blocks
                        .get(open)
                        .is_some_and(|b| holds(b.kind, known))
                {
                    block = Some(open);
                }
                if block.is_none()
                    && let Some(kind) = headless(known, key.slice(text))
                {
                    section.blocks.push(Block {
                        kind,
                        head: None,
                        fields: field_index..field_index,
                    });
                    block = Some(section.blocks.len() - 1);
                }
                cur.open_block = block;
                if let Some(b) = block.and_then(|b| section.blocks.get_mut(b)) {
                    b.fields.end = field_index + 1;
                }
                // Known keys whose value has the wrong shape are reported here, while the line
                // is still in cache.
                if let Some(known) = known.and_then(catalog::field_at)
                    && let Some(message) = shape_problem(known.kind, value.slice(text))
                {
                    problems.push(Problem::at(
                        line.number as usize,
                        line.span.start(),
                        format!(
                            "{}: {message}, found \"{}\"",
                            key.slice(text),
                            preview(value.slice(text), 60)
                        ),
                    ));
                }
                section.fields.push(Field {
                    key,
                    value,
                    wrapped: 0..0,
                    line: line.number,
                    line_index: offset(i),
                    span: line.span,
                    block: block.map(offset),
                    known,
                    quoted,
                });
                cur.fields += 1;
                cur.quoted += usize::from(quoted);
                last_field = Some((section_index, field_index));
            }
            LineKind::Text | LineKind::Continuation { .. } => {
                let wraps = last_field.is_some()
                    && line.indent == 0
                    && max_width >= 60
                    && i.checked_sub(1)
                        .and_then(|p| lines.get(p))
                        .is_some_and(|p| p.width as usize == max_width);
                let target = last_field.filter(|_| wraps).and_then(|(s, f)| {
                    let section = cur.sections.get_mut(s)?;
                    let field = section.fields.get(f)?;
                    (!field.value.is_empty()).then_some((section, f))
                });
                if let Some((section, f)) = target {
                    let t = line.span.slice(text).trim_end();
                    let tail = Span::new(line.span.start(), line.span.start() + t.len());
                    // A field's wrapped parts follow it directly, so they are contiguous.
                    let at = offset(section.wrapped.len());
                    section.wrapped.push(tail);
                    if let Some(field) = section.fields.get_mut(f) {
                        if field.wrapped.is_empty() {
                            field.wrapped = at..at;
                        }
                        field.wrapped.end = at + 1;
                    }
                    if let Some(l) = lines.get_mut(i) {
                        l.kind = LineKind::Continuation { text: tail };
                    }
                } else {
                    last_field = None;
                    let t = line.span.slice(text).trim();
                    cur.prose.push(Problem::at(
                        line.number as usize,
                        line.span.start(),
                        format!(
                            "not a field, header or known console line: \"{}\"",
                            preview(t, 60)
                        ),
                    ));
                }
            }
            LineKind::Noise(noise) => {
                last_field = None;
                let starts_output = match noise {
                    Noise::Command => true,
                    Noise::Prompt => line
                        .span
                        .slice(text)
                        .to_ascii_lowercase()
                        .contains("dsregcmd"),
                    Noise::Tool => crate::text::starts_with_ci(
                        line.span.slice(text).trim_start(),
                        "Starting external process",
                    ),
                    _ => false,
                };
                if starts_output && cur.fields > 0 && pending.is_none() {
                    pending = Some(i);
                }
            }
        }
    }
    docs.push(cur.finish(lines.len(), lines, problems));
    docs
}

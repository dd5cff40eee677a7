//! The views: [`Doc`], [`SectionRef`], [`FieldRef`] and [`BlockRef`] borrow the decoded text and
//! the section tree, and type each value on demand ([`Value`]). Every field is visible, known or
//! not; [`KnownField`] says what the catalogue knows about a key.

use alloc::borrow::Cow;
use alloc::string::String;

use crate::catalog::{self, BlockKind, KnownField};
use crate::lines::Line;
use crate::sections::{DocTree, Field, Section};
use crate::span::Span;
use crate::text::{key_eq, normalize};
use crate::value::Value;

/// A key looked up in many sections: its catalogue index is computed once.
struct KeyQuery<'k> {
    key: &'k str,
    known: Option<u16>,
}

impl<'k> KeyQuery<'k> {
    fn new(key: &'k str) -> KeyQuery<'k> {
        let mut buf = [0; 48];
        KeyQuery {
            key,
            known: normalize(key, &mut buf).and_then(catalog::known_index),
        }
    }
}

/// How the output is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Windows 10 1809 and later: Device Details, Tenant Details and SSO State sections.
    Current,
    /// Windows 10 1607–1803: tenant and device fields inside Device State, PRT fields inside
    /// User State.
    Legacy,
    /// No Device State section: a fragment of an output.
    Fragment,
}

/// One `dsregcmd /status` output: a typed view over its sections.
#[derive(Clone, Copy, Debug)]
pub struct Doc<'a> {
    text: &'a str,
    lines: &'a [Line],
    doc: &'a DocTree,
    index: usize,
}

impl<'a> Doc<'a> {
    pub(crate) fn new(text: &'a str, lines: &'a [Line], doc: &'a DocTree, index: usize) -> Doc<'a> {
        Doc {
            text,
            lines,
            doc,
            index,
        }
    }

    /// The decoded text of the whole input (every span points into it).
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// 0-based position of this document in the input.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The bytes this document covers.
    pub fn span(&self) -> Span {
        self.doc.span
    }

    /// The lines of this document.
    pub fn lines(&self) -> &'a [Line] {
        self.lines.get(self.doc.lines.clone()).unwrap_or(&[])
    }

    /// First and last 1-based line numbers (both 0 for an empty input).
    pub fn line_range(&self) -> (usize, usize) {
        let lines = self.lines();
        (
            lines.first().map_or(0, |l| l.number as usize),
            lines.last().map_or(0, |l| l.number as usize),
        )
    }

    /// The sections, in order.
    pub fn sections(&self) -> impl Iterator<Item = SectionRef<'a>> + 'a {
        let (text, doc) = (self.text, self.doc);
        doc.sections
            .iter()
            .map(move |section| SectionRef { text, section })
    }

    /// The first section titled `title` (ignoring case and spaces).
    pub fn section(&self, title: &str) -> Option<SectionRef<'a>> {
        self.sections()
            .find(|s| s.title().is_some_and(|t| key_eq(t, title)))
    }

    /// The `Work Account N` sections.
    pub fn work_accounts(&self) -> impl Iterator<Item = SectionRef<'a>> + 'a {
        self.sections().filter(SectionRef::is_work_account)
    }

    /// The field `key` of section `section` (both ignoring case and spaces).
    ///
    /// When the section does not have it, and `section` is the key's home section in the
    /// current layout, the field is looked for in the other sections (Work Accounts excluded):
    /// that finds `TenantId` inside Device State in the legacy layout, or the Previous
    /// Registration fields of a headerless fragment.
    pub fn field(&self, section: &str, key: &str) -> Option<FieldRef<'a>> {
        let query = KeyQuery::new(key);
        if let Some(found) = self
            .sections()
            .filter(|s| s.title().is_some_and(|t| key_eq(t, section)))
            .find_map(|s| s.field_matching(&query))
        {
            return Some(found);
        }
        let home = catalog::field_at(query.known?)?.home();
        if !key_eq(home, section) {
            return None;
        }
        self.find_matching(&query)
    }

    /// The first field `key` in any section but the Work Accounts.
    pub fn find(&self, key: &str) -> Option<FieldRef<'a>> {
        self.find_matching(&KeyQuery::new(key))
    }

    fn find_matching(&self, query: &KeyQuery<'_>) -> Option<FieldRef<'a>> {
        self.sections()
            .filter(|s| !s.is_work_account())
            .find_map(|s| s.field_matching(query))
    }

    /// How the output is laid out.
    pub fn layout(&self) -> Layout {
        let Some(device) = self.section("Device State") else {
            return Layout::Fragment;
        };
        let legacy = self.section("Tenant Details").is_none()
            && ["TenantId", "DeviceId", "Thumbprint", "JoinSrvUrl"]
                .iter()
                .any(|k| device.field(k).is_some());
        let legacy_user = self.section("SSO State").is_none()
            && self
                .section("User State")
                .is_some_and(|u| u.field("AzureAdPrt").is_some());
        if legacy || legacy_user {
            Layout::Legacy
        } else {
            Layout::Current
        }
    }

    /// Every field in every section, in order.
    pub fn fields(&self) -> impl Iterator<Item = FieldRef<'a>> + 'a {
        self.sections().flat_map(|s| s.fields())
    }
}

/// One section of a [`Doc`].
#[derive(Clone, Copy, Debug)]
pub struct SectionRef<'a> {
    text: &'a str,
    section: &'a Section,
}

impl<'a> SectionRef<'a> {
    /// The title as written, `None` for the untitled fields of a fragment.
    pub fn title(&self) -> Option<&'a str> {
        self.section.title.map(|t| t.slice(self.text))
    }

    /// The 1-based line of the header.
    pub fn header_line(&self) -> Option<usize> {
        self.section.header_line
    }

    /// The bytes the section covers.
    pub fn span(&self) -> Span {
        self.section.span
    }

    /// Whether this is a `Work Account N` section.
    pub fn is_work_account(&self) -> bool {
        self.title().is_some_and(catalog::is_work_account)
    }

    /// Every field, in order, including those inside blocks.
    pub fn fields(self) -> impl Iterator<Item = FieldRef<'a>> + 'a {
        let (text, section) = (self.text, self.section);
        section.fields.iter().map(move |field| FieldRef {
            text,
            section,
            field,
        })
    }

    /// The first field `key` (ignoring case and spaces).
    pub fn field(&self, key: &str) -> Option<FieldRef<'a>> {
        self.field_matching(&KeyQuery::new(key))
    }

    fn field_matching(&self, query: &KeyQuery<'_>) -> Option<FieldRef<'a>> {
        match query.known {
            // Same catalog entry ⟺ same normalised key: compare indexes, not text.
            Some(k) => self.fields().find(|f| f.field.known == Some(k)),
            None => self.fields().find(|f| key_eq(f.key(), query.key)),
        }
    }

    /// Every field `key`, in order.
    pub fn fields_named<'k>(&self, key: &'k str) -> impl Iterator<Item = FieldRef<'a>> + 'k
    where
        'a: 'k,
    {
        self.fields().filter(move |f| key_eq(f.key(), key))
    }

    /// The nested blocks, in order.
    pub fn blocks(self) -> impl Iterator<Item = BlockRef<'a>> + 'a {
        let (text, section) = (self.text, self.section);
        (0..section.blocks.len()).map(move |index| BlockRef {
            text,
            section,
            index,
        })
    }

    /// The first block of `kind`.
    pub fn block(&self, kind: BlockKind) -> Option<BlockRef<'a>> {
        self.blocks().find(|b| b.kind() == kind)
    }
}

/// A nested block of a section (PRT diagnostics, Previous Registration, Virtual Desktop).
#[derive(Clone, Copy, Debug)]
pub struct BlockRef<'a> {
    text: &'a str,
    section: &'a Section,
    index: usize,
}

impl<'a> BlockRef<'a> {
    /// What block this is.
    pub fn kind(&self) -> BlockKind {
        self.section
            .blocks
            .get(self.index)
            .map_or(BlockKind::PreviousRegistration, |b| b.kind)
    }

    /// The field that opened the block (`AcquirePrtDiagnostics : PRESENT`), if printed.
    pub fn head(&self) -> Option<FieldRef<'a>> {
        let head = self.section.blocks.get(self.index)?.head?;
        let field = self.section.fields.get(head)?;
        Some(FieldRef {
            text: self.text,
            section: self.section,
            field,
        })
    }

    /// The fields of the block, head included, in order.
    pub fn fields(self) -> impl Iterator<Item = FieldRef<'a>> + 'a {
        let (text, section) = (self.text, self.section);
        let range = section
            .blocks
            .get(self.index)
            .map_or(0..0, |b| b.fields.clone());
        section
            .fields
            .get(range)
            .unwrap_or(&[])
            .iter()
            .map(move |field| FieldRef {
                text,
                section,
                field,
            })
    }

    /// The first field `key` of the block.
    pub fn field(&self, key: &str) -> Option<FieldRef<'a>> {
        self.fields().find(|f| key_eq(f.key(), key))
    }
}

/// One field, with its typed value, line number and spans.
#[derive(Clone, Copy, Debug)]
pub struct FieldRef<'a> {
    text: &'a str,
    section: &'a Section,
    field: &'a Field,
}

impl<'a> FieldRef<'a> {
    /// The key as written.
    pub fn key(&self) -> &'a str {
        self.field.key.slice(self.text)
    }

    /// The value as written, hard-wrapped parts joined back.
    pub fn raw(&self) -> Cow<'a, str> {
        let first = self.field.value.slice(self.text);
        if self.field.wrapped.is_empty() {
            return Cow::Borrowed(first);
        }
        let mut joined = String::from(first);
        for part in self.wrapped_spans() {
            joined.push_str(part.slice(self.text));
        }
        Cow::Owned(joined)
    }

    /// The typed value (typed by the key's [`ValueKind`] when the key is known).
    pub fn value(&self) -> Value<'a> {
        if !self.field.wrapped.is_empty() {
            return Value::Text(self.raw());
        }
        let raw = self.field.value.slice(self.text);
        match self.known() {
            Some(k) => Value::parse_as(raw, k.kind),
            None => Value::parse(raw),
        }
    }

    /// What the catalogue knows about the key, `None` for keys it does not know (still shown).
    pub fn known(&self) -> Option<&'static KnownField> {
        catalog::field_at(self.field.known?)
    }

    /// 1-based line number.
    pub fn line(&self) -> usize {
        self.field.line as usize
    }

    /// The whole line of the field (with its terminator).
    pub fn span(&self) -> Span {
        self.field.span
    }

    /// The key's bytes.
    pub fn key_span(&self) -> Span {
        self.field.key
    }

    /// The value's bytes on the field's own line.
    pub fn value_span(&self) -> Span {
        self.field.value
    }

    /// The spans of the hard-wrapped continuation parts of the value.
    pub fn wrapped_spans(&self) -> &'a [Span] {
        let range = self.field.wrapped.start as usize..self.field.wrapped.end as usize;
        self.section.wrapped.get(range).unwrap_or(&[])
    }

    /// The block the field belongs to.
    pub fn block(&self) -> Option<BlockKind> {
        let b = self.field.block?;
        self.section.blocks.get(b as usize).map(|b| b.kind)
    }

    /// Whether the field was quoted inside prose (a sentence, inline code, a table cell)
    /// rather than printed as a line of output.
    pub fn is_quoted(&self) -> bool {
        self.field.quoted
    }

    /// The title of the section holding the field.
    pub fn section_title(&self) -> Option<&'a str> {
        self.section.title.map(|t| t.slice(self.text))
    }
}

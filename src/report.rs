//! A readable summary of an [`aggregate::Summary`](crate::aggregate::Summary):
//! aligned text tables, Markdown, JSON, or (feature `html`) one
//! self-contained HTML page with charts (`report::html`), optionally with the
//! derivation of every figure.
//!
//! Texts from the documents (names, labels, statements) are written so that
//! they cannot change the output around them. In text, every control
//! character (a newline, a tab, the escape that starts a terminal's colour
//! sequence, DEL, C1) is shown as a visible escape (`\n`, `\u{1b}`). In
//! Markdown, a newline or tab becomes a space, `\`, `` ` ``, `*`, `_` (but
//! not inside a word), `[`, `]`, `|`, `~` and `$` get a backslash before
//! them, and `<`, `>` and `&`
//! are written as `&lt;`, `&gt;` and `&amp;`, so that a text stays one cell
//! of its table and no HTML reaches a renderer. JSON writes texts as they
//! are (its string escaping is enough).
//!
//! ```
//! use childwelfare::{aggregate, data, report};
//!
//! let summary = aggregate::summarise(&data::seed(), true);
//! let text = report::render(&summary, report::Format::Text, true);
//! assert!(text.contains("about 4 667"));
//! let markdown = report::render(&summary, report::Format::Markdown, false);
//! assert!(markdown.contains("| LUMO"));
//! ```

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::Language;
use crate::aggregate::Summary;
use crate::value::Visible;

mod cells;
mod layout;
mod local;
mod tables;
mod words;

pub(crate) use local::Local;
use tables::{Part, Table};
pub use words::Phrase;
pub(crate) use words::dimension_value;

/// How a report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Aligned plain-text tables.
    Text,
    /// Markdown tables.
    Markdown,
    /// The summary as JSON (derivations included when explained).
    Json,
    /// One self-contained HTML page with charts ([`html`], feature `html`).
    #[cfg(feature = "html")]
    Html,
}

#[cfg(feature = "html")]
pub mod html;
mod tidy;

pub use tidy::tidy;

/// A text from the documents as `format` needs it (see the module docs).
fn escape(text: &str, format: Format) -> Cow<'_, str> {
    match format {
        Format::Markdown => {
            let mut out = String::with_capacity(text.len());
            let (mut previous, mut chars) = (' ', text.chars().peekable());
            while let Some(c) = chars.next() {
                match c {
                    '\n' | '\r' | '\t' => out.push(' '),
                    // Inside a word (`final_report`) `_` cannot start emphasis.
                    '_' if previous.is_alphanumeric() && chars.peek().is_some_and(|n| n.is_alphanumeric()) => {
                        out.push(c);
                    }
                    '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' => {
                        out.push('\\');
                        out.push(c);
                    }
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '&' => out.push_str("&amp;"),
                    c if c.is_control() => {
                        let _ = write!(out, "{}", Visible(c.encode_utf8(&mut [0; 4])));
                    }
                    c => out.push(c),
                }
                previous = c;
            }
            Cow::Owned(out)
        }
        // Most texts have no control character: written as they are.
        _ if !has_control(text) => Cow::Borrowed(text),
        _ => Cow::Owned(Visible(text).to_string()),
    }
}

/// Whether `text` has a control character (Unicode's `Cc`: U+0000–U+001F
/// and U+007F–U+009F). A byte below 0x20, 0x7F or 0xC2 (the lead byte of
/// U+0080–U+00BF) comes first in each, so most texts are passed over a
/// byte at a time without decoding a character.
fn has_control(text: &str) -> bool {
    // The bytes that can begin a control character, looked for 64 at a time
    // without a branch per byte (a table's cells are one text of up to
    // megabytes); only where one is found are the characters decoded.
    let maybe = |chunk: &[u8]| chunk.iter().fold(false, |found, &b| found | (b < 0x20) | (b == 0x7f) | (b == 0xc2));
    text.as_bytes().chunks(64).any(maybe) && text.contains(char::is_control)
}

/// How a report is written: its format, language, whether it explains its
/// figures, and the width of a text report.
///
/// ```
/// use childwelfare::{Language, aggregate, data, report};
///
/// let mut aggregator = aggregate::Aggregator::new().language(Language::Fi);
/// data::seed().iter().for_each(|document| aggregator.add(document));
/// let summary = aggregator.finish();
/// let options = report::Options::new(report::Format::Text).language(Language::Fi).width(80);
/// let text = report::render_with(&summary, &options);
/// assert!(text.contains("noin 4 667"));
/// assert!(text.lines().all(|line| line.chars().count() <= 80));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Options {
    /// The format.
    pub format: Format,
    /// The language of headings, columns, statuses, figures and dates (the
    /// labels from the documents are chosen when the summary is made, with
    /// [`Aggregator::language`](crate::aggregate::Aggregator::language)).
    pub language: Language,
    /// Whether each table is followed by the derivation of its figures
    /// (when the summary was made with them).
    pub explain: bool,
    /// The most characters a line of a text report takes; `None` for no
    /// limit. Markdown and JSON are not wrapped.
    pub width: Option<usize>,
}

/// The width of a text report unless told otherwise.
pub const DEFAULT_WIDTH: usize = 100;

/// The narrowest width a text report is written in.
pub const NARROWEST_WIDTH: usize = 40;

impl Options {
    /// A report in `format`, in English, without derivations, text lines at
    /// most [`DEFAULT_WIDTH`] characters.
    pub const fn new(format: Format) -> Self {
        Options { format, language: Language::En, explain: false, width: Some(DEFAULT_WIDTH) }
    }

    /// In `format`.
    pub const fn format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    /// In `language`.
    pub const fn language(mut self, language: Language) -> Self {
        self.language = language;
        self
    }

    /// With the derivation of every figure, or without.
    pub const fn explain(mut self, explain: bool) -> Self {
        self.explain = explain;
        self
    }

    /// Text lines at most `width` characters (at least
    /// [`NARROWEST_WIDTH`]).
    pub const fn width(mut self, width: usize) -> Self {
        self.width = Some(if width < NARROWEST_WIDTH { NARROWEST_WIDTH } else { width });
        self
    }

    /// Text lines as long as their content.
    pub const fn unlimited_width(mut self) -> Self {
        self.width = None;
        self
    }
}

/// `text` with each line longer than `width` characters (at least 40)
/// broken at spaces, each line's continuation indented four columns further
/// than the line (so that it stands apart from a line indented two under
/// it) (0: `text` as it is). A word longer than a line, such as a file's path
/// or a JSON pointer, is kept whole, so that it can still be copied; a
/// break takes the place of one space, and nothing else changes. What
/// `childwelfare validate --width` does to the problems it lists.
///
/// ```
/// use childwelfare::report::wrap_lines;
///
/// let text = "  lumo.json: warning[assessment.objective_unjudged]: the project has ended but no assessment judges `lumo-obj-1`\nshort";
/// let wrapped = wrap_lines(text, 60);
/// assert_eq!(
///     wrapped,
///     "  lumo.json: warning[assessment.objective_unjudged]: the\n      project has ended but no assessment judges\n      `lumo-obj-1`\nshort"
/// );
/// assert!(wrapped.lines().all(|line| line.chars().count() <= 60));
/// assert_eq!(wrapped.replace("\n      ", " "), text);
/// assert_eq!(wrap_lines(text, 0), text);
/// ```
pub fn wrap_lines(text: &str, width: usize) -> String {
    if width == 0 {
        return text.to_owned();
    }
    let width = width.max(NARROWEST_WIDTH);
    let mut out = String::with_capacity(text.len() + text.len() / width.max(1) * 8);
    for (at, line) in text.split('\n').enumerate() {
        if at > 0 {
            out.push('\n');
        }
        if line.chars().count() <= width {
            out.push_str(line);
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let (lead, rest) = line.split_at(indent);
        out.push_str(lead);
        let continuation = indent + 4;
        // Characters on the line being written, and whether a word is on it.
        let mut used = indent;
        let mut begun = false;
        for word in rest.split(' ') {
            let characters = word.chars().count();
            if begun && used + 1 + characters > width {
                out.push('\n');
                out.extend(std::iter::repeat_n(' ', continuation));
                used = continuation;
            } else if begun {
                out.push(' ');
                used += 1;
            }
            out.push_str(word);
            used += characters;
            begun = true;
        }
    }
    out
}

/// `amount`, followed by how many parts lack one; `–` for no amount.
pub(crate) fn amount_text(language: Language, amount: Option<crate::Money>, parts_without_amount: u64) -> String {
    tables::amount_text(Local(language), amount, parts_without_amount)
}

/// Writes the summary in `format`, in English; with `explain`, each table is
/// followed by the derivation of its figures (when the summary was made with
/// them). [`render_with`] takes the language and the width.
pub fn render(summary: &Summary, format: Format, explain: bool) -> String {
    render_with(summary, &Options::new(format).explain(explain))
}

/// Writes the summary as `options` say. [`write_with`] writes it to a
/// writer as it is made.
pub fn render_with(summary: &Summary, options: &Options) -> String {
    #[cfg(feature = "html")]
    if options.format == Format::Html {
        return html::render(summary, options);
    }
    if options.format == Format::Json {
        return if options.explain {
            crate::json::model_to_string(summary)
        } else {
            crate::json::model_to_string(&summary.without_derivations())
        };
    }
    let mut all = String::new();
    let _ = write_text(summary, options, &mut |part| {
        all.push_str(part);
        Ok(())
    });
    all
}

/// Writes the summary as `options` say to `writer`, the same bytes as
/// [`render_with`], a table at a time: the text and Markdown reports are
/// not held whole in memory (the HTML report is: it is made whole). Their
/// tables are made and laid out on the calling thread from the first on
/// and on a second thread from the last back, and written in order as they
/// are laid out (the second thread stops while 4 MiB of its text waits to
/// be written); where no second thread can be had, in turn on the calling
/// thread.
///
/// # Errors
/// When writing fails.
///
/// ```
/// use childwelfare::report::{self, Format, Options};
/// use childwelfare::{Language, aggregate::Aggregator, load};
///
/// let files = load::walk(&["data/"])?;
/// let mut aggregator = Aggregator::new();
/// aggregator.add_files(&files, |_| {});
/// let summary = aggregator.finish();
/// let options = Options::new(Format::Text).language(Language::Fi);
/// let mut written = Vec::new();
/// report::write_with(&summary, &options, &mut written)?;
/// assert_eq!(String::from_utf8(written).unwrap(), report::render_with(&summary, &options));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_with(summary: &Summary, options: &Options, mut writer: impl std::io::Write) -> std::io::Result<()> {
    match options.format {
        Format::Json if options.explain => crate::json::to_writer(&mut writer, summary),
        Format::Json => crate::json::to_writer(&mut writer, &summary.without_derivations()),
        #[cfg(feature = "html")]
        Format::Html => writer.write_all(html::render(summary, options).as_bytes()),
        _ => write_text(summary, options, &mut |part| writer.write_all(part.as_bytes())),
    }
}

/// The text or Markdown report, handed to `sink` in parts (the opening,
/// each table, the legend).
fn write_text(
    summary: &Summary,
    options: &Options,
    sink: &mut dyn FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let Options { format, language, explain, width } = *options;
    let local = Local(language);
    let markdown = format == Format::Markdown;
    // Markdown is not wrapped: a renderer wraps it.
    let width = if markdown { usize::MAX } else { width.unwrap_or(usize::MAX) };
    let mut out = String::new();
    let count = |n: u64, one: Phrase, many: Phrase| {
        (if n == 1 { one } else { many }).fill(language, &[&crate::value::thousands(n)])
    };
    let opening = format!(
        "{}: {}, {}",
        Phrase::Summary.text(language),
        count(summary.projects, Phrase::OneProject, Phrase::Projects),
        count(summary.programmes, Phrase::OneProgramme, Phrase::Programmes)
    );
    if markdown {
        let _ = writeln!(out, "# {opening}\n");
    } else {
        layout::paragraph(&mut out, &opening, width, "", "");
        out.push('\n');
    }
    let read = crate::value::thousands(summary.projects + summary.programmes);
    let unread = crate::value::thousands(summary.left_out.len() as u64);
    layout::paragraph(&mut out, &Phrase::Covers.fill(language, &[&read, &unread]), width, "", "");
    if !summary.left_out.is_empty() {
        let first = Phrase::Incomplete.fill(language, &[&unread]);
        if markdown {
            let _ = writeln!(out, "\n> **{first}**");
        } else {
            layout::paragraph(&mut out, &first, width, "", "");
        }
        for place in &summary.left_out {
            let place = escape(place, format);
            if markdown {
                let _ = writeln!(out, "> - {place}");
            } else {
                layout::paragraph(&mut out, &place, width, "- ", "  ");
            }
        }
    }
    if let Some(period) = summary.period {
        let period = local.period_text(&period.to_string());
        layout::paragraph(&mut out, &Phrase::Period.fill(language, &[&period]), width, "", "");
    }
    out.push('\n');
    if let Some(limit) = summary.per_project_omitted {
        let attendances =
            summary.attendances.map_or_else(|| Phrase::NoneStated.text(language).to_owned(), |t| local.total(t));
        let text = Phrase::PerProjectOmitted.fill(language, &[&crate::value::thousands(limit), &attendances]);
        layout::paragraph(&mut out, &text, width, "", "");
        out.push('\n');
    }
    sink(&out)?;
    // The tables are made and laid out on this thread and another at once
    // (at 1 000 projects they are about 2 MB of text, a tenth of the
    // report's work, and by then every other core is idle), and written
    // here in order.
    let parts: Vec<Part> = Part::all().collect();
    let lay_out = |n: usize, text: &mut String| {
        text.clear();
        if let Some(table) = parts[n].make(summary, local) {
            write_table(&table, text, format, explain, width, language);
        }
    };
    crate::pipeline::shared::made_in_order(parts.len(), &lay_out, String::len, MOST_WAITING, |text| sink(text))?;
    out.clear();
    heading(&mut out, Phrase::HowToRead.text(language), width, markdown);
    for line in LEGEND {
        layout::paragraph(&mut out, line.text(language), width, "- ", "  ");
    }
    sink(&out)
}

/// How much text the second thread that lays out tables lets wait to be
/// written before it begins no more: about twice a report of 1 000
/// projects, the most that has tables with a row per project unless the
/// aggregator keeps more.
const MOST_WAITING: usize = 4 << 20;

/// What the report's words and signs mean, at its end.
const LEGEND: [Phrase; 6] = [
    Phrase::LegendAttendances,
    Phrase::LegendExactness,
    Phrase::LegendRange,
    Phrase::LegendDash,
    Phrase::LegendOnce,
    Phrase::LegendExplain,
];

/// Writes `title` as a section's heading: in Markdown after `## `; in text
/// wrapped to `width` (a title may be longer than the narrowest width, as
/// a Finnish one is) and underlined with `=` as wide as its widest line.
fn heading(out: &mut String, title: &str, width: usize, markdown: bool) {
    if markdown {
        let _ = writeln!(out, "## {title}\n");
        return;
    }
    let start = out.len();
    layout::paragraph(out, title, width, "", "");
    let widest = out[start..].lines().map(|line| line.chars().count()).max().unwrap_or(0);
    out.push_str(&"=".repeat(widest));
    out.push('\n');
}

fn write_table(table: &Table, out: &mut String, format: Format, explain: bool, width: usize, language: Language) {
    let markdown = format == Format::Markdown;
    let title = |out: &mut String| heading(out, &table.title, width, markdown);
    if let Some(omitted) = &table.omitted {
        title(out);
        let limit = crate::value::thousands(omitted.limit);
        let projects = crate::value::thousands(omitted.projects);
        layout::paragraph(out, &Phrase::LeftOut.fill(language, &[&limit, &projects]), width, "", "");
        out.push('\n');
        return;
    }
    if table.rows.is_empty() {
        return;
    }
    title(out);
    // Cells are escaped only in Markdown or when one has a control
    // character; the others are laid out as they are, without a copy of
    // the table's rows.
    let escaped = markdown || has_control(table.rows.text());
    let escaped_rows = escaped.then(|| table.rows.map(|cell| escape(cell, format)));
    let rows = escaped_rows.as_ref().unwrap_or(&table.rows);
    if let Some(note) = &table.note {
        layout::paragraph(out, &escape(note, format), width, "", "");
        if markdown {
            out.push('\n');
        }
    }
    if markdown {
        let _ = writeln!(out, "| {} |", table.headers.join(" | "));
        let _ = writeln!(out, "|{}", " --- |".repeat(table.headers.len()));
        for row in 0..rows.len() {
            out.push('|');
            for cell in rows.cells_of(row) {
                out.push(' ');
                out.push_str(cell);
                out.push_str(" |");
            }
            out.push('\n');
        }
    } else {
        layout::table(out, &table.headers, rows, table.texts, width);
    }
    if explain && !table.derivations.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "{}", Phrase::HowMade.text(language));
        for (what, derivation) in &table.derivations {
            let line = format!("{}: {}", escape(what, format), escape(&derivation.rule_in(language), format));
            layout::paragraph(out, &line, width, "- ", "  ");
            for record in &derivation.records_in(language) {
                layout::paragraph(out, &escape(record, format), width, "    - ", "      ");
            }
            // Compact: what was left out, counted by reason (listed in JSON).
            let left_out = crate::aggregate::left_out_summary(&derivation.left_out, language);
            if !left_out.is_empty() {
                layout::paragraph(out, &escape(&left_out, format), width, "    - ", "      ");
            }
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_only_what_would_change_a_cell() {
        assert_eq!(escape("final_report", Format::Markdown), "final_report");
        assert_eq!(escape("_y_ a|b\n<i>&x__y", Format::Markdown), r"\_y\_ a\|b &lt;i&gt;&amp;x\_\_y");
        assert_eq!(escape("a|b\n\u{1b}[1m", Format::Text), r"a|b\n\u{1b}[1m");
    }

    #[test]
    fn the_tables_are_written_in_order_whichever_thread_laid_them_out_and_stop_at_a_failed_write() {
        let generator = crate::corpus::Generator::new(5);
        let mut aggregator = crate::aggregate::Aggregator::new().explain(true);
        (0..30).for_each(|index| aggregator.add_project(&generator.project(index)));
        let summary = aggregator.finish();
        for language in [Language::Fi, Language::En] {
            for (format, width) in [(Format::Text, DEFAULT_WIDTH), (Format::Text, 60), (Format::Markdown, usize::MAX)] {
                let options = Options { format, language, explain: true, width: Some(width) };
                // Each table made and laid out on this thread, in turn.
                let mut tables = Vec::new();
                tables::tables(&summary, Local(language), &mut |table| {
                    let mut text = String::new();
                    write_table(&table, &mut text, format, true, width, language);
                    tables.push(text);
                });
                assert!(tables.len() > 10 && tables.iter().any(|text| text.len() > 1000), "{}", tables.len());
                let mut parts = Vec::new();
                write_text(&summary, &options, &mut |part| {
                    parts.push(part.to_owned());
                    Ok(())
                })
                .unwrap();
                // The opening, a part for each possible table (empty for
                // one that says nothing), the legend.
                let written: Vec<&String> = parts[1..parts.len() - 1].iter().filter(|text| !text.is_empty()).collect();
                let expected: Vec<&String> = tables.iter().filter(|text| !text.is_empty()).collect();
                assert_eq!(written, expected, "{language:?} {format:?} {width}");
            }
        }
        // A failed write is returned, and nothing is written after it.
        for fail_at in [1, 2, 5] {
            let mut writes = 0;
            let failed = write_text(&summary, &Options::new(Format::Text), &mut |_| {
                writes += 1;
                if writes == fail_at { Err(std::io::Error::other("closed")) } else { Ok(()) }
            });
            assert_eq!((failed.map_err(|e| e.to_string()), writes), (Err("closed".to_owned()), fail_at));
        }
    }

    #[test]
    fn a_control_character_is_found_wherever_it_is_and_nothing_else_is() {
        // Every character up to U+0800 (one and two bytes), and some of three
        // and four, alone and between other text.
        let chars = (0..0x800).chain([0x2028, 0xfeff, 0x1f600]).filter_map(char::from_u32);
        for c in chars {
            // Also at the end of a first look of 64 bytes and past it.
            let (before, after) = ("a".repeat(63), "ö".repeat(70));
            for text in [c.to_string(), format!("Lumo {c} hanke"), format!("ä{c}"), format!("{before}{c}{after}")] {
                assert_eq!(has_control(&text), c.is_control(), "{:?}", text);
            }
        }
    }
}

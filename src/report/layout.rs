//! Plain text that fits a width: prose wrapped at spaces, and tables whose
//! text columns wrap inside their cells, or that become one block per row
//! when even that would not fit.

use std::fmt::Write as _;

use super::cells::Rows;

/// The narrowest a wrapped text column gets before a table turns into
/// blocks.
const NARROWEST_TEXT: usize = 12;

/// The longest word kept whole in a wrapped text column.
const LONGEST_UNBROKEN: usize = 32;

/// The most a text column's least width can be (what [`squeezed`] and its
/// shortcut for one text column both rely on): its longest word, kept
/// whole up to [`LONGEST_UNBROKEN`], or [`NARROWEST_TEXT`] if that is more.
const WIDEST_LEAST_TEXT: usize = if LONGEST_UNBROKEN > NARROWEST_TEXT { LONGEST_UNBROKEN } else { NARROWEST_TEXT };

fn width_of(text: &str) -> usize {
    text.chars().count()
}

/// Whether [`wrap`] would give `text` as it is, as its only line: it fits
/// and has no space to drop (leading, trailing or doubled). Most cells and
/// lines do, and are then written without a copy.
fn fits_as_is(text: &str, width: usize) -> bool {
    fits_unless_spaced(text) && (text.len() <= width.max(1) || width_of(text) <= width.max(1))
}

/// Whether `text` has no space for [`wrap`] to drop: leading, trailing or
/// doubled. Each byte is looked at in turn: cells and lines are short,
/// and setting up a search for the pattern `"  "` cost more than this.
fn fits_unless_spaced(text: &str) -> bool {
    !edge_spaced(text) && !text.as_bytes().windows(2).any(|pair| pair == b"  ")
}

/// Whether `text` begins or ends with a space.
fn edge_spaced(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ')
}

/// [`fits_as_is`] for a cell already measured (`text_width` characters)
/// of a table whose cells are known, all at once, to hold no doubled space
/// where `doubled` is false: then only the cell's ends are looked at.
fn cell_fits_as_is(text: &str, text_width: usize, width: usize, doubled: bool) -> bool {
    text_width <= width.max(1) && if doubled { fits_unless_spaced(text) } else { !edge_spaced(text) }
}

/// How many characters the longest of `text`'s words (between spaces) has,
/// as [`words`] counts them.
fn longest_word(text: &str) -> usize {
    words(text).map(|(_, characters)| characters).max().unwrap_or(0)
}

/// The words of `text` (between spaces, none empty), each with its width
/// in characters, in one look at each byte: the words of a cell are few
/// and short, and a search for each space, then a count of each word's
/// characters, cost more (wrapping took 1.4 times the instructions).
fn words(text: &str) -> impl Iterator<Item = (&str, usize)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while bytes.get(at) == Some(&b' ') {
            at += 1;
        }
        let start = at;
        let mut characters = 0;
        while let Some(&byte) = bytes.get(at).filter(|&&byte| byte != b' ') {
            characters += usize::from(byte & 0xc0 != 0x80);
            at += 1;
        }
        // A space is one byte, so the word's ends are characters' ends.
        (at > start).then(|| (text.get(start..at).unwrap_or_default(), characters))
    })
}

/// Wrapped lines in one buffer, used again from row to row: each line a
/// range of `text` with its width in characters, each cell a range of
/// `lines`.
#[derive(Debug, Default)]
struct Wrapped {
    text: String,
    lines: Vec<(usize, usize, usize)>,
    cells: Vec<(usize, usize)>,
}

impl Wrapped {
    fn clear(&mut self) {
        self.text.clear();
        self.lines.clear();
        self.cells.clear();
    }

    /// Adds `text`, `text_width` characters wide, as the next cell: as it is
    /// where it fits so ([`cell_fits_as_is`], `doubled` as there), else as
    /// [`Wrapped::cell`] wraps it.
    fn measured_cell(&mut self, text: &str, text_width: usize, width: usize, doubled: bool) {
        if !cell_fits_as_is(text, text_width, width, doubled) {
            return self.cell(text, width);
        }
        let (first, start) = (self.lines.len(), self.text.len());
        self.text.push_str(text);
        self.lines.push((start, self.text.len(), text_width));
        self.cells.push((first, self.lines.len()));
    }

    /// Adds `text` as the next cell, in lines of at most `width` characters,
    /// broken at spaces; a word longer than a line is split.
    fn cell(&mut self, text: &str, width: usize) {
        let width = width.max(1);
        let first = self.lines.len();
        let mut start = self.text.len();
        // The characters of the line being filled.
        let mut used = 0;
        for (mut word, mut characters) in words(text) {
            loop {
                if used + characters + usize::from(used > 0) <= width {
                    if used > 0 {
                        self.text.push(' ');
                        used += 1;
                    }
                    self.text.push_str(word);
                    used += characters;
                    break;
                }
                if used == 0 {
                    // A word longer than the line: as much as fits, then the rest.
                    let split = word.char_indices().nth(width).map_or(word.len(), |(i, _)| i);
                    self.text.push_str(&word[..split]);
                    word = &word[split..];
                    used = width.min(characters);
                    characters -= used;
                }
                self.lines.push((start, self.text.len(), used));
                start = self.text.len();
                used = 0;
                if word.is_empty() {
                    break;
                }
            }
        }
        if used > 0 || self.lines.len() == first {
            self.lines.push((start, self.text.len(), used));
        }
        self.cells.push((first, self.lines.len()));
    }

    /// Line `at` of cell `cell` and its width in characters; empty past
    /// its last.
    fn line(&self, cell: usize, at: usize) -> (&str, usize) {
        let Some(&(first, end)) = self.cells.get(cell) else { return ("", 0) };
        self.lines
            .get(first + at)
            .filter(|_| first + at < end)
            .map_or(("", 0), |&(a, b, width)| (&self.text[a..b], width))
    }

    /// How many lines the highest cell takes.
    fn height(&self) -> usize {
        self.cells.iter().map(|&(first, end)| end - first).max().unwrap_or(1)
    }
}

/// `text` in lines of at most `width` characters, broken at spaces; a word
/// longer than a line is split.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut wrapped = Wrapped::default();
    wrapped.cell(text, width);
    (0..wrapped.height()).map(|at| wrapped.line(0, at).0.to_owned()).collect()
}

/// Writes `text` wrapped to `width`, its first line after `first`, the rest
/// after `rest` (hanging indent).
pub(crate) fn paragraph(out: &mut String, text: &str, width: usize, first: &str, rest: &str) {
    let room = width.saturating_sub(width_of(first).max(width_of(rest))).max(NARROWEST_TEXT);
    if fits_as_is(text, room) {
        out.push_str(first);
        out.push_str(text);
        out.push('\n');
        return;
    }
    for (i, line) in wrap(text, room).iter().enumerate() {
        let _ = writeln!(out, "{}{line}", if i == 0 { first } else { rest });
    }
}

/// Writes a table with `headers` and `rows` in at most `width` characters a
/// line: its first `texts` columns are texts (left-aligned, wrapped at
/// spaces when the table is too wide), the others figures (right-aligned,
/// never wrapped).
pub(crate) fn table(out: &mut String, headers: &[&str], rows: &Rows, texts: usize, width: usize) {
    let texts = texts.max(1);
    let columns = headers.len();
    debug_assert_eq!(columns, rows.columns(), "a header for each column");
    let gaps = 2 * columns.saturating_sub(1);
    // The least each column can take, from its header alone (what
    // [`squeezed`] gives a column is never less): a table that cannot fit
    // even so becomes blocks without its cells measured.
    let least: usize = headers
        .iter()
        .enumerate()
        .map(|(i, header)| if i < texts { width_of(header).min(NARROWEST_TEXT) } else { longest_word(header) })
        .sum();
    // (Columns of no width at all still fit in no room.)
    if least > 0 && least + gaps > width {
        return blocks(out, headers, rows, width);
    }
    measured_table(out, headers, rows, texts, width);
}

/// [`table`] with every cell measured.
fn measured_table(out: &mut String, headers: &[&str], rows: &Rows, texts: usize, width: usize) {
    let columns = headers.len();
    let gaps = 2 * columns.saturating_sub(1);
    let (measured, natural) = measure(headers, rows);
    if natural.iter().sum::<usize>() + gaps <= width {
        return lines(out, headers, rows, &measured, &natural, texts);
    }
    let room = width.saturating_sub(gaps);
    let quick = if texts == 1 { one_text_column(headers, &measured, &natural, room) } else { None };
    match quick.or_else(|| squeezed(headers, rows, &measured, &natural, texts, room)) {
        Some(widths) => lines(out, headers, rows, &measured, &widths, texts),
        None => blocks(out, headers, rows, width),
    }
}

/// Each cell's width, counted once, and each column's natural width (its
/// widest cell or header).
fn measure(headers: &[&str], rows: &Rows) -> (Measured, Vec<usize>) {
    let columns = headers.len();
    // Row after row, `columns` a row.
    let mut widths = Vec::with_capacity(rows.len() * columns);
    widths.extend(rows.cells().map(width_of));
    let measured = Measured { columns, widths };
    let natural = (0..columns).map(|i| measured.column(i).max().unwrap_or(0).max(width_of(headers[i]))).collect();
    (measured, natural)
}

/// The widths of a table's cells, row after row.
struct Measured {
    columns: usize,
    widths: Vec<usize>,
}

impl Measured {
    /// The widths of row `row`'s cells.
    fn row(&self, row: usize) -> &[usize] {
        &self.widths[row * self.columns..(row + 1) * self.columns]
    }

    /// The widths of column `column`'s cells, top to bottom.
    fn column(&self, column: usize) -> impl Iterator<Item = usize> + '_ {
        self.widths.iter().skip(column).step_by(self.columns.max(1)).copied()
    }
}

/// [`squeezed`] for a table of one text column (most of a report's large
/// tables), without looking for its longest word, where the figures leave
/// that column its natural width or [`WIDEST_LEAST_TEXT`] characters,
/// whichever is less: its least width is never more, so it then takes what
/// the figures leave, up to its natural width, whatever its words. `None`
/// where that is not known without its words ([`squeezed`] then finds
/// whether and how the table fits). Looking through each of its
/// cells for the longest word was a tenth of laying out the tables of
/// 1 000 projects.
fn one_text_column(headers: &[&str], measured: &Measured, natural: &[usize], room: usize) -> Option<Vec<usize>> {
    let &text = natural.first()?;
    let figures: Vec<usize> = (1..headers.len()).map(|i| figure_width(headers, measured, i)).collect();
    let left = room.checked_sub(figures.iter().sum())?;
    (left >= text.min(WIDEST_LEAST_TEXT)).then(|| std::iter::once(text.min(left)).chain(figures).collect())
}

/// A figure column's width: its widest cell, or its header's longest word.
fn figure_width(headers: &[&str], measured: &Measured, column: usize) -> usize {
    measured.column(column).max().unwrap_or(0).max(longest_word(headers[column]))
}

/// Column widths that fit in `room`: a text column wraps at its spaces; a
/// figure does not, and a header wraps at its spaces. A text column is never
/// narrower than its longest word (up to [`LONGEST_UNBROKEN`]), so that ids
/// and words stay whole.
fn squeezed(
    headers: &[&str],
    rows: &Rows,
    measured: &Measured,
    natural: &[usize],
    texts: usize,
    room: usize,
) -> Option<Vec<usize>> {
    let columns = headers.len();
    let text: Vec<bool> = (0..columns).map(|i| i < texts).collect();
    // The least each column takes.
    let mut widths: Vec<usize> = (0..columns)
        .map(|i| {
            if text[i] {
                // A cell no wider than the longest word so far has none longer.
                let mut words = longest_word(headers[i]);
                for (r, cell) in measured.column(i).enumerate() {
                    if cell > words {
                        words = words.max(longest_word(rows.get(r, i)));
                    }
                }
                words.clamp(NARROWEST_TEXT.min(natural[i]), WIDEST_LEAST_TEXT).min(natural[i])
            } else {
                figure_width(headers, measured, i)
            }
        })
        .collect();
    let mut left = room.checked_sub(widths.iter().sum())?;
    // What is left goes to the text columns, narrowest first, each up to its
    // natural width or its share.
    let mut texts: Vec<usize> = (0..columns).filter(|&i| text[i]).collect();
    texts.sort_by_key(|&i| natural[i]);
    let count = texts.len();
    for (n, &i) in texts.iter().enumerate() {
        let extra = (natural[i] - widths[i]).min(left / (count - n));
        widths[i] += extra;
        left -= extra;
    }
    Some(widths)
}

fn lines(out: &mut String, headers: &[&str], rows: &Rows, measured: &Measured, widths: &[usize], texts: usize) {
    let mut wrapped = Wrapped::default();
    let header_widths: Vec<usize> = headers.iter().map(|h| width_of(h)).collect();
    row(out, headers, &header_widths, widths, texts, true, &mut wrapped);
    // One search of all the cells' text for a doubled space (a cell that
    // ends in a space before one that begins with one is found too), rather
    // than a look at each cell's every byte: most tables have none.
    let doubled = rows.text().contains("  ");
    // A row's cells, in a buffer used again from row to row.
    let mut cells: Vec<&str> = Vec::with_capacity(rows.columns());
    for at in 0..rows.len() {
        cells.clear();
        cells.extend(rows.cells_of(at));
        row(out, &cells, measured.row(at), widths, texts, doubled, &mut wrapped);
    }
}

/// One row of a table, its cells `measured` wide: one line when every cell
/// fits as it is, else as many as its most wrapped cell takes (wrapped in
/// `wrapped`). `doubled` is false where no cell has a doubled space.
fn row<C: AsRef<str>>(
    out: &mut String,
    cells: &[C],
    measured: &[usize],
    widths: &[usize],
    texts: usize,
    doubled: bool,
    wrapped: &mut Wrapped,
) {
    if cells
        .iter()
        .zip(measured)
        .zip(widths)
        .all(|((cell, &cell_width), &width)| cell_fits_as_is(cell.as_ref(), cell_width, width, doubled))
    {
        return line(out, widths, texts, |i| (cells[i].as_ref(), measured[i]));
    }
    wrapped.clear();
    for ((cell, &cell_width), &width) in cells.iter().zip(measured).zip(widths) {
        wrapped.measured_cell(cell.as_ref(), cell_width, width, doubled);
    }
    for at in 0..wrapped.height() {
        line(out, widths, texts, |i| wrapped.line(i, at));
    }
}

/// One line of a table, `part(i)` in column `i` with its width: texts
/// left-aligned, figures right-aligned, two spaces apart, without trailing
/// space.
fn line<'a>(out: &mut String, widths: &[usize], texts: usize, part: impl Fn(usize) -> (&'a str, usize)) {
    let start = out.len();
    // The gaps and padding before the next part are written with it, in
    // one go; those after the last part are not written at all (a wrapped
    // row's later lines have empty cells, once many spaces written and
    // trimmed again). The line then differs from one with every space
    // written only by spaces at its end, which it would lose to the trim.
    let mut owed = 0;
    for (i, &width) in widths.iter().enumerate() {
        let (part, part_width) = part(i);
        let pad = width.saturating_sub(part_width);
        if i > 0 {
            owed += 2;
        }
        if i >= texts {
            owed += pad;
        }
        if !part.is_empty() {
            spaces(out, owed);
            owed = 0;
            out.push_str(part);
        }
        if i < texts {
            owed += pad;
        }
    }
    trim_end_from(out, start);
    out.push('\n');
}

/// Trims the white space at the end of `out[start..]`, as `trim_end` does:
/// nothing where the line ends in an ASCII character other than white
/// space (most lines: [`line`] writes no padding after its last part),
/// else spaces a byte at a time, then any other white space char by char.
fn trim_end_from(out: &mut String, start: usize) {
    // Most lines end in a character that is no white space: an ASCII byte
    // above the space.
    if out.as_bytes()[start..].last().is_some_and(|&byte| byte > b' ' && byte.is_ascii()) {
        return;
    }
    let spaces = out.as_bytes()[start..].iter().rev().take_while(|&&byte| byte == b' ').count();
    let kept = out[start..out.len() - spaces].trim_end().len();
    out.truncate(start + kept);
}

fn spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let now = n.min(SPACES.len());
        out.push_str(&SPACES[..now]);
        n -= now;
    }
}

/// One block per row: its first cell as a line, then `header: value`.
fn blocks(out: &mut String, headers: &[&str], rows: &Rows, width: usize) {
    let mut line = String::new();
    for n in 0..rows.len() {
        if n > 0 {
            out.push('\n');
        }
        paragraph(out, rows.get(n, 0), width, "", "  ");
        for (header, cell) in headers.iter().zip(rows.cells_of(n)).skip(1) {
            line.clear();
            line.push_str(header);
            line.push_str(": ");
            line.push_str(cell);
            paragraph(out, &line, width, "  ", "      ");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lines_end_is_trimmed_as_trim_end_trims_it() {
        let ends = ["", " ", "    ", "a", "a  ", "a\u{a0}", "a\u{a0}  ", "b \u{3000} ", "\t ", "ä   ", "  x"];
        for before in ["", "kept ", "  "] {
            for end in ends {
                let mut out = format!("{before}|{end}");
                let start = before.len() + 1;
                trim_end_from(&mut out, start);
                assert_eq!(out, format!("{before}|{}", end.trim_end()), "{end:?}");
            }
        }
    }

    #[test]
    fn words_are_what_splitting_at_spaces_gives_with_their_characters() {
        for text in ["", " ", "a", "  ab  cd ", "äö åéü", "x\u{a0}y  z", "€ 1 500,50 €", "one"] {
            let split: Vec<(&str, usize)> =
                text.split(' ').filter(|w| !w.is_empty()).map(|w| (w, w.chars().count())).collect();
            assert_eq!(words(text).collect::<Vec<_>>(), split, "{text:?}");
        }
    }

    #[test]
    fn wrap_breaks_at_spaces_and_splits_long_words() {
        assert_eq!(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("", 5), [""]);
    }

    #[test]
    fn a_text_written_as_it_is_is_what_wrapping_gives() {
        let texts = ["", " ", "a", "ab cd", " ab", "ab ", "a  b", "äö åé", "äöåé", "12 345", "a b c d e f", "x\u{a0}y"];
        for text in texts {
            for width in 0..8 {
                assert_eq!(cell_fits_as_is(text, width_of(text), width, true), fits_as_is(text, width), "{text:?}");
                if !text.contains("  ") {
                    assert_eq!(
                        cell_fits_as_is(text, width_of(text), width, false),
                        fits_as_is(text, width),
                        "{text:?}"
                    );
                }
                if fits_as_is(text, width) {
                    assert_eq!(wrap(text, width), [text], "{text:?} at {width}");
                } else {
                    assert_ne!(wrap(text, width), [text], "{text:?} at {width}");
                }
            }
        }
    }

    #[test]
    fn words_and_spaces_are_found_as_their_plain_definitions_find_them() {
        let texts = [
            "",
            " ",
            "  ",
            "a",
            "ab cd",
            " ab",
            "ab ",
            "a  b",
            "äö åéü",
            "äöåé x",
            "12 345",
            "x\u{a0}y z",
            "€ 1 500,50 €",
        ];
        for text in texts {
            let plain = text.split(' ').map(|word| word.chars().count()).max().unwrap_or(0);
            assert_eq!(longest_word(text), plain, "{text:?}");
            let spaced = text.starts_with(' ') || text.ends_with(' ') || text.contains("  ");
            assert_eq!(fits_unless_spaced(text), !spaced, "{text:?}");
        }
    }

    #[test]
    fn a_table_turned_into_blocks_by_its_headers_is_what_measuring_its_cells_gives() {
        let mut rows = Rows::new(3);
        rows.push(["a project with a long name", "12", "about 4 667"]);
        rows.push(["", "", ""]);
        rows.push(["x", "1 234 567", ""]);
        // A table of nothing but empty cells takes no room at all.
        let mut empty = Rows::new(3);
        empty.push(["", "", ""]);
        let heads: [&[&str]; 4] =
            [&["project", "events", "attendances"], &["", "", ""], &["a b c d e f", "", "x"], &["", "events held", ""]];
        for (headers, rows) in heads.into_iter().flat_map(|headers| [(headers, &rows), (headers, &empty)]) {
            for texts in 1..=3 {
                for width in 0..60 {
                    let (mut quick, mut measured) = (String::new(), String::new());
                    table(&mut quick, headers, rows, texts, width);
                    measured_table(&mut measured, headers, rows, texts, width);
                    assert_eq!(quick, measured, "{headers:?}, {texts} texts, width {width}");
                }
            }
        }
    }

    #[test]
    fn a_table_of_one_text_column_is_squeezed_as_the_words_of_its_cells_squeeze_it() {
        // Longest words short, at and past the longest kept whole, or none;
        // natural widths under and over the narrowest text column.
        let long = "x".repeat(LONGEST_UNBROKEN + 5);
        let texts = [
            "",
            "ab",
            "p1: 1 Kokemusasiantuntijoiden osallisuus",
            long.as_str(),
            "ab cd ef gh ij kl mn op qr st uv",
            "äöå äöå äöå äöå",
        ];
        let figures = ["", "7", "1 234", "about 12 345"];
        let headers: [&[&str]; 3] = [&["group", "events", "attendances"], &["a long header", "n"], &["group"]];
        let (mut fitted, mut not, mut looked) = (0, 0, 0);
        for headers in headers {
            for first in 0..texts.len() {
                let mut rows = Rows::new(headers.len());
                for (n, text) in texts.iter().enumerate().skip(first) {
                    let figure = figures[n % figures.len()];
                    rows.push(std::iter::once(*text).chain(std::iter::repeat_n(figure, headers.len() - 1)));
                }
                let (measured, natural) = measure(headers, &rows);
                for room in 0..80 {
                    let full = squeezed(headers, &rows, &measured, &natural, 1, room);
                    not += usize::from(full.is_none());
                    match one_text_column(headers, &measured, &natural, room) {
                        Some(quick) => {
                            assert_eq!(Some(quick), full, "{headers:?}, rows from {first}, room {room}");
                            fitted += 1;
                        }
                        None => looked += 1,
                    }
                }
            }
        }
        // Rooms where the tables fit without their words, where they cannot
        // fit at all (left to the words), and where their words are looked at.
        assert!(fitted > 0 && not > 0 && looked > 0, "{fitted} fitted, {not} not, {looked} looked at");
    }

    #[test]
    fn a_wrapped_lines_width_is_its_characters_and_a_cell_that_fits_is_wrapped_as_it_is() {
        let texts = ["", "a", "ab cd", "a  b", " lead", "äöåé äö", "abcdefghij", "x y zzzzzzzzzzzz w", "1 500,50 €"];
        for text in texts {
            // `doubled` false only where the text has no doubled space, as
            // a table passes it.
            for (width, doubled) in (0..14).flat_map(|width| [(width, true), (width, text.contains("  "))]) {
                let (mut wrapped, mut measured) = (Wrapped::default(), Wrapped::default());
                wrapped.cell(text, width);
                measured.measured_cell(text, width_of(text), width, doubled);
                assert_eq!(wrapped.height(), measured.height(), "{text:?} at {width}");
                for at in 0..wrapped.height() {
                    let (line, line_width) = wrapped.line(0, at);
                    assert_eq!(line_width, width_of(line), "{text:?} at {width}");
                    assert_eq!(measured.line(0, at), (line, line_width), "{text:?} at {width}");
                }
            }
        }
    }

    #[test]
    fn a_row_of_wrapped_cells_takes_the_lines_of_its_highest_and_the_next_row_starts_afresh() {
        let mut out = String::new();
        let mut wrapped = Wrapped::default();
        let widths = [4, 5, 3];
        row(&mut out, &["a bb ccc", "dd ee ff", "7"], &[8, 8, 1], &widths, 2, true, &mut wrapped);
        row(&mut out, &["x", "yyyyyyy", "12"], &[1, 7, 2], &widths, 2, false, &mut wrapped);
        assert_eq!(out, "a bb  dd ee    7\nccc   ff\nx     yyyyy   12\n      yy\n");
    }

    #[test]
    fn a_cell_with_a_doubled_space_is_wrapped_whether_or_not_the_cells_beside_it_have_one() {
        let headers = ["project", "events"];
        // The doubled and the outer spaces are dropped as wrapping drops them.
        for (cells, [name, events]) in
            [(["a  b", "1"], ["a b", "1"]), (["a ", " b"], ["a", "b"]), (["a b", "1"], ["a b", "1"])]
        {
            let mut rows = Rows::new(2);
            rows.push(["plain", "22"]);
            rows.push(cells);
            let mut out = String::new();
            table(&mut out, &headers, &rows, 1, 40);
            assert_eq!(out, format!("project  events\nplain        22\n{name:<7}  {events:>6}\n"), "{cells:?}");
        }
    }

    #[test]
    fn tables_fit_by_wrapping_text_or_as_blocks() {
        let mut rows = Rows::new(3);
        rows.push(["a rather long name of a project", "12", "about 4 667"]);
        let mut out = String::new();
        table(&mut out, &["project", "events", "attendances"], &rows, 1, 36);
        assert!(out.lines().all(|l| l.chars().count() <= 36), "{out}");
        assert!(out.contains("4 667") && out.contains("events"), "{out}");
        let mut narrow = String::new();
        table(&mut narrow, &["project", "events", "attendances"], &rows, 1, 20);
        assert!(narrow.lines().all(|l| l.chars().count() <= 20), "{narrow}");
        assert!(narrow.contains("  events: 12"), "{narrow}");
    }
}

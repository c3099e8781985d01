//! Plain text that fits a width: prose wrapped at spaces, and tables whose
//! text columns wrap inside their cells, or that become one block per row
//! when even that would not fit.

use std::fmt::Write as _;

/// The narrowest a wrapped text column gets before a table turns into
/// blocks.
const NARROWEST_TEXT: usize = 12;

/// The longest word kept whole in a wrapped text column.
const LONGEST_UNBROKEN: usize = 32;

fn width_of(text: &str) -> usize {
    text.chars().count()
}

/// `text` in lines of at most `width` characters, broken at spaces; a word
/// longer than a line is split.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word = word;
        loop {
            let used = width_of(&line);
            let needed = width_of(word) + usize::from(used > 0);
            if used + needed <= width {
                if used > 0 {
                    line.push(' ');
                }
                line.push_str(word);
                break;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than the line: as much as fits, then the rest.
            let split = word.char_indices().nth(width).map_or(word.len(), |(i, _)| i);
            lines.push(word[..split].to_owned());
            word = &word[split..];
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Writes `text` wrapped to `width`, its first line after `first`, the rest
/// after `rest` (hanging indent).
pub(crate) fn paragraph(out: &mut String, text: &str, width: usize, first: &str, rest: &str) {
    let room = width.saturating_sub(width_of(first).max(width_of(rest))).max(NARROWEST_TEXT);
    for (i, line) in wrap(text, room).iter().enumerate() {
        let _ = writeln!(out, "{}{line}", if i == 0 { first } else { rest });
    }
}

/// Writes a table with `headers` and `rows` in at most `width` characters a
/// line: its first `texts` columns are texts (left-aligned, wrapped at
/// spaces when the table is too wide), the others figures (right-aligned,
/// never wrapped).
pub(crate) fn table(out: &mut String, headers: &[&str], rows: &[Vec<String>], texts: usize, width: usize) {
    let texts = texts.max(1);
    let columns = headers.len();
    let natural: Vec<usize> = (0..columns)
        .map(|i| rows.iter().map(|r| width_of(&r[i])).chain([width_of(headers[i])]).max().unwrap_or(0))
        .collect();
    let gaps = 2 * columns.saturating_sub(1);
    if natural.iter().sum::<usize>() + gaps <= width {
        return lines(out, headers, rows, &natural, texts);
    }
    match squeezed(headers, rows, &natural, texts, width.saturating_sub(gaps)) {
        Some(widths) => lines(out, headers, rows, &widths, texts),
        None => blocks(out, headers, rows, width),
    }
}

/// Column widths that fit in `room`: a text column wraps at its spaces; a
/// figure does not, and a header wraps at its spaces. A text column is never
/// narrower than its longest word (up to [`LONGEST_UNBROKEN`]), so that ids
/// and words stay whole.
fn squeezed(
    headers: &[&str],
    rows: &[Vec<String>],
    natural: &[usize],
    texts: usize,
    room: usize,
) -> Option<Vec<usize>> {
    let longest_word = |text: &str| text.split(' ').map(width_of).max().unwrap_or(0);
    let columns = headers.len();
    let text: Vec<bool> = (0..columns).map(|i| i < texts).collect();
    // The least each column takes.
    let mut widths: Vec<usize> = (0..columns)
        .map(|i| {
            let words = rows.iter().map(|r| longest_word(&r[i])).chain([longest_word(headers[i])]).max().unwrap_or(0);
            if text[i] {
                words.clamp(NARROWEST_TEXT.min(natural[i]), LONGEST_UNBROKEN.max(NARROWEST_TEXT)).min(natural[i])
            } else {
                let cells = rows.iter().map(|r| width_of(&r[i])).max().unwrap_or(0);
                cells.max(longest_word(headers[i]))
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

fn lines(out: &mut String, headers: &[&str], rows: &[Vec<String>], widths: &[usize], texts: usize) {
    let row = |out: &mut String, cells: &[&str]| {
        let wrapped: Vec<Vec<String>> = cells.iter().zip(widths).map(|(cell, &w)| wrap(cell, w)).collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            let mut text = String::new();
            for (i, (cell, &width)) in wrapped.iter().zip(widths).enumerate() {
                let part = cell.get(line).map_or("", String::as_str);
                let pad = " ".repeat(width.saturating_sub(width_of(part)));
                if i > 0 {
                    text.push_str("  ");
                }
                // Texts left-aligned, figures right-aligned.
                if i < texts {
                    let _ = write!(text, "{part}{pad}");
                } else {
                    let _ = write!(text, "{pad}{part}");
                }
            }
            let _ = writeln!(out, "{}", text.trim_end());
        }
    };
    row(out, headers);
    for cells in rows {
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        row(out, &cells);
    }
}

/// One block per row: its first cell as a line, then `header: value`.
fn blocks(out: &mut String, headers: &[&str], rows: &[Vec<String>], width: usize) {
    for (n, cells) in rows.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        paragraph(out, &cells[0], width, "", "  ");
        for (header, cell) in headers.iter().zip(cells).skip(1) {
            paragraph(out, &format!("{header}: {cell}"), width, "  ", "      ");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_splits_long_words() {
        assert_eq!(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("", 5), [""]);
    }

    #[test]
    fn tables_fit_by_wrapping_text_or_as_blocks() {
        let rows = vec![vec!["a rather long name of a project".to_owned(), "12".to_owned(), "about 4 667".to_owned()]];
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

//! The cells of a text table, kept in one buffer.

/// The rows of a text table: every cell's text in one buffer, `columns`
/// cells a row. A table of thousands of rows is then a few allocations, not
/// one a cell and one a row, and its cells lie together in memory as they
/// are measured and written.
///
/// Every row has exactly `columns` cells: [`Rows::push`] and [`Row`] fill a
/// short row with empty cells and leave out cells past the last column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rows {
    columns: usize,
    text: String,
    /// Where each cell ends in `text`, row after row.
    ends: Vec<usize>,
}

impl Rows {
    /// No rows yet, of `columns` cells each (at least one).
    pub(crate) fn new(columns: usize) -> Self {
        Rows { columns: columns.max(1), text: String::new(), ends: Vec::new() }
    }

    /// How many cells a row has.
    pub(crate) fn columns(&self) -> usize {
        self.columns
    }

    /// How many rows there are.
    pub(crate) fn len(&self) -> usize {
        self.ends.len() / self.columns
    }

    /// Whether there are no rows.
    pub(crate) fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Adds a row of `cells`.
    pub(crate) fn push<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        let mut row = self.row();
        for cell in cells {
            row.text(cell.as_ref());
        }
    }

    /// Starts a row, whose cells are then written into the buffer in turn.
    pub(crate) fn row(&mut self) -> Row<'_> {
        let first = self.ends.len();
        Row { rows: self, first }
    }

    /// Every cell's text, one after the other (for a look at them all at
    /// once: a character of this text is a character of one of the cells).
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The cell of row `row` in column `column` (empty past the end).
    pub(crate) fn get(&self, row: usize, column: usize) -> &str {
        if column >= self.columns {
            return "";
        }
        self.cell(row * self.columns + column)
    }

    /// The cells of row `row`, in order.
    pub(crate) fn cells_of(&self, row: usize) -> impl Iterator<Item = &str> + '_ {
        (0..self.columns).map(move |column| self.get(row, column))
    }

    /// Every cell, row after row.
    pub(crate) fn cells(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len()).map(|at| self.cell(at))
    }

    /// The same rows, each cell as `change` gives it.
    pub(crate) fn map<'a, S: AsRef<str>>(&'a self, mut change: impl FnMut(&'a str) -> S) -> Rows {
        let mut rows = Rows::new(self.columns);
        rows.text.reserve(self.text.len());
        rows.ends.reserve(self.ends.len());
        for cell in self.cells() {
            rows.text.push_str(change(cell).as_ref());
            rows.ends.push(rows.text.len());
        }
        rows
    }

    /// Cell `at`, counted row after row.
    fn cell(&self, at: usize) -> &str {
        let Some(&end) = self.ends.get(at) else { return "" };
        let start = at.checked_sub(1).map_or(0, |before| self.ends[before]);
        self.text.get(start..end).unwrap_or_default()
    }
}

/// A row being written: each cell is written straight into the table's
/// buffer. Dropped, the row is ended, with empty cells for any not written.
pub(crate) struct Row<'a> {
    rows: &'a mut Rows,
    /// The row's first cell.
    first: usize,
}

impl Row<'_> {
    /// Whether the row has all its cells.
    fn full(&self) -> bool {
        self.rows.ends.len() - self.first >= self.rows.columns
    }

    /// The next cell, `text`.
    pub(crate) fn text(&mut self, text: &str) -> &mut Self {
        self.with(|out| out.push_str(text))
    }

    /// The next cell, `n` in digits, as `{n}` writes it (without the
    /// formatting machinery: a large table has tens of thousands of them).
    pub(crate) fn integer(&mut self, n: u64) -> &mut Self {
        self.with(|out| crate::value::push_digits(out, n))
    }

    /// The next cell, as `write` appends it to the buffer it is given (which
    /// holds the cells before it: `write` only appends).
    pub(crate) fn with(&mut self, write: impl FnOnce(&mut String)) -> &mut Self {
        if !self.full() {
            let start = self.rows.text.len();
            write(&mut self.rows.text);
            debug_assert!(self.rows.text.len() >= start, "a cell is written by appending to the buffer");
            self.rows.ends.push(self.rows.text.len());
        }
        self
    }
}

impl Drop for Row<'_> {
    fn drop(&mut self) {
        while !self.full() {
            self.rows.ends.push(self.rows.text.len());
        }
    }
}

#[cfg(test)]
impl Rows {
    /// The rows as vectors of cells, to compare with expected rows.
    pub(crate) fn to_vecs(&self) -> Vec<Vec<String>> {
        (0..self.len()).map(|row| self.cells_of(row).map(str::to_owned).collect()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_cells_in_order_and_every_row_has_every_column() {
        let mut rows = Rows::new(3);
        assert!(rows.is_empty());
        rows.push(["Hanke 1", "", "1 055"]);
        rows.row().text("äö").integer(12).with(|out| out.push_str("noin 4 667"));
        // A short row gets empty cells; a long one loses what is past its last column.
        rows.push(["only"]);
        rows.push(["a", "b", "c", "d"]);
        rows.row();
        assert_eq!(rows.len(), 5);
        assert_eq!(
            rows.to_vecs(),
            [
                vec!["Hanke 1", "", "1 055"],
                vec!["äö", "12", "noin 4 667"],
                vec!["only", "", ""],
                vec!["a", "b", "c"],
                vec!["", "", ""],
            ]
        );
        assert_eq!(rows.get(1, 2), "noin 4 667");
        assert_eq!((rows.get(1, 3), rows.get(9, 0)), ("", ""));
        assert_eq!(rows.cells().count(), 15);
        assert_eq!(rows.map(str::to_uppercase).to_vecs()[1], ["ÄÖ", "12", "NOIN 4 667"]);
    }
}

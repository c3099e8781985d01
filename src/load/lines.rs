//! Reading a JSON Lines file a line at a time, holding no line longer
//! than needed.

use std::io::BufRead;
use std::sync::Arc;

use super::{LONG, Lines, LoadError, Loaded, Origin, Raw, too_large};

/// The next document of a JSON Lines file; a line longer than `limit` is
/// refused (read through, never held).
pub(super) fn next_line(lines: &mut Lines, limit: u64) -> Option<Raw> {
    // A long line of a regular file is read again from it when parsed; one
    // of a pipe cannot be, and is held up to the limit.
    let cap = if lines.regular { LONG.min(limit) } else { limit };
    let mut line = Vec::with_capacity(lines.last + lines.last / 4);
    while !lines.done {
        line.clear();
        let number = lines.next_line;
        let start = lines.offset;
        let read = match read_line(&mut lines.reader, &mut line, cap) {
            Ok(read) if read.len == 0 => return None,
            Ok(read) => read,
            Err(error) => {
                let origin = Origin { line: Some(number), ..lines.origin.clone() };
                // A failed read cannot be resumed; end the file here.
                lines.done = true;
                return Some(Raw::Done(Loaded::Failed(LoadError::Read { origin, source: Arc::new(error) })));
            }
        };
        lines.next_line += 1;
        lines.offset += read.len;
        if read.blank {
            continue;
        }
        lines.any = true;
        let origin = Origin { line: Some(number), ..lines.origin.clone() };
        if read.long && (!lines.regular || read.len > limit) {
            return Some(Raw::Done(too_large(origin, read.len, limit, true)));
        }
        if read.long {
            return Some(Raw::Long { origin, offset: start, len: read.len });
        }
        lines.last = line.len();
        return Some(Raw::Bytes(line, origin));
    }
    None
}

/// Appends to `line` the bytes up to and including the next end of line,
/// or to the end of the file, but no more than `limit` bytes; returns how
/// many. What `reader.take(limit).read_until(b'\n', line)` does, but the end
/// of line is found with the `memchr` crate's vectorised search: the
/// standard library's, a word at a time, was 2.8 % of `report`'s
/// instructions.
fn read_until_newline(reader: &mut impl BufRead, line: &mut Vec<u8>, limit: u64) -> std::io::Result<u64> {
    let mut read = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        let room = usize::try_from(limit - read).unwrap_or(usize::MAX);
        let available = &available[..available.len().min(room)];
        let (used, done) = match memchr::memchr(b'\n', available) {
            Some(at) => (at + 1, true),
            None => (available.len(), available.is_empty() || available.len() == room),
        };
        line.extend_from_slice(&available[..used]);
        reader.consume(used);
        read += used as u64;
        if done {
            return Ok(read);
        }
    }
}

/// One line as [`read_line`] read it.
struct LineRead {
    /// Bytes read, the end of line included; 0 at the end of the file.
    len: u64,
    /// Longer than the cap: not kept.
    long: bool,
    /// Only white space.
    blank: bool,
}

/// Reads one line into `line`, end of line included; a line longer than
/// `cap` is read to its end but not kept.
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>, cap: u64) -> std::io::Result<LineRead> {
    let len = read_until_newline(reader, line, cap.saturating_add(1))?;
    let blank = line.iter().all(u8::is_ascii_whitespace);
    if len <= cap || line.last() == Some(&b'\n') {
        return Ok(LineRead { len, long: false, blank });
    }
    *line = Vec::new();
    let mut read = LineRead { len, long: true, blank };
    if !read.blank {
        read.len += reader.skip_until(b'\n')? as u64;
        return Ok(read);
    }
    // White space so far: whether the rest is too decides whether the line
    // is blank (and skipped) or a document.
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            return Ok(read);
        }
        let (piece, ends) = match available.iter().position(|&b| b == b'\n') {
            Some(at) => (&available[..=at], true),
            None => (available, false),
        };
        read.blank = read.blank && piece.iter().all(u8::is_ascii_whitespace);
        let used = piece.len();
        read.len += used as u64;
        reader.consume(used);
        if ends {
            return Ok(read);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufReader, Read};

    use super::*;

    /// Lines across the reader's buffer, cut at every limit: the same bytes
    /// and counts as the standard library's `take` and `read_until`.
    #[test]
    fn lines_are_read_as_read_until_reads_them() {
        let text = b"{\"a\":1}\n\n   \nxyz\n0123456789abcdefghij\nno end of line";
        for capacity in [1, 3, 8, 64] {
            for limit in [1, 2, 5, 9, 20, 100] {
                let mut ours = BufReader::with_capacity(capacity, &text[..]);
                let mut theirs = BufReader::with_capacity(capacity, &text[..]);
                loop {
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    let read = read_until_newline(&mut ours, &mut a, limit).unwrap();
                    let expected = theirs.by_ref().take(limit).read_until(b'\n', &mut b).unwrap() as u64;
                    assert_eq!((read, &a), (expected, &b), "capacity {capacity}, limit {limit}");
                    if read == 0 {
                        break;
                    }
                }
            }
        }
    }
}

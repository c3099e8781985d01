//! Reading a JSON Lines file a line at a time, holding no line longer
//! than needed.

use std::io::{BufRead, Read};
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
    // The line up to the cap, found with `memchr` as `read_until` does.
    let len = reader.by_ref().take(cap.saturating_add(1)).read_until(b'\n', line)? as u64;
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

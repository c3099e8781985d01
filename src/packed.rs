//! Whole numbers and texts packed one after another in a `String`: how the
//! crate keeps something of every record or project when a struct each
//! would take several times the room (the record ids `validate` sorts, the
//! facts programme totals need of each project).
//!
//! A number is written in bytes of [`BITS`] bits, lowest first; the bit
//! above them says that another byte follows, and the top bit is never
//! set, so every byte is ASCII and the buffer stays UTF-8. A number below
//! 64 takes one byte, 1 000 two, a budget of a million euros in cents
//! five. A text is its length in bytes as such a number, then the text.
//! A value of a code list is one byte ([`code_byte`]).

/// The bits of a number in each byte.
pub(crate) const BITS: u32 = 6;

/// The bits of a number in a byte, as a mask.
const MASK: u8 = (1 << BITS) - 1;

/// The bit that says another byte follows.
const MORE: u8 = 1 << BITS;

/// The most bytes a number below 2^`bits` takes.
pub(crate) const fn bytes_for(bits: u32) -> usize {
    bits.div_ceil(BITS) as usize
}

/// Appends `value` to `buffer`, in bytes that [`read_number`] reads back.
pub(crate) fn push_number(buffer: &mut String, mut value: u64) {
    loop {
        // The low bits, below 64: the cast keeps them all.
        #[allow(clippy::cast_possible_truncation)]
        let low = (value & u64::from(MASK)) as u8;
        value >>= BITS;
        let more = if value == 0 { 0 } else { MORE };
        buffer.push(char::from(low | more));
        if value == 0 {
            break;
        }
    }
}

/// The number [`push_number`] wrote at `*at` in `bytes`, `*at` moved past
/// it. A number cut short by the end of `bytes` is read as far as it goes
/// (the crate reads only buffers it wrote, so that does not happen).
#[inline]
pub(crate) fn read_number(bytes: &[u8], at: &mut usize) -> u64 {
    let (mut value, mut shift) = (0u64, 0u32);
    while let Some(&byte) = bytes.get(*at) {
        *at += 1;
        value |= u64::from(byte & MASK).checked_shl(shift).unwrap_or(0);
        shift += BITS;
        if byte & MORE == 0 {
            break;
        }
    }
    value
}

/// Appends `text` to `buffer` after its length, for [`read_text`].
pub(crate) fn push_text(buffer: &mut String, text: &str) {
    push_number(buffer, text.len() as u64);
    buffer.push_str(text);
}

/// The text [`push_text`] wrote at `*at` in `buffer`, `*at` moved past it
/// (empty, and `*at` at the end, if `*at` is not where a text was written).
pub(crate) fn read_text<'b>(buffer: &'b str, at: &mut usize) -> &'b str {
    let len = read_number(buffer.as_bytes(), at);
    let text = usize::try_from(len).ok().and_then(|len| buffer.get(*at..at.checked_add(len)?));
    match text {
        Some(text) => {
            *at += text.len();
            text
        }
        None => {
            *at = buffer.len();
            ""
        }
    }
}

/// A value of a code list as a byte: 0 for none, else one more than its
/// place in `all` (0 too for a value not in `all`, or past the 255th).
pub(crate) fn code_byte<T: PartialEq>(value: Option<T>, all: &[T]) -> u8 {
    let at = value.and_then(|value| all.iter().position(|other| *other == value));
    at.and_then(|at| u8::try_from(at + 1).ok()).unwrap_or(0)
}

/// The value [`code_byte`] wrote; `Err` for a byte no value has.
pub(crate) fn from_code_byte<T: Copy>(byte: u8, all: &[T]) -> Result<Option<T>, ()> {
    match byte {
        0 => Ok(None),
        n => all.get(usize::from(n) - 1).copied().map(Some).ok_or(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_texts_come_back_as_written_in_ascii_bytes() {
        let numbers = [0, 1, 63, 64, 65, 999, 4095, 4096, 100_000_000, u64::from(u32::MAX), u64::MAX - 1, u64::MAX];
        let texts = ["", "p1", "lumo-wp-1", "äö – ü", &"x".repeat(64), &"y".repeat(5000)];
        let mut buffer = String::new();
        for (n, text) in numbers.iter().zip(texts.iter().cycle()) {
            push_number(&mut buffer, *n);
            push_text(&mut buffer, text);
        }
        // The bytes past ASCII are the texts' own, and no others.
        let non_ascii = |text: &str| text.bytes().filter(|b| !b.is_ascii()).count();
        let in_texts: usize = numbers.iter().zip(texts.iter().cycle()).map(|(_, t)| non_ascii(t)).sum();
        assert!(in_texts > 0);
        assert_eq!(non_ascii(&buffer), in_texts);
        let mut at = 0;
        for (n, text) in numbers.iter().zip(texts.iter().cycle()) {
            assert_eq!(read_number(buffer.as_bytes(), &mut at), *n);
            assert_eq!(read_text(&buffer, &mut at), *text);
        }
        assert_eq!(at, buffer.len());
    }

    #[test]
    fn a_number_takes_the_bytes_its_bits_need() {
        for bits in [1, 6, 7, 12, 13, 32, 64] {
            let largest = if bits == 64 { u64::MAX } else { (1 << bits) - 1 };
            let mut buffer = String::new();
            push_number(&mut buffer, largest);
            assert_eq!(buffer.len(), bytes_for(bits), "{bits} bits");
        }
        let mut one = String::new();
        push_number(&mut one, 63);
        assert_eq!(one.len(), 1);
    }

    #[test]
    fn a_code_byte_gives_back_its_value_and_a_byte_no_value_has_is_refused() {
        let all = ['a', 'b', 'c'];
        for value in [None, Some('a'), Some('b'), Some('c')] {
            assert_eq!(from_code_byte(code_byte(value, &all), &all), Ok(value));
        }
        assert_eq!(code_byte(Some('z'), &all), 0);
        assert_eq!(from_code_byte(4, &all), Err(()));
    }

    #[test]
    fn reading_past_what_was_written_gives_nothing_and_stays_at_the_end() {
        let mut buffer = String::new();
        push_text(&mut buffer, "abc");
        let mut at = buffer.len();
        assert_eq!(read_text(&buffer, &mut at), "");
        assert_eq!((read_number(buffer.as_bytes(), &mut at), at), (0, buffer.len()));
        // A length longer than what follows it.
        let mut cut = String::new();
        push_number(&mut cut, 10);
        cut.push_str("abc");
        let mut at = 0;
        assert_eq!((read_text(&cut, &mut at), at), ("", cut.len()));
    }
}

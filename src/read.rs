//! The `read` stage: finds input files and turns bytes into text. It owns
//! every file read of the pipeline and the decision of what counts as text
//! (UTF-8 with or without BOM, UTF-16 with BOM, GB18030); it does not look
//! at what the text says.

mod inputs;

pub use inputs::{inputs, is_hidden, Input, Inputs, Skipped};

/// What makes a text this stage reads from a report's PDF, named wherever
/// a PDF, or a text without table rows, is met.
pub const PDF_TO_TEXT: &str = "scripts/pdf2tsv.py in budgetlake's source";

/// Bounds that keep one hostile file from exhausting the machine.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest file read, in bytes.
    pub max_file_bytes: u64,
    /// Longest line accepted, in characters.
    pub max_line_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_file_bytes: 64 << 20, max_line_chars: 1 << 20 }
    }
}

/// Decoded text and the encoding it was in.
#[derive(Debug, Clone)]
pub struct Text {
    /// The whole file as text, BOM removed.
    pub text: String,
    /// `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be` or `gb18030`.
    pub encoding: &'static str,
    /// The bytes ended inside a character, which was dropped: the file was cut off.
    pub cut_off: bool,
}

/// Check name of the finding on a file that ends inside a character.
pub const CUT_OFF: &str = "cut_off";

/// Why a file could not be read as a report.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    /// The file has no bytes or only whitespace.
    #[error("the file is empty")]
    Empty,
    /// The file is larger than the configured limit.
    #[error("the file is {bytes} bytes, over the limit of {limit} bytes (raise --max-file-mb)")]
    TooLarge { bytes: u64, limit: u64 },
    /// The bytes are not text.
    #[error("the file is binary, not text ({reason})")]
    Binary { reason: String },
    /// Neither UTF-8 nor GB18030 decodes the file cleanly.
    #[error("the file is neither UTF-8 nor GB18030 text ({bad} undecodable bytes)")]
    Undecodable { bad: usize },
    /// A line is longer than the configured limit.
    #[error("line {line} has {chars} characters, over the limit of {limit}")]
    LineTooLong { line: usize, chars: usize, limit: usize },
    /// A folder that can be listed, given where one report is read.
    #[error("it is a folder, not a file: inspect reads one report's text, run reads folders")]
    Folder,
    /// The OS refused to read the file.
    #[error("cannot read the file: {0}")]
    Io(String),
}

/// The bytes of one input, refusing files over the size limit before reading them.
pub fn load(input: &Input, limits: &Limits) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(&input.path).map_err(|e| ReadError::Io(e.to_string()))?;
    if meta.is_dir() {
        // `run` gets here with a folder its walk could not list; `inspect`
        // with any folder it is given.
        return Err(match std::fs::read_dir(&input.path) {
            Err(e) => ReadError::Io(format!("a folder whose files could not be listed: {e}")),
            Ok(_) => ReadError::Folder,
        });
    }
    if meta.len() > limits.max_file_bytes {
        return Err(ReadError::TooLarge { bytes: meta.len(), limit: limits.max_file_bytes });
    }
    std::fs::read(&input.path).map_err(|e| ReadError::Io(e.to_string()))
}

/// Decodes a report's bytes, detecting the encoding.
pub fn decode(bytes: &[u8], limits: &Limits) -> Result<Text, ReadError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ReadError::TooLarge { bytes: bytes.len() as u64, limit: limits.max_file_bytes });
    }
    let text = decode_any(bytes)?;
    if text.text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    check_binary(&text.text)?;
    check_lines(&text.text, limits)?;
    Ok(text)
}

fn decode_any(bytes: &[u8]) -> Result<Text, ReadError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let name = match enc.name() {
            "UTF-8" => "utf-8-bom",
            "UTF-16LE" => "utf-16le",
            _ => "utf-16be",
        };
        return decode_with(enc, bytes.get(bom..).unwrap_or_default(), name);
    }
    if bytes.starts_with(b"%PDF-") {
        return Err(ReadError::Binary { reason: format!("a PDF, whose text {PDF_TO_TEXT} makes") });
    }
    if bytes.contains(&0) {
        return Err(ReadError::Binary { reason: "it contains NUL bytes".into() });
    }
    // Most files are whole UTF-8, which simdutf8 checks several times
    // faster than std (CJK text defeats std's ASCII fast path) and std
    // faster than a decoder copies it; a file cut inside a character takes
    // the decoder.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Text { text: text.to_owned(), encoding: "utf-8", cut_off: false });
    }
    decode_with(encoding_rs::UTF_8, bytes, "utf-8").or_else(|_| decode_with(encoding_rs::GB18030, bytes, "gb18030"))
}

/// Decodes every byte; an incomplete character at the very end (a file cut
/// off mid-character) is dropped and reported, so the text before the cut is
/// still read, while a bad byte anywhere else refuses the encoding.
fn decode_with(enc: &'static encoding_rs::Encoding, bytes: &[u8], name: &'static str) -> Result<Text, ReadError> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let capacity = decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let (_, _, had_errors) = decoder.decode_to_string(bytes, &mut text, false);
    if had_errors {
        return Err(ReadError::Undecodable { bad: count_replacements(&text) });
    }
    let mut tail = String::with_capacity(16);
    let (_, _, cut_off) = decoder.decode_to_string(&[], &mut tail, true);
    Ok(Text { text, encoding: name, cut_off })
}

fn count_replacements(s: &str) -> usize {
    s.chars().filter(|&c| c == '\u{FFFD}').count()
}

/// Control characters other than tab, newline, carriage return and form
/// feed are rare in text and common in binary data renamed `.txt`.
fn check_binary(s: &str) -> Result<(), ReadError> {
    let (total, control) = stray_controls(s);
    let total = total.max(1);
    if control * 100 > total {
        return Err(ReadError::Binary { reason: format!("{control} control characters in the first {total}") });
    }
    Ok(())
}

/// Chars among the first 65,536, and the stray control chars among them.
/// Counted on bytes, in blocks whose counts fit a byte, which the compiler
/// vectorizes: several times cheaper than a pass over chars. A char starts
/// at every byte that is no continuation byte, and a control char is one
/// byte (C0, DEL) or `C2 80..=9F` (C1).
fn stray_controls(s: &str) -> (usize, usize) {
    const FIRST: usize = 1 << 16;
    let chars = count(s.as_bytes(), |x, _| (x as i8) >= -0x40);
    let (head, total) = match (chars > FIRST).then(|| s.char_indices().nth(FIRST)).flatten() {
        Some((end, _)) => (&s.as_bytes()[..end], FIRST),
        None => (s.as_bytes(), chars),
    };
    let stray = |x: u8, next: u8| {
        let c0 = (x < 0x20) & (x != b'\t') & (x != b'\n') & (x != b'\r') & (x != 0x0C) | (x == 0x7F);
        c0 | (x == 0xC2) & (next.wrapping_sub(0x80) < 0x20)
    };
    (total, count(head, stray))
}

/// How many bytes of `b` pass `f`, which also sees the byte after (0 after the last).
fn count(b: &[u8], f: impl Fn(u8, u8) -> bool) -> usize {
    let Some((&last, _)) = b.split_last() else { return 0 };
    let pairs = b.chunks(255).zip(b[1..].chunks(255));
    let blocks: usize =
        pairs.map(|(x, y)| x.iter().zip(y).map(|(&x, &y)| u8::from(f(x, y))).sum::<u8>() as usize).sum();
    blocks + usize::from(f(last, 0))
}

fn check_lines(s: &str, limits: &Limits) -> Result<(), ReadError> {
    // A line has no more chars than bytes: a text within the limit is done.
    if s.len() <= limits.max_line_chars {
        return Ok(());
    }
    for (i, line) in s.lines().enumerate() {
        if line.len() > limits.max_line_chars {
            let chars = line.chars().count();
            if chars > limits.max_line_chars {
                return Err(ReadError::LineTooLong { line: i + 1, chars, limit: limits.max_line_chars });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(bytes: &[u8]) -> Result<&'static str, ReadError> {
        decode(bytes, &Limits::default()).map(|t| t.encoding)
    }

    #[test]
    fn encodings_detected() {
        let s = "收入决算表\t1.00\n";
        assert_eq!(enc(s.as_bytes()), Ok("utf-8"));
        let bom = [&[0xEF, 0xBB, 0xBF][..], s.as_bytes()].concat();
        assert_eq!(enc(&bom), Ok("utf-8-bom"));
        let (gb, _, _) = encoding_rs::GB18030.encode(s);
        assert_eq!(enc(&gb), Ok("gb18030"));
        let mut u16 = vec![0xFF, 0xFE];
        u16.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(enc(&u16), Ok("utf-16le"));
    }

    #[test]
    fn a_character_cut_off_at_the_end_is_dropped_and_reported() {
        let s = "收入决算表\t1.00\n合计";
        let cut = |b: &[u8]| decode(&b[..b.len() - 1], &Limits::default()).map(|t| (t.text, t.encoding, t.cut_off));
        assert_eq!(cut(s.as_bytes()), Ok(("收入决算表\t1.00\n合".to_string(), "utf-8", true)));
        let (gb, _, _) = encoding_rs::GB18030.encode(s);
        assert_eq!(cut(&gb), Ok(("收入决算表\t1.00\n合".to_string(), "gb18030", true)));
        let whole = decode(s.as_bytes(), &Limits::default()).map(|t| t.cut_off);
        assert_eq!(whole, Ok(false));
    }

    proptest::proptest! {
        /// The byte count is the char definition: Cc chars but tab, newline, return and form feed.
        #[test]
        fn control_chars_are_counted_as_on_chars(chars in proptest::collection::vec(
            proptest::prop_oneof![proptest::char::range('\0', '\u{A1}'), proptest::char::any()], 0..2000)) {
            let s: String = chars.into_iter().collect();
            let first = s.chars().take(1 << 16);
            let stray = first.clone().filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')).count();
            proptest::prop_assert_eq!(stray_controls(&s), (first.count(), stray));
        }
    }

    #[test]
    fn only_the_first_65536_chars_are_asked() {
        let s = format!("{}{}", "一".repeat(1 << 16), "\u{1}".repeat(10));
        assert_eq!(stray_controls(&s), (1 << 16, 0));
    }

    #[test]
    fn gb18030_text_survives() {
        let s = "一般公共预算财政拨款基本支出决算明细表";
        let (gb, _, _) = encoding_rs::GB18030.encode(s);
        assert_eq!(decode(&gb, &Limits::default()).map(|t| t.text), Ok(s.to_string()));
    }

    #[test]
    fn bad_input_refused() {
        assert_eq!(enc(b""), Err(ReadError::Empty));
        assert_eq!(enc(b"  \n\n"), Err(ReadError::Empty));
        assert!(matches!(enc(b"\x00\x01\x02abc"), Err(ReadError::Binary { .. })));
        let pdf = "the file is binary, not text (a PDF, whose text scripts/pdf2tsv.py in budgetlake's source makes)";
        assert_eq!(enc(b"%PDF-1.7\n%\xE2\xE3").map_err(|e| e.to_string()), Err(pdf.to_string()));
        assert!(matches!(enc(b"\x01\x02\x03\x04\x05abc"), Err(ReadError::Binary { .. })));
        assert!(matches!(enc(&[0xFF, 0x80, 0xFF, 0x30, 0x81]), Err(ReadError::Undecodable { .. })));
        let limits = Limits { max_file_bytes: 10, max_line_chars: 4 };
        assert!(matches!(decode(b"abcdefghijkl", &limits), Err(ReadError::TooLarge { .. })));
        let limits = Limits { max_file_bytes: 100, max_line_chars: 4 };
        assert_eq!(
            decode(b"ab\nabcdef\n", &limits).map(|t| t.encoding),
            Err(ReadError::LineTooLong { line: 2, chars: 6, limit: 4 })
        );
    }
}

//! Step 1 of a text import: the file's bytes → text, and which encoding that took.
//!
//! In order: an encoding the user names (`--encoding`) wins; else a byte-order mark
//! (UTF-8, UTF-16 LE/BE: Excel's "CSV UTF-8" and "Unicode text"); else valid UTF-8 is
//! UTF-8, and text that is UTF-8 but for a few bad bytes is an error at the first; else
//! `chardetng` guesses (GBK/GB18030 is what Excel on Chinese Windows writes as
//! "CSV") and `encoding_rs` decodes. Bytes the chosen encoding cannot decode are an error,
//! never replaced silently. This step is the only one that sees bytes.

use std::borrow::Cow;

use encoding_rs::Encoding;
use rayon::prelude::*;

/// How many bytes the encoding detector sees.
const DETECT_SAMPLE: usize = 64 * 1024;

/// Text decoded from a file, with the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Decoded<'a> {
    /// The text, without a byte-order mark.
    pub text: Cow<'a, str>,
    /// The encoding's name as users know it: `UTF-8`, `UTF-8 (BOM)`, `GBK`, `UTF-16LE`…
    pub encoding: String,
}

/// The bytes are not text in the encoding that was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Undecodable {
    /// The encoding tried.
    pub encoding: String,
    /// Byte offset, from the start of the file, of the first byte it cannot decode.
    pub offset: usize,
}

/// The encoding called `label` (WHATWG labels: `utf-8`, `gbk`, `gb18030`, `utf-16le`,
/// `big5`, `shift_jis`…), if there is one.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decodes a file's bytes, with `forced` if given, else detected (see the module doc).
pub(super) fn decode<'a>(
    bytes: &'a [u8],
    forced: Option<&'static Encoding>,
) -> Result<Decoded<'a>, Undecodable> {
    if let Some(encoding) = forced {
        let (body, skipped, bom) = match Encoding::for_bom(bytes) {
            Some((e, len)) if e == encoding => (&bytes[len..], len, true),
            _ => (bytes, 0, false),
        };
        return decode_as(body, encoding, skipped, bom);
    }
    if let Some((encoding, len)) = Encoding::for_bom(bytes) {
        return decode_as(&bytes[len..], encoding, len, true);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: "UTF-8".into(),
        });
    }
    if let Some(offset) = damaged_utf8(bytes) {
        return Err(Undecodable {
            encoding: "UTF-8".into(),
            offset,
        });
    }
    // The first 64 KiB are plenty to tell GBK from Big5 or Shift_JIS, and the detector is
    // far slower than decoding; the whole file is then decoded strictly, so a wrong guess
    // is an error, never garbage.
    let sample = &bytes[..bytes.len().min(DETECT_SAMPLE)];
    let detect = || {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(sample, sample.len() == bytes.len());
        detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny)
    };
    // `cn`: Merit's files come from mainland offices. A short file gives the detector
    // little to go on; if it guessed a single-byte encoding but the bytes are valid GBK,
    // GBK is far the likelier (any bytes are "valid" windows-1252 or -1251).
    // GBK is also what a Chinese Excel writes: a large file is decoded as GBK while the
    // detector looks at it, and that text kept when the detector agrees.
    let gbk = encoding_rs::GBK;
    let (guess, early) = if bytes.len() >= PARALLEL_DECODE_FROM {
        let (guess, as_gbk) = rayon::join(detect, || decode_body(bytes, gbk));
        (guess, Some(as_gbk))
    } else {
        (detect(), None)
    };
    if guess == gbk || guess.is_single_byte() {
        // A file that reads as GBK is taken for GBK over a single-byte guess.
        if let Some(text) = early.unwrap_or_else(|| decode_body(bytes, gbk)) {
            let mut read = decoded(text, gbk, false);
            if four_byte_gb18030(sample) {
                read.encoding = display_name(encoding_rs::GB18030);
            }
            return Ok(read);
        }
    }
    decode_as(bytes, guess, 0, false)
}

/// Where UTF-8 text goes wrong, when `bytes` are UTF-8 with a few bad bytes (a file cut
/// in the middle of a character, a byte changed): at least 20 well-formed characters
/// beyond ASCII for each bad sequence. Such text decoded as GBK would read without an
/// error but as garbage (寮犱笁 for 张三), so it is UTF-8 with an error, not GBK. Text in
/// other encodings has far more bad sequences than that (in GBK, most characters are
/// one), and is given up on after a few.
fn damaged_utf8(bytes: &[u8]) -> Option<usize> {
    let (mut wide, mut bad, mut first_bad, mut at) = (0usize, 0usize, None, 0);
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        wide += valid.chars().filter(|c| !c.is_ascii()).count();
        at += valid.len();
        if !chunk.invalid().is_empty() {
            first_bad.get_or_insert(at);
            bad += 1;
            at += chunk.invalid().len();
            if bad >= 8 && bad * 20 > wide {
                return None;
            }
        }
    }
    first_bad.filter(|_| bad * 20 <= wide)
}

/// Whether GBK-decodable `bytes` hold a four-byte GB18030 sequence (lead, digit, lead,
/// digit: no two-byte GBK character has a digit second): the file is GB18030, and the
/// report says so (encoding_rs decodes both alike). A lone 0x80 is GBK's `€`.
fn four_byte_gb18030(bytes: &[u8]) -> bool {
    let lead = |b: u8| (0x81..=0xFE).contains(&b);
    let digit = |b: u8| b.is_ascii_digit();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at..] {
            [a, b, c, d, ..] if lead(a) && digit(b) && lead(c) && digit(d) => return true,
            [a, ..] if lead(a) => at += 2,
            _ => at += 1,
        }
    }
    false
}

/// From this many bytes on, text in an encoding that allows it is decoded in pieces on
/// several cores.
const PARALLEL_DECODE_FROM: usize = 1 << 20;

/// `body` decoded from `encoding` without replacement: `None` when a byte sequence is
/// malformed. GBK and GB18030 text from [`PARALLEL_DECODE_FROM`] bytes on is cut after
/// line feeds (a LF byte is never part of a character there, and the decoder starts
/// afresh after one) and the pieces decoded on several cores.
fn decode_body<'a>(body: &'a [u8], encoding: &'static Encoding) -> Option<Cow<'a, str>> {
    let cuttable = encoding == encoding_rs::GBK || encoding == encoding_rs::GB18030;
    if !cuttable || body.len() < PARALLEL_DECODE_FROM {
        return encoding.decode_without_bom_handling_and_without_replacement(body);
    }
    let count = 4 * rayon::current_num_threads().max(1);
    let mut pieces = Vec::with_capacity(count);
    let mut from = 0;
    for i in 1..=count {
        let guess = (body.len() / count * i).max(from);
        let to = if i == count {
            body.len()
        } else {
            memchr::memchr(b'\n', &body[guess..]).map_or(body.len(), |p| guess + p + 1)
        };
        pieces.push(&body[from..to]);
        from = to;
    }
    let decoded: Option<Vec<Cow<'_, str>>> = pieces
        .par_iter()
        .map(|piece| encoding.decode_without_bom_handling_and_without_replacement(piece))
        .collect();
    let decoded = decoded?;
    let mut text = String::with_capacity(decoded.iter().map(|d| d.len()).sum());
    for piece in &decoded {
        text.push_str(piece);
    }
    Some(Cow::Owned(text))
}

/// Decodes `body` (the file after `skipped` bytes of byte-order mark) as `encoding`.
fn decode_as<'a>(
    body: &'a [u8],
    encoding: &'static Encoding,
    skipped: usize,
    bom: bool,
) -> Result<Decoded<'a>, Undecodable> {
    let Some(text) = decode_body(body, encoding) else {
        return Err(Undecodable {
            offset: skipped + first_bad_byte(body, encoding),
            encoding: display_name(encoding),
        });
    };
    Ok(decoded(text, encoding, bom))
}

/// `text` decoded from `encoding` (after a byte-order mark when `bom`), a leading U+FEFF
/// dropped.
fn decoded<'a>(text: Cow<'a, str>, encoding: &'static Encoding, bom: bool) -> Decoded<'a> {
    let name = display_name(encoding);
    let encoding = if bom { format!("{name} (BOM)") } else { name };
    let text = match text {
        Cow::Owned(mut s) if s.starts_with('\u{feff}') => {
            s.remove(0);
            Cow::Owned(s)
        }
        Cow::Borrowed(s) => Cow::Borrowed(s.strip_prefix('\u{feff}').unwrap_or(s)),
        owned => owned,
    };
    Decoded { text, encoding }
}

/// The WHATWG name (`GBK` decodes all of GB18030 in encoding_rs), GB18030 upper-cased
/// as users write it.
fn display_name(encoding: &'static Encoding) -> String {
    if encoding == encoding_rs::GB18030 {
        return "GB18030".into();
    }
    encoding.name().to_string()
}

/// The offset in `body` of the first byte `encoding` cannot decode.
fn first_bad_byte(body: &[u8], encoding: &'static Encoding) -> usize {
    if encoding == encoding_rs::UTF_8 {
        return std::str::from_utf8(body)
            .err()
            .map_or(0, |e| e.valid_up_to());
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(body.len()).unwrap_or(0));
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, later) => {
            read.saturating_sub(usize::from(bad) + usize::from(later))
        }
        _ => read,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(bytes: &[u8]) -> (String, String) {
        let d = decode(bytes, None).unwrap();
        (d.text.into_owned(), d.encoding)
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            detect(b"\xEF\xBB\xBFid,name\r\n"),
            ("id,name\r\n".into(), "UTF-8 (BOM)".into())
        );
        assert_eq!(
            detect("编号,姓名\n".as_bytes()),
            ("编号,姓名\n".into(), "UTF-8".into())
        );
    }

    #[test]
    fn utf8_with_a_bad_byte_is_an_error_there_not_gbk_garbage() {
        let mut text = String::from("id,name,department,exam\n");
        for i in 0..50 {
            text.push_str(&format!("{i:04},张三{i},人事处综合科,80\n"));
        }
        // Cut in the middle of the last 科, and one byte changed in the middle.
        let bytes = text.as_bytes();
        let cut = &bytes[..bytes.len() - 5];
        let error = decode(cut, None).unwrap_err();
        assert_eq!(
            (error.encoding.as_str(), error.offset),
            ("UTF-8", cut.len() - 2)
        );
        let mut changed = bytes.to_vec();
        let middle = text.find("张三25").unwrap() + 1;
        changed[middle] = b'?';
        let error = decode(&changed, None).unwrap_err();
        assert_eq!(
            (error.encoding.as_str(), error.offset),
            ("UTF-8", middle - 1)
        );
    }

    proptest::proptest! {
        /// GBK text is never taken for damaged UTF-8: Chinese names and departments in
        /// GBK, among ASCII ids and numbers.
        #[test]
        fn gbk_text_is_not_damaged_utf8(
            names in proptest::collection::vec("[\u{4E00}-\u{9FA5}]{2,12}", 1..60),
        ) {
            let text: String = names
                .iter()
                .enumerate()
                .map(|(i, name)| format!("{i:08},{name},85.5\r\n"))
                .collect();
            let (bytes, _, _) = encoding_rs::GBK.encode(&text);
            if std::str::from_utf8(&bytes).is_err() {
                proptest::prop_assert_eq!(damaged_utf8(&bytes), None);
            }
        }
    }

    #[test]
    fn gb18030_four_byte_characters_name_the_file_gb18030() {
        // 㐀 (U+3400) and € are four-byte or GB18030-only sequences; 张 is two bytes.
        let text = "编号,姓名\r\n0001,张㐀\r\n0002,李四\r\n";
        let (bytes, _, bad) = encoding_rs::GB18030.encode(text);
        assert!(!bad);
        assert_eq!(detect(&bytes), (text.into(), "GB18030".into()));
        let (two_byte, _, _) = encoding_rs::GBK.encode("编号,姓名\r\n0001,张三\r\n");
        assert_eq!(detect(&two_byte).1, "GBK");
        // GBK's one-byte € (0x80) before a digit is no four-byte sequence.
        let mut euro = two_byte.to_vec();
        euro.extend_from_slice(b"0002,\x80\x35\x30\r\n");
        assert!(!four_byte_gb18030(&euro));
    }

    #[test]
    fn gbk_is_detected_and_decoded() {
        let text = "准考证号,姓名,笔试成绩\r\n20260001,张三,85.5\r\n20260002,李四,缺考\r\n";
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(detect(&bytes), (text.into(), "GBK".into()));
    }

    /// Over a megabyte of GBK (lines of every length, so that the cuts fall anywhere) is
    /// decoded in pieces exactly as whole, detected or named; a bad byte near the end is
    /// still found where it is.
    #[test]
    fn a_large_gbk_file_decodes_in_pieces_as_it_does_whole() {
        let mut text = String::from("准考证号,姓名,笔试成绩（百分制）\r\n");
        let mut i = 0;
        while text.len() < 3 * PARALLEL_DECODE_FROM / 2 {
            let name = "欧阳张王李赵钱孙"
                .chars()
                .cycle()
                .skip(i % 8)
                .take(1 + i % 5);
            text.push_str(&format!(
                "{i:08},{},{}.5\r\n",
                name.collect::<String>(),
                i % 100
            ));
            i += 1;
        }
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
        assert!(!unmappable && bytes.len() >= PARALLEL_DECODE_FROM);
        assert_eq!(detect(&bytes), (text.clone(), "GBK".into()));
        let forced = decode(&bytes, encoding_for_label("gb18030")).unwrap();
        assert_eq!(forced.text, text);
        let mut bad = bytes.to_vec();
        let at = bad.len() - 1000 + memchr::memchr(b'\n', &bad[bad.len() - 1000..]).unwrap() + 1;
        bad.insert(at, 0xFF);
        let error = decode(&bad, None).unwrap_err();
        assert_eq!((error.encoding.as_str(), error.offset), ("GBK", at));
    }

    #[test]
    fn a_short_gbk_file_is_not_taken_for_cyrillic() {
        // Found by the export round-trip property test: chardetng alone says windows-1251.
        let text = "id,name\r\n0,\"李\"\"王\"\"张\"\r\n";
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(detect(&bytes), (text.into(), "GBK".into()));
    }

    #[test]
    fn utf16_with_bom_both_ways() {
        let text = "编号\t姓名\r\n1\t张三\r\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(detect(&le), (text.into(), "UTF-16LE (BOM)".into()));
        assert_eq!(detect(&be), (text.into(), "UTF-16BE (BOM)".into()));
    }

    #[test]
    fn a_forced_encoding_wins_and_reports_the_first_bad_byte() {
        let (bytes, _, _) = encoding_rs::GBK.encode("编号,姓名\n");
        let forced = encoding_for_label("gb18030");
        let d = decode(&bytes, forced).unwrap();
        assert_eq!(
            (d.text.as_ref(), d.encoding.as_str()),
            ("编号,姓名\n", "GB18030")
        );
        // "id," then a GBK-encoded 姓 (0xD0 0xD5), after a BOM: offset counts the BOM.
        let err = decode(b"\xEF\xBB\xBFid,\xD0\xD5", encoding_for_label("utf-8")).unwrap_err();
        assert_eq!(
            err,
            Undecodable {
                encoding: "UTF-8".into(),
                offset: 6
            }
        );
        assert_eq!(
            decode(b"ab\xFF", Some(encoding_rs::UTF_8))
                .unwrap_err()
                .offset,
            2
        );
        assert!(encoding_for_label("no-such").is_none());
    }
}

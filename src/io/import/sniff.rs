//! Tells a file that is not text at all (an image, a PDF, an archive, a program) from a
//! CSV file, before any decoding, so that the user hears "it looks like a PNG image"
//! rather than a complaint about the text encoding at some byte. Looks at bytes only;
//! never decodes, never reads a file.

use std::path::Path;

use super::{ImportError, ImportOptions};

/// An error when `bytes` are not text at all (an image, a PDF…), said before decoding
/// could blame the encoding; for a file named as a workbook, that it is not one.
pub(super) fn refuse_non_text(
    bytes: &[u8],
    options: &ImportOptions,
    source: &Path,
) -> Result<(), ImportError> {
    let Some(reason) = not_text(bytes, options.encoding.is_some()) else {
        return Ok(());
    };
    let ext = source.extension().and_then(|e| e.to_str()).unwrap_or("");
    let path = source.to_path_buf();
    if ["xlsx", "xlsm", "xls", "ods"]
        .iter()
        .any(|w| ext.eq_ignore_ascii_case(w))
    {
        let reason = format!("not a workbook: {reason}");
        return Err(ImportError::Spreadsheet { reason, path });
    }
    Err(ImportError::Malformed { reason, path })
}

/// Signatures of files people pick by mistake, with what to call them.
const SIGNATURES: [(&[u8], &str); 12] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an XLSX/DOCX document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "an old Office document (XLS/DOC)",
    ),
    (b"\x1F\x8B", "a gzip archive"),
    (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
    (b"Rar!\x1A\x07", "a RAR archive"),
    (b"\x7FELF", "a program (ELF)"),
];

/// How many bytes from the start are looked at for NUL bytes.
const SAMPLE: usize = 1024;

/// Why `bytes` are not delimited text, in words (`it looks like a PNG image`), or `None`
/// when they may be text. `named_encoding`: the user named the encoding, so NUL bytes
/// may be meant (UTF-16 without a byte-order mark); a known signature still counts.
pub(super) fn not_text(bytes: &[u8], named_encoding: bool) -> Option<String> {
    if let Some((_, what)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Some(format!("it looks like {what}, not text"));
    }
    let has_bom = [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"]
        .iter()
        .any(|bom| bytes.starts_with(bom));
    if named_encoding || has_bom {
        return None;
    }
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let nuls: Vec<usize> = (0..sample.len()).filter(|&i| sample[i] == 0).collect();
    if nuls.is_empty() {
        return None;
    }
    // UTF-16 without a byte-order mark: every other byte of ASCII text is a NUL.
    if nuls.len() >= 4 && nuls.len() * 16 >= sample.len() {
        let odd = nuls.iter().filter(|&&i| i % 2 == 1).count();
        let label = if odd * 10 >= nuls.len() * 9 {
            Some("utf-16le")
        } else if (nuls.len() - odd) * 10 >= nuls.len() * 9 {
            Some("utf-16be")
        } else {
            None
        };
        if let Some(label) = label {
            return Some(format!(
                "it looks like {} text without a byte-order mark; name the encoding with --encoding {label}",
                label.to_ascii_uppercase()
            ));
        }
    }
    // A stray NUL in otherwise valid UTF-8 text is left to the later steps.
    let valid = match std::str::from_utf8(sample) {
        Ok(_) => true,
        // Cut in the middle of a character at the end of the sample.
        Err(e) => e.error_len().is_none(),
    };
    if valid {
        return None;
    }
    Some("it holds binary data (NUL bytes), not text".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_documents_and_archives_are_named() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(
            not_text(png, false).as_deref(),
            Some("it looks like a PNG image, not text")
        );
        assert_eq!(
            not_text(png, true).as_deref(),
            Some("it looks like a PNG image, not text")
        );
        assert_eq!(
            not_text(b"%PDF-1.7\n%\xE2\xE3", false).as_deref(),
            Some("it looks like a PDF document, not text")
        );
        assert!(
            not_text(b"PK\x03\x04\x14\0", false)
                .unwrap()
                .contains("ZIP")
        );
    }

    #[test]
    fn binary_data_is_told_from_text_with_a_stray_nul() {
        let mut random: Vec<u8> = (0..600u32).map(|i| (i * 7919 % 251) as u8).collect();
        random[3] = 0;
        random[4] = 0xFF;
        assert_eq!(
            not_text(&random, false).as_deref(),
            Some("it holds binary data (NUL bytes), not text")
        );
        assert_eq!(not_text("考号,姓名\n1,甲\0\n".as_bytes(), false), None);
        assert_eq!(not_text("考号,姓名\n1,甲\n".as_bytes(), false), None);
        // A byte-order mark or a named encoding: NULs may be meant.
        assert_eq!(not_text(b"\xFF\xFEa\0,\0b\0", false), None);
        assert_eq!(not_text(b"a\0,\0b\0\xFF\xFE", true), None);
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_named() {
        let le: Vec<u8> = "id,name\r\n1,Li\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let reason = not_text(&le, false).unwrap();
        assert!(
            reason.contains("UTF-16LE") && reason.ends_with("--encoding utf-16le"),
            "{reason}"
        );
        let be: Vec<u8> = "id,name\r\n1,Li\r\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert!(
            not_text(&be, false)
                .unwrap()
                .ends_with("--encoding utf-16be")
        );
    }
}

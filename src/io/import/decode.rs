//! Step 1 of an import: the file's bytes → text.
//!
//! Today only UTF-8 (with or without a byte-order mark) is accepted. Other encodings
//! (GBK/GB18030 from older Excel) belong here later: this step is the only one that sees
//! bytes, so swapping it changes nothing downstream.

use std::borrow::Cow;

/// The UTF-8 byte-order mark Excel writes at the start of "CSV UTF-8" files.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The bytes are not UTF-8 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NotUtf8 {
    /// Byte offset, from the start of the file, of the first byte that is not UTF-8.
    pub offset: usize,
}

/// Decodes a file's bytes to text, dropping a leading byte-order mark.
pub(super) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, NotUtf8> {
    let (skipped, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM.len(), rest),
        None => (0, bytes),
    };
    std::str::from_utf8(body)
        .map(Cow::Borrowed)
        .map_err(|e| NotUtf8 {
            offset: skipped + e.valid_up_to(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_the_bom_and_keeps_the_rest() {
        assert_eq!(decode(b"\xEF\xBB\xBFid,name\r\n").unwrap(), "id,name\r\n");
        assert_eq!(decode("编号,姓名\n".as_bytes()).unwrap(), "编号,姓名\n");
    }

    #[test]
    fn reports_the_offset_of_the_first_bad_byte_in_the_file() {
        // "id," then a GBK-encoded 姓 (0xD0 0xD5), after a BOM: offset counts the BOM.
        assert_eq!(
            decode(b"\xEF\xBB\xBFid,\xD0\xD5"),
            Err(NotUtf8 { offset: 6 })
        );
        assert_eq!(decode(b"ab\xFF"), Err(NotUtf8 { offset: 2 }));
    }
}

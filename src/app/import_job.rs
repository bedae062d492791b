//! The import wizard's work off the UI thread: reading the file with progress and cancel,
//! detecting its settings, previewing rows, renaming headers to the mapping the user chose,
//! and planning the import with [`crate::io::import::plan_import`]. No egui here.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;

use crate::io::import::{ImportKind, ImportPlan, plan_import};
use crate::model::Project;

/// What a background job sends back.
pub enum Done {
    /// The file's bytes, or why it could not be read.
    Loaded(Result<Vec<u8>, String>),
    /// The plan, or why the file cannot be imported at all.
    Planned(Result<Box<ImportPlan>, String>),
}

/// A running background job.
pub struct Job {
    rx: mpsc::Receiver<Done>,
    cancel: Arc<AtomicBool>,
    /// Bytes read so far.
    pub progress: Arc<AtomicU64>,
    /// Bytes in all (0 when unknown).
    pub total: u64,
}

impl Job {
    /// Asks the job to stop; its result will be dropped.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The result, once the job is done.
    pub fn poll(&self) -> Option<Done> {
        self.rx.try_recv().ok()
    }

    /// Fraction done, 0..1.
    pub fn fraction(&self) -> f32 {
        if self.total == 0 {
            0.0
        } else {
            self.progress.load(Ordering::Relaxed) as f32 / self.total as f32
        }
    }
}

/// Reads `path` on a background thread, in chunks, so it can report progress and stop.
pub fn load(path: PathBuf) -> Job {
    let (tx, rx) = mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let progress = Arc::new(AtomicU64::new(0));
    let total = std::fs::metadata(&path).map_or(0, |m| m.len());
    let (c, p) = (cancel.clone(), progress.clone());
    std::thread::spawn(move || {
        let result = read_chunks(&path, &c, &p);
        // The wizard may be gone (cancelled): nobody to tell then.
        let _ = tx.send(Done::Loaded(result));
    });
    Job {
        rx,
        cancel,
        progress,
        total,
    }
}

fn read_chunks(path: &Path, cancel: &AtomicBool, progress: &AtomicU64) -> Result<Vec<u8>, String> {
    let mut file = std::fs::File::open(path).map_err(|e| format!("{e}: {}", path.display()))?;
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err("cancelled".into());
        }
        let n = file
            .read(&mut chunk)
            .map_err(|e| format!("{e}: {}", path.display()))?;
        if n == 0 {
            return Ok(bytes);
        }
        bytes.extend_from_slice(&chunk[..n]);
        progress.fetch_add(n as u64, Ordering::Relaxed);
    }
}

/// Plans the import on a background thread (the project is a snapshot).
pub fn plan(project: Project, bytes: Arc<Vec<u8>>, kind: ImportKind, source: PathBuf) -> Job {
    let (tx, rx) = mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let progress = Arc::new(AtomicU64::new(0));
    std::thread::spawn(move || {
        let result = plan_import(&project, &bytes, kind, &source)
            .map(Box::new)
            .map_err(|e| e.to_string());
        let _ = tx.send(Done::Planned(result));
    });
    Job {
        rx,
        cancel,
        progress,
        total: 0,
    }
}

/// The settings detected in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    /// `UTF-8`, `UTF-8 with BOM`, or what it is not.
    pub encoding: String,
    /// The field delimiter.
    pub delimiter: u8,
    /// Whether this build can read it (UTF-8 CSV with commas).
    pub supported: bool,
}

/// Detects the encoding and delimiter of a CSV file's bytes.
pub fn detect(bytes: &[u8]) -> Detected {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let utf8 = match std::str::from_utf8(head) {
        Ok(_) => true,
        // A cut in the middle of a character at the end of the sample is fine.
        Err(e) => e.error_len().is_none(),
    };
    let first_line = head.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|d| (first_line.iter().filter(|b| *b == d).count(), *d == b','))
        .unwrap_or(b',');
    let encoding = match (utf8, bom) {
        (true, true) => "UTF-8 (BOM)",
        (true, false) => "UTF-8",
        (false, _) => "not UTF-8 (e.g. GBK)",
    };
    Detected {
        encoding: encoding.into(),
        delimiter,
        supported: utf8 && delimiter == b',',
    }
}

/// The header and the first `n` rows, for the preview.
pub fn preview(bytes: &[u8], n: usize) -> (Vec<String>, Vec<Vec<String>>) {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = reader
        .records()
        .take(n + 1)
        .filter_map(Result::ok)
        .map(|r| r.iter().map(str::to_string).collect::<Vec<_>>());
    let header = rows.next().unwrap_or_default();
    (header, rows.collect())
}

/// The bytes with the header row replaced by `headers` (the mapping the user chose); the
/// data rows are untouched.
pub fn with_headers(bytes: &[u8], headers: &[String]) -> Vec<u8> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut record = csv::ByteRecord::new();
    let rest = match reader.read_byte_record(&mut record) {
        Ok(true) => {
            let at = (reader.position().byte() as usize).min(body.len());
            // The reader stops inside the line ending; the new header brings its own.
            at + body[at..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count()
        }
        _ => body.len(),
    };
    let mut out = Vec::with_capacity(body.len() + 64);
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(headers);
        let _ = writer.flush();
    }
    out.extend_from_slice(&body[rest.min(body.len())..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_utf8_and_delimiters() {
        let d = detect("\u{feff}编号,姓名\n1,张\n".as_bytes());
        assert_eq!(
            (d.encoding.as_str(), d.delimiter, d.supported),
            ("UTF-8 (BOM)", b',', true)
        );
        let d = detect(b"id;name\n1;a\n");
        assert_eq!((d.delimiter, d.supported), (b';', false));
        let d = detect(b"id,\xB1\xE0\xBA\xC5\n");
        assert!(!d.supported);
    }

    #[test]
    fn headers_are_replaced_and_rows_kept() {
        let bytes = "\u{feff}成绩A,姓名\r\n\"1,5\",张三\r\n2,李四\r\n".as_bytes();
        let out = with_headers(bytes, &["exam".into(), "name".into()]);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "exam,name\r\n\"1,5\",张三\r\n2,李四\r\n"
        );
        let (header, rows) = preview(bytes, 1);
        assert_eq!(header, ["成绩A", "姓名"]);
        assert_eq!(rows, [vec!["1,5".to_string(), "张三".to_string()]]);
    }
}

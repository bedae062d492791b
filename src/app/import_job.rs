//! The import wizard's work off the UI thread: reading the file with progress and cancel,
//! detecting its settings, previewing rows, renaming headers to the mapping the user chose,
//! and planning the import with [`crate::io::import::plan_import_with`] (any encoding,
//! delimiter or workbook the import reads). No egui here.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;

use crate::io::import::{
    FileFormat, ImportKind, ImportOptions, ImportPlan, plan_import_with, sheet_names,
};
use crate::model::Project;

/// What a background job sends back.
pub enum Done {
    /// The file's bytes and, for a workbook, its sheets; or why it could not be read.
    Loaded(Result<(Vec<u8>, Vec<String>), String>),
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
        // The sheets are listed here, off the UI thread: opening a large workbook takes time,
        // and the list is needed even when the first sheet cannot be planned.
        let result = read_chunks(&path, &c, &p).map(|bytes| {
            let sheets = match FileFormat::detect(&bytes, &path) {
                FileFormat::Csv => Vec::new(),
                _ => sheet_names(&bytes),
            };
            (bytes, sheets)
        });
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
pub fn plan(
    project: Project,
    bytes: Arc<Vec<u8>>,
    kind: ImportKind,
    source: PathBuf,
    options: ImportOptions,
) -> Job {
    let (tx, rx) = mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let progress = Arc::new(AtomicU64::new(0));
    std::thread::spawn(move || {
        let result = plan_import_with(&project, &bytes, kind, &source, &options)
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

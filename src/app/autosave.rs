//! Autosave: while there are unsaved changes, the project is written to a recovery file
//! every minute (atomically, like any save); the next start offers to restore it. A clean
//! save or a discard removes it. It never touches the user's own project file.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::io::project_file;

use super::doc::Document;
use super::files::document_at;

/// How often unsaved changes are written to the recovery file.
pub const INTERVAL: Duration = Duration::from_secs(60);

const FILE: &str = "recovery.ron";
const ORIGIN: &str = "recovery.path";

/// A recovery file left by a session that did not save.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovery {
    /// The recovery file.
    pub file: PathBuf,
    /// The project file it was a copy of, if it had one.
    pub origin: Option<PathBuf>,
}

/// The autosave timer and where recovery files go.
#[derive(Debug)]
pub struct Autosave {
    dir: Option<PathBuf>,
    last: Instant,
}

impl Autosave {
    /// Autosaves into `dir`; `None` disables autosave (tests).
    pub fn new(dir: Option<PathBuf>) -> Self {
        Autosave {
            dir,
            last: Instant::now(),
        }
    }

    /// The recovery file of an earlier session, if one is there.
    pub fn pending_recovery(&self) -> Option<Recovery> {
        let dir = self.dir.as_ref()?;
        let file = dir.join(FILE);
        if !file.exists() {
            return None;
        }
        let origin = std::fs::read_to_string(dir.join(ORIGIN))
            .ok()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .map(PathBuf::from);
        Some(Recovery { file, origin })
    }

    /// Writes the recovery file when the interval has passed with unsaved changes; an
    /// error message when that failed.
    pub fn tick(&mut self, doc: &Document) -> Option<String> {
        if !doc.dirty || self.last.elapsed() < INTERVAL {
            return None;
        }
        self.last = Instant::now();
        let dir = self.dir.as_ref()?;
        write(dir, doc).err()
    }

    /// Removes the recovery file (after a save, or when the user declines it).
    pub fn discard(&mut self) {
        if let Some(dir) = &self.dir {
            // Absent files are fine: there was nothing to recover.
            let _ = std::fs::remove_file(dir.join(FILE));
            let _ = std::fs::remove_file(dir.join(ORIGIN));
        }
    }
}

fn write(dir: &Path, doc: &Document) -> Result<(), String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("autosave failed ({e}): {}", dir.display()))?;
    project_file::save(&doc.project, &dir.join(FILE))
        .map_err(|e| format!("autosave failed: {e}"))?;
    let origin = doc
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    std::fs::write(dir.join(ORIGIN), origin)
        .map_err(|e| format!("autosave failed ({e}): {}", dir.display()))
}

/// The recovered project as an unsaved document (saving goes to its original file).
pub fn restore(recovery: &Recovery) -> Result<Document, String> {
    let project = project_file::load(&recovery.file).map_err(|e| e.to_string())?;
    let mut doc = match &recovery.origin {
        Some(origin) => document_at(project, origin.clone()),
        None => Document::new(project, None, "recovered.ron".into()),
    };
    doc.dirty = true;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_file_round_trips_and_is_discarded() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = super::super::sample_document();
        doc.project.title = "恢复测试".into();
        doc.dirty = true;
        write(dir.path(), &doc).unwrap();
        let mut autosave = Autosave::new(Some(dir.path().to_path_buf()));
        let recovery = autosave.pending_recovery().unwrap();
        assert_eq!(recovery.origin, None);
        let back = restore(&recovery).unwrap();
        assert_eq!(back.project, doc.project);
        assert!(back.dirty);
        autosave.discard();
        assert_eq!(autosave.pending_recovery(), None);
    }
}

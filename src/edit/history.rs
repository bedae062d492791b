//! Undo and redo: two stacks of inverse actions. Undoing applies an inverse (which is
//! audited like any change) and keeps the inverse of that for redo.

use crate::model::Project;

use super::{Action, Applied, EditError, Meta, apply};

/// The undo and redo stacks of one open project.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<(String, Action)>,
    redo: Vec<(String, Action)>,
}

impl History {
    /// Applies `action` (labelled `label` in the Undo menu) and remembers how to undo it;
    /// a new change forgets what could be redone.
    pub fn apply(
        &mut self,
        project: &mut Project,
        action: Action,
        label: String,
        meta: &Meta,
    ) -> Result<Applied, EditError> {
        let applied = apply(project, action, meta)?;
        self.undo.push((label, applied.inverse.clone()));
        self.redo.clear();
        Ok(applied)
    }

    /// Undoes the last change; `None` when there is nothing to undo.
    pub fn undo(
        &mut self,
        project: &mut Project,
        meta: &Meta,
    ) -> Option<Result<String, EditError>> {
        let (label, action) = self.undo.pop()?;
        Some(match apply(project, action.clone(), meta) {
            Ok(applied) => {
                self.redo.push((label.clone(), applied.inverse));
                Ok(label)
            }
            Err(e) => {
                self.undo.push((label, action));
                Err(e)
            }
        })
    }

    /// Redoes the last undone change; `None` when there is nothing to redo.
    pub fn redo(
        &mut self,
        project: &mut Project,
        meta: &Meta,
    ) -> Option<Result<String, EditError>> {
        let (label, action) = self.redo.pop()?;
        Some(match apply(project, action.clone(), meta) {
            Ok(applied) => {
                self.undo.push((label.clone(), applied.inverse));
                Ok(label)
            }
            Err(e) => {
                self.redo.push((label, action));
                Err(e)
            }
        })
    }

    /// The label of the change Undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|(l, _)| l.as_str())
    }

    /// The label of the change Redo would repeat.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|(l, _)| l.as_str())
    }

    /// Forgets everything (a new project was opened).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

//! Files: the project file, imports and exports. No egui here.

pub mod export;
pub mod import;
pub mod project_file;
pub mod ranking;
pub mod ranking_csv;
pub mod scheme_file;
pub mod score_sheets;

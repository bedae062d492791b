//! Files: the project file, imports and exports. No egui here.

pub mod import;
pub mod project_file;
pub mod ranking;
pub mod scheme_file;

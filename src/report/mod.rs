//! Publishing results (公示): the results list per post (CSV), the publication period in
//! working days, and the printable, self-contained HTML report with its charts as SVG.
//!
//! Only what a notice may show: names, departments, totals and outcomes. Rater identities
//! and id numbers never appear. No egui, no file access: callers write the bytes.

pub mod html;
pub mod publish;
pub mod results;
pub mod workdays;
pub mod xlsx;

//! Merit: staff evaluation and competitive selection (竞争上岗, 公开选拔).
//!
//! The core — [`model`], [`scoring`], [`io`] — is plain Rust with no user interface: the
//! desktop app ([`app`]) and the command line ([`cli`]) are thin shells over it.

pub mod app;
pub mod charts;
pub mod cli;
pub mod edit;
pub mod io;
pub mod model;
pub mod report;
pub mod scoring;

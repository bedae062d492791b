//! The one test harness every UI test goes through: the app on the bundled sample, with
//! a CJK system font available (kittest panics on missing glyphs) and autosave off.

use std::sync::Arc;

use egui_kittest::Harness;

use crate::scoring::describe::Lang;

use super::{MeritApp, Prefs, sample_document};

/// The app on the sample round in `lang`, after its first frames.
pub fn harness(lang: Lang) -> Harness<'static, MeritApp> {
    harness_on(lang, sample_document())
}

/// The app on `document` in `lang`, after its first frames.
pub fn harness_on(lang: Lang, document: super::Document) -> Harness<'static, MeritApp> {
    let prefs = Prefs {
        lang,
        dark: false,
        recent: Vec::new(),
        operator: "测试员".into(),
    };
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_max_steps(50)
        .with_context_setup(|ctx| {
            ctx.add_font_provider(Arc::new(
                egui_system_font_provider::SystemFontProvider::new(),
            ));
        })
        .build_eframe(move |_cc| MeritApp::with_document(prefs, document, None));
    harness.run_steps(3);
    harness
}

/// Steps until the import wizard's background work is done (bounded).
pub fn wait_for_import(harness: &mut Harness<'static, MeritApp>) {
    for _ in 0..500 {
        harness.step();
        if !harness.state().import_busy() {
            harness.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the import did not finish");
}

/// The ids of the ranked people of the first post, in rank order.
pub fn ranked_ids(app: &MeritApp) -> Vec<String> {
    let post = &app.doc.evaluation().posts[0];
    post.rows
        .iter()
        .filter(|r| r.rank.is_some())
        .map(|r| app.doc.project.people[r.person].id.clone())
        .collect()
}

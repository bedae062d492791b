//! `cargo bench --bench people_table`: one frame of the app on the People panel with
//! 100,000 people (a virtualized table: only the visible rows are laid out), measured as
//! egui's pass plus tessellation, the CPU work of a frame before the GPU. Scrolled
//! frames are measured too. Target: under 8 ms in release. `100k/apply_score` is what one
//! typed score costs at that size (the change, then re-preparing and re-ranking).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;
use merit::app::{Document, MeritApp, Prefs, Tab};
use merit::model::Value;
use merit::scoring::describe::Lang;

mod common;
use common::project;

fn input(scroll: f32) -> egui::RawInput {
    let mut input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1400.0, 900.0),
        )),
        ..Default::default()
    };
    if scroll != 0.0 {
        input
            .events
            .push(egui::Event::PointerMoved(egui::pos2(300.0, 400.0)));
        input.events.push(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, scroll),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        });
    }
    input
}

fn bench(c: &mut Criterion) {
    let prefs = Prefs {
        lang: Lang::Zh,
        dark: false,
        recent: Vec::new(),
        operator: String::new(),
    };
    let doc = Document::new(project(100_000), None, "bench.ron".into());
    let mut app = MeritApp::with_document(prefs, doc, None);
    app.panels.tab = Tab::People;
    let ctx = egui::Context::default();
    // The Chinese names are drawn with a system CJK font, as in the app.
    ctx.add_font_provider(std::sync::Arc::new(
        egui_system_font_provider::SystemFontProvider::new(),
    ));
    // Warm up: fonts, the cached order of the table.
    let mut frame = |scroll: f32| {
        let mut output = ctx.run_ui(input(scroll), |ui| app.frame_ui(ui));
        // No GPU here: the font atlas updates have nowhere to go.
        output.textures_delta.clear();
        black_box(ctx.tessellate(output.shapes, output.pixels_per_point))
    };
    for _ in 0..3 {
        frame(0.0);
    }
    c.bench_function("people_table/100k/frame", |b| b.iter(|| frame(0.0)));
    c.bench_function("people_table/100k/scrolling", |b| b.iter(|| frame(-120.0)));

    // One typed score at 100k: apply (validate, audit, inverse), then re-prepare and re-rank.
    let mut doc = Document::new(project(100_000), None, "bench.ron".into());
    let meta = merit::edit::Meta::default();
    let mut step = 0u32;
    let mut group = c.benchmark_group("people_table");
    group.sample_size(10);
    group.bench_function("100k/apply_score", |b| {
        b.iter(|| {
            step += 1;
            let action = merit::edit::Action::SetScore {
                person: "C0000007".into(),
                criterion: "exam".into(),
                value: Some(Value::Number(f64::from(50 + step % 40))),
            };
            black_box(doc.apply(action, String::new(), &meta))
        });
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // No plots: criterion's plot fonts clash with the plotters features Merit needs.
    config = Criterion::default().without_plots();
    targets = bench
}
criterion_main!(benches);

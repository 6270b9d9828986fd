//! Lays a chart out as its exported figure, without drawing it: a private
//! egui context runs the figure (title, subtitle, plot, footer: the same
//! code as the screen) with no pointer, hence no tooltip, crosshair or menu,
//! and returns egui's shapes before tessellation. The PNG painter turns them
//! into pixels; SVG and PDF turn the very same shapes into vector elements,
//! so the three formats cannot disagree and vector exports need no GPU.

use crate::chart::Chart;
use crate::data::model::Dataset;
use crate::figure::{Theme, figure_ui, setup_context};
use crate::i18n::Lang;

/// Logical width of every exported chart, in points.
pub const FIGURE_WIDTH: f32 = 960.0;
/// Space around the figure, in points.
const MARGIN: f32 = 24.0;
/// Tall enough for any figure; the second pass uses the measured height.
const MEASURE_HEIGHT: f32 = 4000.0;

/// A figure laid out at a pixel density: what egui would paint.
pub struct LaidOut {
    /// egui's shapes in points, each with its clip rectangle.
    pub shapes: Vec<egui::epaint::ClippedShape>,
    /// Font atlas changes the painter must upload before painting.
    pub textures: egui::TexturesDelta,
    /// The figure's size in points.
    pub size: egui::Vec2,
    /// Pixels per point the text was snapped to.
    pub scale: f32,
    /// The page colour behind the figure.
    pub background: egui::Color32,
}

/// The context exports lay figures out in, kept between exports: building
/// the Chinese font's atlas is most of a fresh context's cost.
pub struct FigureLayout {
    ctx: egui::Context,
}

impl Default for FigureLayout {
    fn default() -> Self {
        Self::new()
    }
}

impl FigureLayout {
    pub fn new() -> Self {
        let ctx = egui::Context::default();
        setup_context(&ctx);
        Self { ctx }
    }

    /// The context, for tessellating the shapes it laid out.
    pub fn ctx(&self) -> &egui::Context {
        &self.ctx
    }

    /// Lays `chart` out as its exported figure, text snapped to `scale` pixels per point.
    pub fn lay_out(&self, chart: &Chart, dataset: &Dataset, lang: Lang, theme: Theme, scale: f32) -> LaidOut {
        let ctx = &self.ctx;
        ctx.set_theme(theme.egui());
        let draw = |ui: &mut egui::Ui| {
            // No fill: the page is cleared to the panel colour, and a
            // software rasteriser would spend half its time painting it twice.
            let frame = egui::Frame::NONE.inner_margin(MARGIN);
            frame.show(ui, |ui| {
                ui.set_width(FIGURE_WIDTH - 2.0 * MARGIN);
                figure_ui(ui, chart, dataset, lang, None);
            })
        };
        // The height is measured at 1× so that every scale gets the same
        // logical size (text snaps to pixels a little differently per scale);
        // the last pass lays out at the target scale. Every pass's texture
        // changes (the font atlas) are kept for the painter.
        let mut height = MEASURE_HEIGHT;
        let mut textures = egui::TexturesDelta::default();
        for _ in 0..3 {
            let mut used = 0.0;
            let mut full = ctx.run_ui(raw_input(height, 1.0), |ui| used = draw(ui).response.rect.height());
            textures.append(std::mem::take(&mut full.textures_delta));
            let measured = used.ceil().max(1.0);
            let settled = (measured - height).abs() < 0.5;
            height = measured;
            if settled {
                break;
            }
        }
        let mut full = ctx.run_ui(raw_input(height, scale), |ui| {
            draw(ui);
        });
        textures.append(std::mem::take(&mut full.textures_delta));
        let background = ctx.style_of(ctx.theme()).visuals.panel_fill;
        LaidOut { shapes: full.shapes, textures, size: egui::vec2(FIGURE_WIDTH, height), scale, background }
    }
}

impl FigureLayout {
    /// Runs `draw` once on a page of `size` points in `theme` (text snapped
    /// to `scale`) and returns what egui would paint: a report's page, laid
    /// out with the same fonts and styles as the figures, for the vector
    /// writers (without the font atlas's changes, which only a painter needs).
    pub fn lay_out_page(
        &self,
        size: egui::Vec2,
        theme: Theme,
        scale: f32,
        draw: impl FnMut(&mut egui::Ui),
    ) -> LaidOut {
        let ctx = &self.ctx;
        ctx.set_theme(theme.egui());
        let mut draw = draw;
        let mut full = ctx.run_ui(sized_input(size, scale), |ui| draw(ui));
        // Pages are written as vectors: no painter needs the font atlas.
        full.textures_delta.clear();
        let textures = egui::TexturesDelta::default();
        let background = ctx.style_of(ctx.theme()).visuals.panel_fill;
        LaidOut { shapes: full.shapes, textures, size, scale, background }
    }
}

fn raw_input(height: f32, scale: f32) -> egui::RawInput {
    sized_input(egui::vec2(FIGURE_WIDTH, height), scale)
}

fn sized_input(size: egui::Vec2, scale: f32) -> egui::RawInput {
    let mut input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
        ..Default::default()
    };
    if let Some(viewport) = input.viewports.get_mut(&egui::ViewportId::ROOT) {
        viewport.native_pixels_per_point = Some(scale);
    }
    input
}

//! One chart figure drawn with egui: title, unit and period, the plot with
//! its legend and value labels, and a footer naming every source. It holds
//! no app state, so the window and every export draw the same figure from
//! the same code: `data → chart → figure → {ui, export}`.
//!
//! The screen adds only what a person can click (the card's buttons, the
//! plot's context menu, a hover target per bar); the exported figure is the
//! same drawing without them.

pub mod fonts;
pub mod legend;
pub mod lines;
pub mod palette;
pub mod plot;
pub mod provenance;

use crate::chart::Chart;
use crate::data::model::Dataset;
use crate::i18n::Lang;

/// Light or dark, for the window and for exported charts.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, clap::ValueEnum,
)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    pub fn egui(self) -> egui::Theme {
        match self {
            Self::Light => egui::Theme::Light,
            Self::Dark => egui::Theme::Dark,
        }
    }

    /// The theme's name in the interface.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Light => lang.tr("浅色", "Light"),
            Self::Dark => lang.tr("深色", "Dark"),
        }
    }
}

/// Prepares a context to draw figures: the bundled Chinese font and the
/// text sizes. The window, the offscreen exporter and the tests call it.
pub fn setup_context(ctx: &egui::Context) {
    fonts::install(ctx);
    ctx.all_styles_mut(|style| {
        // egui's small text (9 pt) is too small for Chinese footnotes and sources.
        style.text_styles.insert(egui::TextStyle::Small, egui::FontId::proportional(11.5));
    });
}

/// Room kept right of a card's title for its buttons, in points.
const HEADER_TOOLS_WIDTH: f32 = 190.0;

/// What the screen adds to a figure: the card's buttons right of the title,
/// and whether the plot's zoom and pan are being reset this frame.
pub struct Interaction<'a> {
    pub reset: bool,
    pub header_tools: &'a mut dyn FnMut(&mut egui::Ui),
}

/// Draws the figure. With `interaction` the plot can be zoomed and panned and
/// each bar has a hover target; without, it is the exported drawing. Returns
/// the plot's response (for a context menu).
pub fn figure_ui(
    ui: &mut egui::Ui,
    chart: &Chart,
    dataset: &Dataset,
    lang: Lang,
    mut interaction: Option<Interaction<'_>>,
) -> egui::Response {
    // A long title wraps beside the card's buttons rather than running under them.
    let title = |ui: &mut egui::Ui| {
        ui.add(egui::Label::new(egui::RichText::new(chart.title.get(lang)).heading()).wrap());
    };
    match interaction.as_mut() {
        Some(interaction) => {
            ui.horizontal_top(|ui| {
                let width = (ui.available_width() - HEADER_TOOLS_WIDTH).max(120.0);
                ui.allocate_ui(egui::vec2(width, 0.0), title);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                    (interaction.header_tools)(ui);
                });
            });
        }
        None => title(ui),
    }
    ui.label(egui::RichText::new(chart.subtitle(lang)).weak());
    let reset = interaction.as_ref().is_some_and(|interaction| interaction.reset);
    let plot = plot::plot_ui(ui, chart, dataset, lang, reset, interaction.is_some());
    legend::legend_ui(ui, chart, lang);
    ui.label(egui::RichText::new(chart.footer(dataset, lang)).small());
    if let Some(note) = &chart.note {
        ui.label(egui::RichText::new(note.get(lang)).small().weak());
    }
    plot.response
}

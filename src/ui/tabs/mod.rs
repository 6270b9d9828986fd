//! The tabs, one file each, registered in [`Tab::ALL`]. A tab draws from a
//! [`TabContext`] and reports what the user asked for as commands.

pub mod clusters;
pub mod commerce;
pub mod data;
pub mod data_rows;
pub mod enterprises;
pub mod finance;
pub mod output;
pub mod overview;
pub mod sources;

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::chart::Chart;
use crate::data::model::{Dataset, Period, View};
use crate::i18n::Lang;
use crate::ui::chart_view::{CardControls, chart_card_ui};
use crate::ui::commands::Command;
use crate::ui::widgets::{empty_view_ui, kpi, kpi_cards_ui, level_indicators, text_list_ui};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tab {
    #[default]
    Overview,
    Output,
    Finance,
    Clusters,
    Enterprises,
    Commerce,
    Data,
    Sources,
}

impl Tab {
    /// In tab-bar order; Ctrl+1 … Ctrl+8 follow it.
    pub const ALL: [Self; 8] = [
        Self::Overview,
        Self::Output,
        Self::Finance,
        Self::Clusters,
        Self::Enterprises,
        Self::Commerce,
        Self::Data,
        Self::Sources,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self.view() {
            Some(view) => view.label(lang),
            None if self == Self::Data => lang.tr("数据", "Data"),
            None => lang.tr("数据来源", "Sources"),
        }
    }

    /// The data view a tab shows, for the tabs that show one.
    pub fn view(self) -> Option<View> {
        match self {
            Self::Overview => Some(View::Overview),
            Self::Output => Some(View::Output),
            Self::Finance => Some(View::Finance),
            Self::Clusters => Some(View::Clusters),
            Self::Enterprises => Some(View::Enterprises),
            Self::Commerce => Some(View::Commerce),
            Self::Data | Self::Sources => None,
        }
    }

    /// The next tab (Ctrl+Tab) or the previous one (Ctrl+Shift+Tab), wrapping.
    pub fn step(self, forward: bool) -> Self {
        let at = Self::ALL.iter().position(|tab| *tab == self).unwrap_or(0);
        let len = Self::ALL.len();
        Self::ALL[if forward { (at + 1) % len } else { (at + len - 1) % len }]
    }
}

/// What every tab may read, and where it puts what the user asked for.
pub struct TabContext<'a> {
    pub dataset: &'a Dataset,
    pub charts: &'a [Chart],
    pub lang: Lang,
    /// The year the headline figures describe.
    pub featured: Option<Period>,
    pub reset_charts: &'a HashSet<String>,
    pub commands: &'a mut Vec<Command>,
    /// The chart under the pointer, for File → Export current chart.
    pub hovered_chart: &'a mut Option<String>,
    /// Each chart card's height when last drawn: a card scrolled out of view
    /// only reserves its space, so a tab with hundreds of charts stays fast.
    pub card_heights: &'a mut HashMap<String, f32>,
}

/// A data view's body: its headline cards, its text lists, then its charts;
/// one sentence when the file has nothing for it.
pub fn view_body_ui(ui: &mut egui::Ui, ctx: &mut TabContext<'_>, view: View) {
    let focus = ctx.dataset.focus_region;
    let cards: Vec<_> = level_indicators(ctx.dataset, view, focus)
        .into_iter()
        .filter_map(|ix| kpi(ctx.dataset, ix, focus, ctx.featured))
        .collect();
    let lists: Vec<_> = ctx.dataset.lists.iter().filter(|list| list.view == view).collect();
    let charts: Vec<&Chart> = ctx.charts.iter().filter(|chart| chart.view == view).collect();
    if cards.is_empty() && lists.is_empty() && charts.is_empty() {
        empty_view_ui(ui, ctx.lang, view.label(ctx.lang));
        return;
    }
    kpi_cards_ui(ui, ctx.dataset, ctx.lang, &cards);
    for list in lists {
        text_list_ui(ui, ctx.dataset, ctx.lang, list);
    }
    for chart in charts {
        ui.add_space(8.0);
        if let Some(&height) = ctx.card_heights.get(&chart.id) {
            let size = egui::vec2(ui.available_width(), height);
            if !ui.is_rect_visible(egui::Rect::from_min_size(ui.cursor().min, size)) {
                ui.allocate_space(size);
                continue;
            }
        }
        let controls = CardControls { reset: ctx.reset_charts.contains(&chart.id), commands: ctx.commands };
        let response = chart_card_ui(ui, chart, ctx.dataset, ctx.lang, controls);
        if response.contains_pointer() {
            *ctx.hovered_chart = Some(chart.id.clone());
        }
        ctx.card_heights.insert(chart.id.clone(), response.rect.height());
    }
}

/// The region the dashboard is about, for headings.
pub fn focus_name<'a>(ctx: &'a TabContext<'_>) -> &'a str {
    ctx.dataset.region(ctx.dataset.focus_region).name.get(ctx.lang)
}

//! The central panel: the chosen tab drawn from the data on screen, and the
//! state each tab keeps between frames (the Data tab's sort and filter, the
//! audit, the chart builder's draft, the heights of chart cards, the chart
//! under the pointer).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::checks::{ChecksTabState, checks_ui};
use super::custom_state::CustomState;
use super::data::{DataTabState, data_ui};
use super::sources::{SourcesTabState, sources_ui};
use super::{Tab, TabContext};
use crate::chart::Chart;
use crate::i18n::Lang;
use crate::ui::commands::Command;
use crate::ui::session::Loaded;

#[derive(Default)]
pub struct TabStates {
    pub data: DataTabState,
    pub sources: SourcesTabState,
    pub checks: ChecksTabState,
    pub custom: CustomState,
    /// The chart builder's latest chart, so it can be exported before it is saved.
    pub preview: Option<Arc<Chart>>,
    /// The chart under the pointer, for File → Export current chart.
    pub hovered_chart: Option<String>,
    /// Each chart card's height when last drawn, for the data generation below.
    card_heights: HashMap<String, f32>,
    card_heights_generation: u64,
    /// Charts whose zoom the user asked to reset, for the next frame.
    pub reset_pending: HashSet<String>,
}

impl TabStates {
    /// Draws `tab` of the `loaded` data; what the user asks for goes to `commands`.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        (tab, lang): (Tab, Lang),
        loaded: &Loaded,
        commands: &mut Vec<Command>,
    ) {
        let reset_charts = std::mem::take(&mut self.reset_pending);
        let (dataset, charts, generation) = (&loaded.dataset, &loaded.charts, loaded.generation);
        if self.card_heights_generation != generation {
            self.card_heights.clear();
            self.card_heights_generation = generation;
        }
        let mut ctx = TabContext {
            dataset,
            charts,
            lang,
            featured: loaded.featured,
            cards: &loaded.cards,
            reset_charts: &reset_charts,
            commands,
            hovered_chart: &mut self.hovered_chart,
            card_heights: &mut self.card_heights,
            preview: &mut self.preview,
        };
        if tab == Tab::Data {
            data_ui(ui, &mut ctx, &mut self.data, generation);
            return;
        }
        if tab == Tab::Checks {
            checks_ui(ui, &mut ctx, &mut self.checks, dataset, generation);
            return;
        }
        egui::ScrollArea::vertical().auto_shrink(false).id_salt(tab).show(ui, |ui| match tab {
            Tab::Overview => super::overview::overview_ui(ui, &mut ctx),
            Tab::Sources => sources_ui(ui, &mut ctx, &mut self.sources, generation),
            Tab::Custom => super::custom::custom_ui(ui, &mut ctx, &mut self.custom, generation),
            Tab::Data | Tab::Checks => {}
            view_tab => {
                if let Some(view) = view_tab.view() {
                    super::view::view_ui(ui, &mut ctx, view);
                }
            }
        });
    }
}

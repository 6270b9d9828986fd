//! The tabs, one file each, registered in [`Tab::ALL`]. A tab draws from a
//! [`TabContext`] and reports what the user asked for as commands.

pub mod central;
pub mod checks;
pub mod custom;
pub mod custom_state;
pub mod data;
pub mod data_rows;
pub mod overview;
pub mod sources;
pub mod view;

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::chart::Chart;
use crate::data::model::{Dataset, Period, View};
use crate::i18n::Lang;
use crate::ui::commands::Command;

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
    /// The chart builder and the charts saved with the data.
    Custom,
    /// The consistency audit of the data.
    Checks,
}

impl Tab {
    /// In tab-bar order; Ctrl+1 … Ctrl+9 follow it (Checks, the tenth, is Ctrl+0).
    pub const ALL: [Self; 10] = [
        Self::Overview,
        Self::Output,
        Self::Finance,
        Self::Clusters,
        Self::Enterprises,
        Self::Commerce,
        Self::Data,
        Self::Sources,
        Self::Custom,
        Self::Checks,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self.view() {
            Some(view) => view.label(lang),
            None if self == Self::Data => lang.tr("数据", "Data"),
            None if self == Self::Checks => lang.tr("数据核对", "Checks"),
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
            Self::Custom => Some(View::Custom),
            Self::Data | Self::Sources | Self::Checks => None,
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
    /// The headline cards of each view.
    pub cards: &'a crate::ui::cards::Cards,
    pub reset_charts: &'a HashSet<String>,
    pub commands: &'a mut Vec<Command>,
    /// The chart under the pointer, for File → Export current chart.
    pub hovered_chart: &'a mut Option<String>,
    /// Each chart card's height when last drawn: a card scrolled out of view
    /// only reserves its space, so a tab with hundreds of charts stays fast.
    pub card_heights: &'a mut HashMap<String, f32>,
    /// The chart builder's chart, for exporting it before it is saved.
    pub preview: &'a mut Option<std::sync::Arc<Chart>>,
}

/// The region the dashboard is about, for headings.
pub fn focus_name<'a>(ctx: &'a TabContext<'_>) -> &'a str {
    ctx.dataset.region(ctx.dataset.focus_region()).name.get(ctx.lang)
}

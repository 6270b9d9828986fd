//! Data: every observation in one table, sortable by any column and
//! filtered by text and by view, with unit, status, source and quote.
//!
//! Rows are indexed once per data change; the filtered, sorted order is
//! recomputed only when the filter, the sort or the language changes.

use egui_extras::{Column, TableBuilder};

use super::TabContext;
use crate::data::model::{Dataset, IndicatorIx, Observation, View, index_u32};
use crate::i18n::Lang;
use crate::ui::tooltip::format_point_value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortColumn {
    Indicator,
    Region,
    Period,
    Value,
    Status,
    Source,
}

#[derive(Clone, PartialEq)]
struct ViewKey {
    generation: u64,
    filter: String,
    view: Option<View>,
    sort: SortColumn,
    ascending: bool,
    lang: Lang,
}

/// The Data tab's own state: what the user typed and chose, and the cached row order.
pub struct DataTabState {
    pub filter: String,
    pub view: Option<View>,
    pub sort: SortColumn,
    pub ascending: bool,
    rows: Vec<(IndicatorIx, u32)>,
    visible: Vec<usize>,
    key: Option<ViewKey>,
}

impl Default for DataTabState {
    fn default() -> Self {
        Self {
            filter: String::new(),
            view: None,
            sort: SortColumn::Indicator,
            ascending: true,
            rows: Vec::new(),
            visible: Vec::new(),
            key: None,
        }
    }
}

impl DataTabState {
    /// Rows shown with the current filter and sort, for tests.
    pub fn visible_count(&self) -> usize {
        self.visible.len()
    }

    fn refresh(&mut self, dataset: &Dataset, generation: u64, lang: Lang) {
        let key = ViewKey {
            generation,
            filter: self.filter.trim().to_lowercase(),
            view: self.view,
            sort: self.sort,
            ascending: self.ascending,
            lang,
        };
        if self.key.as_ref() == Some(&key) {
            return;
        }
        if self.key.as_ref().is_none_or(|old| old.generation != generation) {
            self.rows = dataset
                .indicators
                .iter()
                .enumerate()
                .flat_map(|(at, indicator)| {
                    (0..indicator.observations.len())
                        .map(move |obs_at| (IndicatorIx(index_u32(at)), index_u32(obs_at)))
                })
                .collect();
        }
        let row = |at: usize| {
            let (ix, obs_at) = self.rows[at];
            let indicator = dataset.indicator(ix);
            (indicator, &indicator.observations[obs_at as usize])
        };
        let mut visible: Vec<usize> = (0..self.rows.len())
            .filter(|&at| {
                let (indicator, obs) = row(at);
                key.view.is_none_or(|view| indicator.view == view)
                    && matches_filter(dataset, indicator, obs, &key.filter)
            })
            .collect();
        visible.sort_by(|&a, &b| {
            let ((ia, oa), (ib, ob)) = (row(a), row(b));
            let order = match key.sort {
                SortColumn::Indicator => ia.name.get(lang).cmp(ib.name.get(lang)),
                SortColumn::Region => {
                    dataset.region(oa.region).name.get(lang).cmp(dataset.region(ob.region).name.get(lang))
                }
                SortColumn::Period => oa.period.cmp(&ob.period),
                SortColumn::Value => oa.value.total_cmp(&ob.value),
                SortColumn::Status => oa.status.label(lang).cmp(ob.status.label(lang)),
                SortColumn::Source => dataset.source(oa.source).title.cmp(&dataset.source(ob.source).title),
            };
            let order = order.then(a.cmp(&b));
            if key.ascending { order } else { order.reverse() }
        });
        self.visible = visible;
        self.key = Some(key);
    }
}

fn matches_filter(
    dataset: &Dataset,
    indicator: &crate::data::model::Indicator,
    obs: &Observation,
    filter: &str,
) -> bool {
    if filter.is_empty() {
        return true;
    }
    let region = &dataset.region(obs.region);
    let source = dataset.source(obs.source);
    let fields = [
        indicator.id.as_str(),
        indicator.name.zh.as_str(),
        indicator.name.en.as_deref().unwrap_or_default(),
        region.id.as_str(),
        region.name.zh.as_str(),
        region.name.en.as_deref().unwrap_or_default(),
        source.title.as_str(),
        source.id.as_str(),
        obs.quote.as_deref().unwrap_or_default(),
    ];
    fields.iter().any(|field| field.to_lowercase().contains(filter))
        || obs.period.to_string().contains(filter)
}

fn column_label(column: SortColumn, lang: Lang) -> &'static str {
    match column {
        SortColumn::Indicator => lang.tr("指标", "Indicator"),
        SortColumn::Region => lang.tr("地区", "Region"),
        SortColumn::Period => lang.tr("时期", "Period"),
        SortColumn::Value => lang.tr("数值", "Value"),
        SortColumn::Status => lang.tr("状态", "Status"),
        SortColumn::Source => lang.tr("来源", "Source"),
    }
}

pub fn data_ui(ui: &mut egui::Ui, ctx: &mut TabContext<'_>, state: &mut DataTabState, generation: u64) {
    let lang = ctx.lang;
    let dataset = ctx.dataset;
    ui.heading(lang.tr("全部数据", "All data"));
    ui.horizontal(|ui| {
        ui.label(lang.tr("筛选：", "Filter:"));
        ui.add(
            egui::TextEdit::singleline(&mut state.filter)
                .hint_text(lang.tr("指标、地区、来源或原文", "indicator, region, source or quote"))
                .desired_width(260.0),
        );
        egui::ComboBox::new("data-view", lang.tr("页面", "View"))
            .selected_text(state.view.map_or(lang.tr("全部页面", "All views"), |view| view.label(lang)))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.view, None, lang.tr("全部页面", "All views"));
                for view in View::ALL {
                    ui.selectable_value(&mut state.view, Some(view), view.label(lang));
                }
            });
    });
    state.refresh(dataset, generation, lang);
    ui.label(match lang {
        Lang::Zh => format!("显示 {} / {} 项。点击列标题排序。", state.visible.len(), state.rows.len()),
        Lang::En => format!(
            "Showing {} of {} values. Click a column title to sort.",
            state.visible.len(),
            state.rows.len()
        ),
    });
    let header_columns = [
        SortColumn::Indicator,
        SortColumn::Region,
        SortColumn::Period,
        SortColumn::Value,
        SortColumn::Status,
        SortColumn::Source,
    ];
    TableBuilder::new(ui)
        .striped(true)
        .resizable(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(220.0).at_least(80.0).clip(true))
        .column(Column::initial(90.0).at_least(50.0))
        .column(Column::initial(70.0).at_least(50.0))
        .column(Column::initial(140.0).at_least(60.0))
        .column(Column::initial(80.0).at_least(50.0))
        .column(Column::initial(240.0).at_least(80.0).clip(true))
        .column(Column::remainder().at_least(120.0).clip(true))
        .header(24.0, |mut header| {
            for column in header_columns {
                header.col(|ui| {
                    let arrow = match (state.sort == column, state.ascending) {
                        (true, true) => " ▲",
                        (true, false) => " ▼",
                        _ => "",
                    };
                    if ui.button(format!("{}{arrow}", column_label(column, lang))).clicked() {
                        if state.sort == column {
                            state.ascending = !state.ascending;
                        } else {
                            state.sort = column;
                            state.ascending = true;
                        }
                    }
                });
            }
            header.col(|ui| {
                ui.strong(lang.tr("原文", "Quote"));
            });
        })
        .body(|body| {
            body.rows(22.0, state.visible.len(), |mut row| {
                let (ix, obs_at) = state.rows[state.visible[row.index()]];
                let indicator = dataset.indicator(ix);
                let obs = &indicator.observations[obs_at as usize];
                let source = dataset.source(obs.source);
                row.col(|ui| {
                    ui.label(indicator.name.get(lang)).on_hover_text(&indicator.id);
                });
                row.col(|ui| {
                    ui.label(dataset.region(obs.region).name.get(lang));
                });
                row.col(|ui| {
                    ui.label(obs.period.to_string());
                });
                row.col(|ui| {
                    ui.label(format_point_value(obs.value, obs.status, &indicator.unit, obs.qualifier, lang));
                });
                row.col(|ui| {
                    let mut status = obs.status.label(lang).to_owned();
                    if obs.conflict {
                        status.push_str(lang.tr("·不一致", " · disputed"));
                    }
                    ui.label(status);
                });
                row.col(|ui| {
                    ui.label(format!("{}（{}）", source.title, source.kind.label(lang))).on_hover_text(
                        format!("{} · {}", source.publisher, source.date.as_deref().unwrap_or("")),
                    );
                });
                row.col(|ui| {
                    let quote = obs.quote.as_deref().unwrap_or("");
                    let note = obs.note.as_deref().map(|note| format!("\n{note}")).unwrap_or_default();
                    let response = ui.label(quote);
                    if !quote.is_empty() || !note.is_empty() {
                        response.on_hover_text(format!("{quote}{note}"));
                    }
                });
            });
        });
}

//! Custom charts (自定义图表): the chart builder and the charts saved with
//! the data. The builder asks for an indicator (searchable), any regions
//! (searchable, or "this region and its neighbours", "all regions of …"), a
//! range of one kind of period, lines or bars, and a transform; the chart
//! below follows every choice. Saving writes it into the data file's
//! `charts` section, so it travels with the data; saved charts can be
//! edited or removed here and appear in the tab they were saved for.

use std::collections::{BTreeSet, HashSet};

use super::TabContext;
use super::custom_state::{CustomState, PREVIEW_ID, TransformChoice};
use crate::data::model::{Dataset, Period, PeriodKind, RegionIx, Text, View};
use crate::data::saved_chart::Shape;
use crate::i18n::Lang;
use crate::ui::chart_card::chart_card_ui;
use crate::ui::commands::Command;

/// A combo box that screen readers name by `label` (the label beside it),
/// without repeating the label in the window.
struct Combo<'a> {
    inner: egui::ComboBox<'a>,
    label: egui::Id,
}

fn combo<'a>(id_salt: &str, label: egui::Id, width: Option<f32>) -> Combo<'a> {
    let inner = egui::ComboBox::from_id_salt(id_salt);
    Combo {
        inner: match width {
            Some(width) => inner.width(width),
            None => inner,
        },
        label,
    }
}

impl<'a> Combo<'a> {
    fn selected_text(mut self, text: impl egui::IntoAtoms<'a>) -> Self {
        self.inner = self.inner.selected_text(text);
        self
    }

    fn show_ui(self, ui: &mut egui::Ui, add_contents: impl FnOnce(&mut egui::Ui)) {
        self.inner.show_ui(ui, add_contents).response.labelled_by(self.label);
    }
}

/// Height of the region list, in points.
const REGION_LIST_HEIGHT: f32 = 240.0;

/// From this width on, the builder sits beside its chart; below it, above.
const SIDE_BY_SIDE_FROM: f32 = 1000.0;
/// The builder's width beside the chart, in points.
const BUILDER_WIDTH: f32 = 440.0;
/// The widest a control of the builder grows (title fields, the indicator).
const CONTROL_WIDTH: f32 = 330.0;

pub fn custom_ui(ui: &mut egui::Ui, ctx: &mut TabContext<'_>, state: &mut CustomState, generation: u64) {
    let lang = ctx.lang;
    ui.heading(View::Custom.label(lang));
    ui.label(lang.tr(
        "选择指标、地区、时期和计算方式，图表随每项选择更新。推算出的每个数值都注明公式和所用数值；无法计算的数值留空并在注释中说明。保存后图表写入数据文件，随数据一起分享。",
        "Choose an indicator, regions, periods and a calculation; the chart follows every choice. Every computed value gives its formula and the numbers used; a value that cannot be computed is left out and the note says why. Saved charts are written into the data file and travel with the data.",
    ));
    ui.add_space(6.0);
    let builder = |ui: &mut egui::Ui, state: &mut CustomState| {
        egui::Frame::group(ui.style()).inner_margin(10.0).show(ui, |ui| {
            ui.set_width(ui.available_width());
            builder_ui(ui, ctx.dataset, lang, state, generation);
        });
    };
    if ui.available_width() >= SIDE_BY_SIDE_FROM {
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width(BUILDER_WIDTH);
                builder(ui, state);
            });
            ui.add_space(8.0);
            ui.vertical(|ui| chart_ui(ui, ctx, state, generation));
        });
    } else {
        builder(ui, state);
        ui.add_space(8.0);
        chart_ui(ui, ctx, state, generation);
    }
    saved_charts_ui(ui, ctx, state);
}

/// The chart the choices give, with buttons to save it or start anew; or
/// what is still missing.
fn chart_ui(ui: &mut egui::Ui, ctx: &mut TabContext<'_>, state: &mut CustomState, generation: u64) {
    let lang = ctx.lang;
    let taken: Vec<String> = ctx.charts.iter().map(|chart| chart.id.clone()).collect();
    let built = state.refresh(ctx.dataset, generation).clone();
    match built {
        Err(missing) => {
            ui.label(egui::RichText::new(missing.get(lang)).strong());
        }
        Ok((_, chart)) => {
            ui.horizontal(|ui| {
                let label = if state.draft.editing.is_some() {
                    lang.tr("保存修改到数据文件", "Save changes to the data file")
                } else {
                    lang.tr("保存到数据文件", "Save to the data file")
                };
                if ui.button(label).clicked() {
                    match state.to_saved(ctx.dataset, &taken) {
                        Ok(saved) => ctx.commands.push(Command::SaveChart(Box::new(saved))),
                        Err(missing) => ctx.commands.push(Command::Notify(missing)),
                    }
                }
                if ui.button(lang.tr("新建", "New chart")).clicked() {
                    state.draft = super::custom_state::Draft::default();
                }
            });
            let reset = ctx.reset_charts.contains(PREVIEW_ID);
            let response = chart_card_ui(ui, &chart, ctx.dataset, lang, reset, ctx.commands);
            if response.contains_pointer() {
                *ctx.hovered_chart = Some(chart.id.clone());
            }
            *ctx.preview = Some(chart);
        }
    }
}

/// The saved charts: each with its card (if it is in this tab) or its tab's
/// name, and buttons to edit or remove it.
fn saved_charts_ui(ui: &mut egui::Ui, ctx: &mut TabContext<'_>, state: &mut CustomState) {
    let lang = ctx.lang;
    ui.add_space(12.0);
    ui.label(
        egui::RichText::new(lang.tr("数据文件中保存的图表", "Charts saved in the data file"))
            .strong()
            .size(16.0),
    );
    if ctx.dataset.charts().is_empty() {
        ui.label(
            lang.tr(
                "（还没有。保存图表后，它会出现在这里。）",
                "(None yet. Save a chart and it appears here.)",
            ),
        );
        return;
    }
    for saved in ctx.dataset.charts() {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(saved.title.get(lang)).strong());
            ui.label(egui::RichText::new(format!("{} · {}", saved.id, saved.view.label(lang))).weak());
            if ui.button(lang.tr("编辑", "Edit")).clicked() {
                state.edit(ctx.dataset, saved);
            }
            if ui.button(lang.tr("从数据文件中删除", "Remove from the data file")).clicked() {
                ctx.commands.push(Command::DeleteSavedChart(saved.id.clone()));
            }
        });
        if saved.view == View::Custom
            && let Some(chart) = ctx.charts.iter().find(|chart| chart.id == saved.id)
        {
            let reset = ctx.reset_charts.contains(&chart.id);
            let response = chart_card_ui(ui, chart, ctx.dataset, lang, reset, ctx.commands);
            if response.contains_pointer() {
                *ctx.hovered_chart = Some(chart.id.clone());
            }
        }
        ui.add_space(6.0);
    }
}

fn builder_ui(ui: &mut egui::Ui, dataset: &Dataset, lang: Lang, state: &mut CustomState, generation: u64) {
    egui::Grid::new("chart-builder").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
        let label = ui.label(lang.tr("指标", "Indicator"));
        indicator_ui(ui, dataset, lang, state, label.id);
        ui.end_row();

        ui.label(lang.tr("地区", "Regions"));
        ui.vertical(|ui| regions_ui(ui, dataset, lang, state, generation));
        ui.end_row();

        let choices = state.choices(dataset, generation);
        let (kinds, kind, periods) = (choices.kinds.clone(), choices.kind, choices.periods.clone());
        let label = ui.label(lang.tr("时期", "Periods"));
        ui.horizontal_wrapped(|ui| periods_ui(ui, lang, state, (&kinds, kind, &periods), label.id));
        ui.end_row();

        let label = ui.label(lang.tr("计算", "Calculation"));
        ui.horizontal_wrapped(|ui| transform_ui(ui, dataset, lang, state, &periods, label.id));
        ui.end_row();

        ui.label(lang.tr("图形", "Drawn as"));
        ui.horizontal(|ui| {
            let per_region = state.draft.transform == TransformChoice::AverageGrowth;
            ui.add_enabled_ui(!per_region, |ui| {
                ui.radio_value(&mut state.draft.shape, Shape::Lines, lang.tr("折线", "Lines"));
                ui.radio_value(&mut state.draft.shape, Shape::Bars, lang.tr("柱形", "Bars"));
            });
            if per_region {
                ui.weak(lang.tr("（年均增速每个地区一根柱形）", "(average growth: one bar per region)"));
            }
        });
        ui.end_row();

        let label = ui.label(lang.tr("显示在", "Shown in"));
        let view = state.draft.view.unwrap_or(View::Custom);
        combo("builder-view", label.id, None).selected_text(view.label(lang)).show_ui(ui, |ui| {
            for choice in std::iter::once(View::Custom).chain(View::ALL) {
                if ui.selectable_label(view == choice, choice.label(lang)).clicked() {
                    state.draft.view = Some(choice);
                }
            }
        });
        ui.end_row();

        ui.label(lang.tr("标题", "Title"));
        title_ui(ui, dataset, lang, state);
        ui.end_row();
    });
}

fn indicator_ui(ui: &mut egui::Ui, dataset: &Dataset, lang: Lang, state: &mut CustomState, label: egui::Id) {
    let selected = state.draft.indicator.as_deref().and_then(|id| dataset.indicator_by_id(id)).map_or_else(
        || lang.tr("（选择指标）", "(choose an indicator)").to_owned(),
        |(_, indicator)| format!("{}{}", indicator.name.get(lang), lang.aside(indicator.unit.label(lang))),
    );
    combo("builder-indicator", label, Some(CONTROL_WIDTH)).selected_text(selected).show_ui(ui, |ui| {
        let label = ui.label(lang.tr("查找：", "Find:"));
        ui.add(egui::TextEdit::singleline(&mut state.indicator_filter).desired_width(CONTROL_WIDTH - 60.0))
            .labelled_by(label.id);
        let filter = state.indicator_filter.trim().to_lowercase();
        egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
            for indicator in dataset.indicators() {
                let name = indicator.name.get(lang);
                let matches = filter.is_empty()
                    || name.to_lowercase().contains(&filter)
                    || indicator.name.zh.contains(&filter)
                    || indicator.id.contains(&filter);
                if !matches {
                    continue;
                }
                let chosen = state.draft.indicator.as_deref() == Some(indicator.id.as_str());
                let text = format!("{name}{}", lang.aside(indicator.unit.label(lang)));
                if ui.selectable_label(chosen, text).clicked() {
                    state.draft.indicator = Some(indicator.id.clone());
                    state.draft.kind = None;
                    state.draft.from = None;
                    state.draft.to = None;
                    state.draft.base = None;
                }
            }
        });
    });
}

fn regions_ui(ui: &mut egui::Ui, dataset: &Dataset, lang: Lang, state: &mut CustomState, generation: u64) {
    quick_regions_ui(ui, dataset, lang, &mut state.draft.regions);
    let choices = state.choices(dataset, generation);
    let count = choices.regions.len();
    let shown = choices
        .regions
        .iter()
        .take(12)
        .map(|&region| dataset.region(region).name.get(lang))
        .collect::<Vec<_>>()
        .join(lang.tr("、", ", "));
    let more = if count > 12 { lang.tr(" 等", " and more") } else { "" };
    ui.label(crate::msg!("已选 {count} 个：{shown}{more}", "{count} chosen: {shown}{more}").get(lang));
    ui.horizontal(|ui| {
        let label = ui.label(lang.tr("查找地区：", "Find regions:"));
        ui.add(
            egui::TextEdit::singleline(&mut state.region_filter)
                .hint_text(lang.tr("名称或 id", "name or id"))
                .desired_width(220.0),
        )
        .labelled_by(label.id);
    });
    region_list_ui(ui, dataset, lang, state, generation);
}

/// One click for the usual choices: this region with its neighbours, all
/// regions of a parent, none.
fn quick_regions_ui(ui: &mut egui::Ui, dataset: &Dataset, lang: Lang, chosen: &mut Vec<String>) {
    ui.horizontal_wrapped(|ui| {
        if ui.button(lang.tr("本地区及同级地区", "This region and its neighbours")).clicked() {
            let focus = dataset.focus_region();
            let neighbours: Vec<RegionIx> = match dataset.region(focus).parent {
                Some(parent) => {
                    std::iter::once(focus).chain(dataset.children(parent).filter(|&r| r != focus)).collect()
                }
                None => vec![focus],
            };
            add_regions(dataset, chosen, &neighbours);
        }
        let add_label = ui.label(lang.tr("加入", "Add"));
        combo("builder-children", add_label.id, None)
            .selected_text(lang.tr("某地区的全部下属地区…", "All regions of…"))
            .show_ui(ui, |ui| {
                let parents: BTreeSet<RegionIx> =
                    dataset.regions().iter().filter_map(|region| region.parent).collect();
                for parent in parents {
                    if ui.button(dataset.region(parent).name.get(lang)).clicked() {
                        let children: Vec<RegionIx> = dataset.children(parent).collect();
                        add_regions(dataset, chosen, &children);
                    }
                }
            });
        if ui.add_enabled(!chosen.is_empty(), egui::Button::new(lang.tr("清空", "Clear"))).clicked() {
            chosen.clear();
        }
    });
}

/// Every region matching the search, each with a check box (only the rows in view are laid out).
fn region_list_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    lang: Lang,
    state: &mut CustomState,
    generation: u64,
) {
    let matches = state.region_matches(dataset, generation).to_vec();
    let chosen_now = state.choices(dataset, generation).sorted().to_vec();
    let chosen = &mut state.draft.regions;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(CONTROL_WIDTH);
        egui::ScrollArea::vertical()
            .id_salt("builder-regions")
            .max_height(REGION_LIST_HEIGHT)
            // A grid cell offers little height; the list takes its own.
            .min_scrolled_height(REGION_LIST_HEIGHT.min(row_height * matches.len() as f32))
            .auto_shrink([false, true])
            .show_rows(ui, row_height, matches.len(), |ui, rows| {
                for &region in &matches[rows] {
                    let id = &dataset.region(region).id;
                    let mut on = chosen_now.binary_search(&region).is_ok();
                    let mut label = dataset.region(region).name.get(lang).to_owned();
                    if let Some(parent) = dataset.region(region).parent {
                        label.push_str(&lang.aside(dataset.region(parent).name.get(lang)));
                    }
                    if ui.checkbox(&mut on, label).changed() {
                        if on {
                            chosen.push(id.clone());
                        } else {
                            chosen.retain(|known| known != id);
                        }
                    }
                }
            });
    });
}

fn add_regions(dataset: &Dataset, chosen: &mut Vec<String>, regions: &[RegionIx]) {
    let mut known: HashSet<String> = chosen.iter().cloned().collect();
    for &region in regions {
        let id = &dataset.region(region).id;
        if known.insert(id.clone()) {
            chosen.push(id.clone());
        }
    }
}

fn period_text(period: Option<Period>, lang: Lang, none: &str) -> String {
    period.map_or_else(|| none.to_owned(), |period| period.label(lang))
}

fn periods_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    state: &mut CustomState,
    (kinds, kind, periods): (&[PeriodKind], Option<PeriodKind>, &[Period]),
    label: egui::Id,
) {
    if kinds.len() > 1 {
        combo("builder-kind", label, None).selected_text(kind.map_or("", |kind| kind.label(lang))).show_ui(
            ui,
            |ui| {
                for &choice in kinds {
                    if ui.selectable_label(kind == Some(choice), choice.label(lang)).clicked() {
                        state.draft.kind = Some(choice);
                        state.draft.from = None;
                        state.draft.to = None;
                    }
                }
            },
        );
    } else if let Some(kind) = kind {
        ui.label(kind.label(lang));
    }
    let from_label = ui.label(lang.tr("从", "from"));
    combo("builder-from", from_label.id, None)
        .selected_text(period_text(state.draft.from, lang, lang.tr("最早", "the first")))
        .show_ui(ui, |ui| {
            if ui.selectable_label(state.draft.from.is_none(), lang.tr("最早", "the first")).clicked() {
                state.draft.from = None;
            }
            for &period in periods {
                if ui.selectable_label(state.draft.from == Some(period), period.label(lang)).clicked() {
                    state.draft.from = Some(period);
                }
            }
        });
    let to_label = ui.label(lang.tr("到", "to"));
    combo("builder-to", to_label.id, None)
        .selected_text(period_text(state.draft.to, lang, lang.tr("最新", "the latest")))
        .show_ui(ui, |ui| {
            if ui.selectable_label(state.draft.to.is_none(), lang.tr("最新", "the latest")).clicked() {
                state.draft.to = None;
            }
            for &period in
                periods.iter().filter(|period| state.draft.from.is_none_or(|from| **period >= from))
            {
                if ui.selectable_label(state.draft.to == Some(period), period.label(lang)).clicked() {
                    state.draft.to = Some(period);
                }
            }
        });
}

fn transform_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    lang: Lang,
    state: &mut CustomState,
    periods: &[Period],
    label: egui::Id,
) {
    combo("builder-transform", label, None).selected_text(state.draft.transform.label(lang)).show_ui(
        ui,
        |ui| {
            for choice in TransformChoice::ALL {
                ui.selectable_value(&mut state.draft.transform, choice, choice.label(lang));
            }
        },
    );
    if state.draft.transform == TransformChoice::Index {
        let base_label = ui.label(lang.tr("基期", "base period"));
        combo("builder-base", base_label.id, None)
            .selected_text(period_text(state.draft.base, lang, lang.tr("（选择）", "(choose)")))
            .show_ui(ui, |ui| {
                for &period in periods {
                    if ui.selectable_label(state.draft.base == Some(period), period.label(lang)).clicked() {
                        state.draft.base = Some(period);
                    }
                }
            });
    }
    if state.draft.transform.needs_region() {
        let other_label = ui.label(lang.tr("对比地区", "compared with"));
        let selected =
            state.draft.other_region.as_deref().and_then(|id| dataset.region_by_id(id)).map_or_else(
                || lang.tr("（选择）", "(choose)").to_owned(),
                |region| dataset.region(region).name.get(lang).to_owned(),
            );
        combo("builder-other", other_label.id, Some(200.0)).selected_text(selected).show_ui(ui, |ui| {
            let label = ui.label(lang.tr("查找：", "Find:"));
            ui.add(egui::TextEdit::singleline(&mut state.other_filter).desired_width(180.0))
                .labelled_by(label.id);
            let filter = state.other_filter.trim().to_lowercase();
            let matching: Vec<(usize, &crate::data::model::Region)> = dataset
                .regions()
                .iter()
                .enumerate()
                .filter(|(_, region)| {
                    filter.is_empty()
                        || region.name.zh.contains(&filter)
                        || region.id.contains(&filter)
                        || region.name.en.as_deref().is_some_and(|en| en.to_lowercase().contains(&filter))
                })
                .collect();
            let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
            egui::ScrollArea::vertical().max_height(240.0).show_rows(
                ui,
                row_height,
                matching.len(),
                |ui, rows| {
                    for (_, region) in &matching[rows] {
                        let chosen = state.draft.other_region.as_deref() == Some(region.id.as_str());
                        if ui.selectable_label(chosen, region.name.get(lang)).clicked() {
                            state.draft.other_region = Some(region.id.clone());
                        }
                    }
                },
            );
        });
    }
}

fn title_ui(ui: &mut egui::Ui, dataset: &Dataset, lang: Lang, state: &mut CustomState) {
    let automatic = state.spec(dataset).ok().map(|spec| state.title(dataset, &spec));
    let mut title = state.draft.title.clone().or(automatic).unwrap_or_default();
    let mut en = title.en.clone().unwrap_or_default();
    let mut changed = false;
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            let label = ui.label("中文");
            changed |= ui
                .add(egui::TextEdit::singleline(&mut title.zh).desired_width(CONTROL_WIDTH - 60.0))
                .labelled_by(label.id)
                .changed();
        });
        ui.horizontal(|ui| {
            let label = ui.label("English");
            changed |= ui
                .add(egui::TextEdit::singleline(&mut en).desired_width(CONTROL_WIDTH - 60.0))
                .labelled_by(label.id)
                .changed();
        });
        if state.draft.title.is_some()
            && ui.small_button(lang.tr("按选择自动生成标题", "Title from the choices")).clicked()
        {
            state.draft.title = None;
            changed = false;
        }
    });
    if changed {
        state.draft.title = Some(Text { zh: title.zh, en: (!en.trim().is_empty()).then_some(en) });
    }
}

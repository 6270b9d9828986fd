//! Pieces the tabs share: KPI cards with the figures that qualify them
//! (growth, share, rank), text lists with their source, and the sentence
//! shown where a view has nothing to show.

use crate::data::derive::Derived;
use crate::data::model::{Dataset, Indicator, Observation, Period, PeriodKind, RegionIx, TextList, UnitKind};
use crate::figure::provenance::{Provenance, provenance_ui};
use crate::format::format_point_value;
use crate::i18n::Lang;
use crate::ui::cards::Kpi;
use crate::ui::sparkline::{self, Drawn, sparkline_ui};

/// The full year with the most observations of `region`: the year the
/// dashboard's headline figures describe.
pub fn featured_year(dataset: &Dataset, region: RegionIx) -> Option<Period> {
    let mut counts: std::collections::BTreeMap<Period, usize> = std::collections::BTreeMap::new();
    for indicator in dataset.indicators() {
        for obs in indicator.series(region).iter().filter(|obs| obs.period.is_full_year()) {
            *counts.entry(obs.period).or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|(period, count)| (*count, *period)).map(|(period, _)| period)
}

fn extra_text(indicator: &Indicator, obs: &Observation, lang: Lang) -> String {
    let value = if indicator.unit.kind() == UnitKind::Rank {
        match lang {
            Lang::Zh => format!("第 {} 位", obs.value),
            Lang::En => format!("No. {}", obs.value),
        }
    } else {
        format_point_value(obs.value, obs.status, &indicator.unit, obs.qualifier, lang)
    };
    format!("{}{}{value}", indicator.name.get(lang), lang.tr("：", ": "))
}

const CARD_WIDTH: f32 = 240.0;

/// `比上年 +5.9%（名义变化，推算）` / `+5.9% on the previous year (nominal, derived)`.
fn change_text(change: &Derived, kind: PeriodKind, lang: Lang) -> String {
    let percent_points = matches!(change.formula, crate::data::derive::Formula::PointsChange { .. });
    let number = crate::format::group_rounded(change.value, if percent_points { 2 } else { 1 });
    let sign = if change.value > 0.0 { "+" } else { "" };
    let before = kind.compared_with(lang);
    match (lang, percent_points) {
        (Lang::Zh, true) => format!("{before} {sign}{number} 个百分点（推算）"),
        (Lang::Zh, false) => format!("{before} {sign}{number}%（名义变化，推算）"),
        (Lang::En, true) => format!("{sign}{number} points {before} (derived)"),
        (Lang::En, false) => format!("{sign}{number}% {before} (nominal, derived)"),
    }
}

fn card_body_ui<'a>(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    lang: Lang,
    card: &Kpi<'a>,
    value: &str,
) -> Option<Drawn<'a>> {
    let Kpi { indicator, obs, extras, newer, history, change } = card;
    let source = dataset.source(obs.source);
    ui.label(egui::RichText::new(indicator.name.get(lang)).weak());
    ui.label(egui::RichText::new(value).size(22.0).strong());
    let drawn = (history.len() >= 2).then(|| {
        let accent =
            crate::figure::palette::bar_colors(crate::chart::SeriesStyle::Focus, ui.visuals().dark_mode).1;
        let (first, last) = (history[0].period.label(lang), history[history.len() - 1].period.label(lang));
        let count = history.len();
        let name = format!(
            "{}{}",
            indicator.name.get(lang),
            crate::msg!("走势：{first}–{last}，{count} 个数值", " over time: {first}–{last}, {count} values")
                .get(lang)
        );
        sparkline_ui(ui, &name, history, obs, indicator.unit.kind(), accent, lang)
    });
    ui.label(
        egui::RichText::new(format!(
            "{} · {} · {}",
            obs.period.label(lang),
            obs.status.label(lang),
            source.kind.label(lang)
        ))
        .size(12.0),
    );
    if let Some(change) = change {
        ui.label(egui::RichText::new(change_text(change, obs.period.kind(), lang)).size(12.0));
    }
    for (other, found) in extras {
        ui.label(extra_text(other, found, lang));
    }
    if let Some(newer) = newer {
        let newer_value =
            format_point_value(newer.value, newer.status, &indicator.unit, newer.qualifier, lang);
        let kind = dataset.source(newer.source).kind.label(lang);
        ui.label(
            egui::RichText::new(format!(
                "{}{} {newer_value}{}",
                lang.tr("较新：", "Newer: "),
                newer.period.label(lang),
                lang.aside(kind)
            ))
            .size(12.0)
            .weak(),
        );
    }
    drawn
}

/// The provenance of one value of a card's figure.
fn observation_provenance_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    lang: Lang,
    indicator: &Indicator,
    obs: &Observation,
) {
    let heading = format!("{} · {}", indicator.name.get(lang), obs.period.label(lang));
    provenance_ui(ui, dataset, lang, &Provenance::of_observation(dataset, indicator, obs, heading, lang));
}

pub fn kpi_card_ui(ui: &mut egui::Ui, dataset: &Dataset, lang: Lang, card: &Kpi<'_>) {
    let Kpi { indicator, obs, change, .. } = card;
    let value = format_point_value(obs.value, obs.status, &indicator.unit, obs.qualifier, lang);
    let mut drawn = None;
    let response = egui::Frame::group(ui.style())
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(CARD_WIDTH);
            ui.vertical(|ui| drawn = card_body_ui(ui, dataset, lang, card, &value));
        })
        .response;
    let summary = format!("{} · {}: {value}", indicator.name.get(lang), obs.period.label(lang));
    let response = response.interact(egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Group, true, &summary));
    let pointer = ui.ctx().pointer_hover_pos();
    response.on_hover_ui(|ui| {
        // Over the small line: the value nearest the pointer, with its source.
        let on_line = drawn.as_ref().zip(pointer).filter(|(drawn, pointer)| drawn.rect.contains(*pointer));
        if let Some((drawn, pointer)) = on_line
            && let Some(at) = sparkline::nearest(&drawn.points, pointer)
        {
            observation_provenance_ui(ui, dataset, lang, indicator, drawn.points[at].1);
            return;
        }
        observation_provenance_ui(ui, dataset, lang, indicator, obs);
        if let Some(change) = change {
            ui.separator();
            ui.label(change_text(change, obs.period.kind(), lang));
            ui.label(egui::RichText::new(crate::chart::explain::explain(&change.formula).get(lang)).weak());
        }
    });
}

/// A card's width with its margin, frame and the gap after it.
const CARD_SLOT_WIDTH: f32 = CARD_WIDTH + 2.0 * 10.0 + 2.0 + 8.0;

/// Cards in rows of as many as fit the window's width.
pub fn kpi_cards_ui(ui: &mut egui::Ui, dataset: &Dataset, lang: Lang, cards: &[Kpi<'_>]) {
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a small positive count")]
    let per_row = ((ui.available_width() / CARD_SLOT_WIDTH).floor() as usize).max(1);
    for row in cards.chunks(per_row) {
        ui.horizontal_top(|ui| {
            for card in row {
                kpi_card_ui(ui, dataset, lang, card);
            }
        });
    }
}

/// A list the source gives as text, with the figures it gives for each item.
pub fn text_list_ui(ui: &mut egui::Ui, dataset: &Dataset, lang: Lang, list: &TextList) {
    ui.add_space(6.0);
    ui.label(egui::RichText::new(list.name.get(lang)).strong().size(16.0));
    for (at, item) in list.items.iter().enumerate() {
        let mut line = format!("{}. {}", at + 1, item.name.get(lang));
        if lang == Lang::En && item.name.en.is_some() {
            line.push_str(&format!(" ({})", item.name.zh));
        }
        if let Some(detail) = &item.detail {
            line.push_str(&format!(" — {detail}"));
        }
        ui.label(line);
        let figures: Vec<String> = item
            .indicators
            .iter()
            .filter_map(|&ix| {
                let indicator = dataset.indicator(ix);
                let obs = indicator.latest(list.region)?;
                Some(extra_text(indicator, obs, lang))
            })
            .collect();
        if !figures.is_empty() {
            ui.indent(("figures", &list.id, at), |ui| {
                ui.label(egui::RichText::new(figures.join(lang.tr("；", "; "))).small());
            });
        }
    }
    let source = dataset.source(list.source);
    let source_line = ui.label(
        egui::RichText::new(format!(
            "{}{}{}",
            lang.tr("来源：", "Source: "),
            source.title,
            lang.aside(source.kind.label(lang))
        ))
        .small()
        .weak(),
    );
    if let Some(quote) = &list.quote {
        source_line.on_hover_text(format!("「{quote}」"));
    }
}

/// Said where a view has nothing to show, instead of an empty plot.
pub fn empty_view_ui(ui: &mut egui::Ui, lang: Lang, view_name: &str) {
    ui.add_space(20.0);
    ui.label(
        egui::RichText::new(match lang {
            Lang::Zh => format!("当前数据文件没有“{view_name}”方面的数据。"),
            Lang::En => format!("The current data file has nothing on {view_name}."),
        })
        .size(16.0),
    );
}

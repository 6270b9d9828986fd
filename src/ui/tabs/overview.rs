//! Overview: the headline figures of every view as cards (GDP and growth,
//! finance and its shares, deposits and loans, cluster scale, enterprise
//! counts) with a small line of each figure's history and its change on the
//! previous period, then the lists and charts of the overview view itself.
//! The cards show the year the file covers best; a file without any annual
//! value shows each figure's latest value.

use super::view::charts_ui;
use super::{TabContext, focus_name};
use crate::chart::Chart;
use crate::data::model::View;
use crate::ui::widgets::{kpi_cards_ui, text_list_ui};

pub fn overview_ui(ui: &mut egui::Ui, ctx: &mut TabContext<'_>) {
    let lang = ctx.lang;
    ui.heading(ctx.dataset.title().get(lang));
    if let Some(year) = ctx.featured {
        ui.label(match lang {
            crate::i18n::Lang::Zh => format!("{}的主要数据，{year} 年（文件中该地区数据最多的年份）。悬停查看来源与原文。", focus_name(ctx)),
            crate::i18n::Lang::En => format!("Headline figures for {}, {year} (the year the file covers best). Hover for sources and quotes.", focus_name(ctx)),
        });
    }
    let mut any = false;
    for view in View::ALL {
        let cards: Vec<_> = ctx
            .cards
            .of(view)
            .iter()
            .filter(|plan| ctx.featured.is_none_or(|featured| plan.period == featured))
            .filter_map(|plan| ctx.cards.kpi(ctx.dataset, plan))
            .collect();
        if cards.is_empty() {
            continue;
        }
        any = true;
        ui.add_space(8.0);
        ui.label(egui::RichText::new(view.label(lang)).strong().size(17.0));
        kpi_cards_ui(ui, ctx.dataset, lang, &cards);
    }
    for list in ctx.dataset.lists().iter().filter(|list| list.view == View::Overview) {
        any = true;
        text_list_ui(ui, ctx.dataset, lang, list);
    }
    let charts: Vec<&Chart> = ctx.charts.iter().filter(|chart| chart.view == View::Overview).collect();
    if !charts.is_empty() {
        any = true;
        charts_ui(ui, ctx, &charts);
    }
    if !any {
        crate::ui::widgets::empty_view_ui(ui, lang, View::Overview.label(lang));
    }
}

//! The five data views (Economic output, Finance, Industry clusters,
//! Enterprises, Commerce) are one tab drawn for a [`View`]: its intro, its
//! headline cards, its text lists, then its charts. They differ only by the
//! texts in [`intro`].
//!
//! An intro says what the view shows and how to read it, never what is true
//! of one file's data (prices, boundaries, what a count covers): that comes
//! from the file, as indicator notes under the cards and charts.

use super::TabContext;
use crate::chart::Chart;
use crate::data::model::View;
use crate::i18n::Lang;
use crate::ui::chart_card::chart_card_ui;
use crate::ui::widgets::{empty_view_ui, kpi_cards_ui, text_list_ui};

/// What each view shows, in both languages.
fn intro(view: View, lang: Lang) -> &'static str {
    match view {
        View::Overview | View::Custom => "",
        View::Output => lang.tr(
            "总量指标的历年变化、与同级地区的比较及占上级地区的比重。",
            "Output over the years, compared with neighbouring regions and as a share of the region above.",
        ),
        View::Finance => lang.tr(
            "占比既显示来源所述值，也在文件同时给出部分与总量时重新计算；总量未知时，由占比推算的总量标为推算值。",
            "Shares are shown as stated and, where the file has both part and whole, recomputed; a whole implied by a share is marked derived.",
        ),
        View::Clusters => lang.tr(
            "产业集群的规模、企业数与增速；由增速推算的上年数值标为推算值。",
            "Industry clusters: scale, firms and growth; a prior year implied by a growth rate is marked derived.",
        ),
        View::Enterprises => lang.tr(
            "企业与创新主体的数量，按来源发表时所述。",
            "Counts of firms and innovation bodies, as the source stated them when published.",
        ),
        View::Commerce => lang.tr(
            "商业街区、商业设施与商贸企业的数量和规模。",
            "Commercial streets, venues and trade firms: counts and scale.",
        ),
    }
}

/// How every chart marks what it shows; the same for every file.
fn reading_guide(lang: Lang) -> &'static str {
    lang.tr(
        "缺失的时期留空，不补零；来源预计值、EconLens 推算值与来源不一致的数值分别标注；“>”表示来源称“突破/超过”该数，“≈”表示“约”。",
        "Missing periods stay empty, never zero; source estimates, values derived by EconLens and disputed values are marked; “>” means the source says the figure was exceeded, “≈” that it is approximate.",
    )
}

/// A data view's tab.
pub fn view_ui(ui: &mut egui::Ui, ctx: &mut TabContext<'_>, view: View) {
    ui.heading(view.label(ctx.lang));
    ui.label(intro(view, ctx.lang));
    ui.label(egui::RichText::new(reading_guide(ctx.lang)).small().weak());
    view_body_ui(ui, ctx, view);
}

/// A data view's body: its headline cards, its text lists, then its charts;
/// one sentence when the file has nothing for it.
fn view_body_ui(ui: &mut egui::Ui, ctx: &mut TabContext<'_>, view: View) {
    let cards: Vec<_> =
        ctx.cards.of(view).iter().filter_map(|plan| ctx.cards.kpi(ctx.dataset, plan)).collect();
    let lists: Vec<_> = ctx.dataset.lists().iter().filter(|list| list.view == view).collect();
    let charts: Vec<&Chart> = ctx.charts.iter().filter(|chart| chart.view == view).collect();
    if cards.is_empty() && lists.is_empty() && charts.is_empty() {
        empty_view_ui(ui, ctx.lang, view.label(ctx.lang));
        return;
    }
    kpi_cards_ui(ui, ctx.dataset, ctx.lang, &cards);
    for list in lists {
        text_list_ui(ui, ctx.dataset, ctx.lang, list);
    }
    charts_ui(ui, ctx, &charts);
}

/// Chart cards, one under another; a card scrolled out of view only
/// reserves its height, so a tab with hundreds of charts stays fast.
pub fn charts_ui(ui: &mut egui::Ui, ctx: &mut TabContext<'_>, charts: &[&Chart]) {
    for &chart in charts {
        ui.add_space(8.0);
        if let Some(&height) = ctx.card_heights.get(&chart.id) {
            let size = egui::vec2(ui.available_width(), height);
            if !ui.is_rect_visible(egui::Rect::from_min_size(ui.cursor().min, size)) {
                ui.allocate_space(size);
                continue;
            }
        }
        let reset = ctx.reset_charts.contains(&chart.id);
        let response = chart_card_ui(ui, chart, ctx.dataset, ctx.lang, reset, ctx.commands);
        if response.contains_pointer() {
            *ctx.hovered_chart = Some(chart.id.clone());
        }
        ctx.card_heights.insert(chart.id.clone(), response.rect.height());
    }
}

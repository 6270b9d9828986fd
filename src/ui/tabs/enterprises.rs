//! Enterprises & innovation: the 专精特新 tiers with the named firms,
//! enterprises above designated size, firms over 100m yuan output, the
//! planned R&D institutions, parks, platforms and honours.

use super::{TabContext, view_body_ui};
use crate::data::model::View;

pub fn enterprises_ui(ui: &mut egui::Ui, ctx: &mut TabContext<'_>) {
    ui.heading(View::Enterprises.label(ctx.lang));
    ui.label(ctx.lang.tr(
        "企业数量为来源发表时所述；标为“计划”的是目标，不是已完成的数量。",
        "Counts are as the source stated them when published; figures marked “planned” are targets, not results.",
    ));
    view_body_ui(ui, ctx, View::Enterprises);
}

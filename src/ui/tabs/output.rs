//! Economic output: GDP over the years (gaps where a year is unknown,
//! estimates and conflicting sources marked), the share of the city
//! (derived), the city's districts side by side, stated growth and ranks.

use super::{TabContext, view_body_ui};
use crate::data::model::View;

pub fn output_ui(ui: &mut egui::Ui, ctx: &mut TabContext<'_>) {
    ui.heading(View::Output.label(ctx.lang));
    ui.label(ctx.lang.tr(
        "地区生产总值为当年价格。缺失年份留空，不补零；来源预计值、推算值与来源不一致的数值分别标注。",
        "GDP at current prices. Missing years stay empty, never zero; source estimates, derived values and disputed values are marked.",
    ));
    view_body_ui(ui, ctx, View::Output);
}

//! Finance: finance value added against district GDP and the city, the
//! shares as stated beside the same shares recomputed (derived), deposits
//! and loans with their growth and share of the city.

use super::{TabContext, view_body_ui};
use crate::data::model::View;

pub fn finance_ui(ui: &mut egui::Ui, ctx: &mut TabContext<'_>) {
    ui.heading(View::Finance.label(ctx.lang));
    ui.label(ctx.lang.tr(
        "占比既显示来源所述值，也在文件同时给出部分与总量时重新计算；总量未知时，由占比推算的总量标为推算值。",
        "Shares are shown as stated and, where the file has both part and whole, recomputed; a whole implied by a share is marked derived.",
    ));
    view_body_ui(ui, ctx, View::Finance);
}

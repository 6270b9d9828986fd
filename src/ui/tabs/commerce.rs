//! Commerce & trade: commercial streets by level, shopping centres,
//! above-quota trade firms, foreign-trade firms, retail sales and the
//! night-economy venues.

use super::{TabContext, view_body_ui};
use crate::data::model::View;

pub fn commerce_ui(ui: &mut egui::Ui, ctx: &mut TabContext<'_>) {
    ui.heading(View::Commerce.label(ctx.lang));
    view_body_ui(ui, ctx, View::Commerce);
}

//! Industry clusters: the energy-internet cluster's scale, firms and growth,
//! the prior-year scale its growth implies (derived), the ten industrial
//! chain groups and the future industries.

use super::{TabContext, view_body_ui};
use crate::data::model::View;

pub fn clusters_ui(ui: &mut egui::Ui, ctx: &mut TabContext<'_>) {
    ui.heading(View::Clusters.label(ctx.lang));
    ui.label(ctx.lang.tr(
        "“>”表示来源称“突破”该数值；由增速推算的上年规模同样是下限。",
        "“>” means the source says the figure was exceeded; a prior year implied from it is a lower bound too.",
    ));
    view_body_ui(ui, ctx, View::Clusters);
}

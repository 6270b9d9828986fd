//! A headline card's small line: the history of its figure in the periods
//! of the shown value's kind, so a card shows movement, not only a number.
//! Missing periods stay gaps; the shown value is the larger dot; with the
//! pointer over the line, the nearest value is marked and the card's
//! tooltip gives that value with its source (see [`nearest`]).

use egui::{Color32, Pos2, Rect, Stroke};

use crate::data::model::{Observation, UnitKind};

/// Height of the line, in points.
pub const HEIGHT: f32 = 30.0;
/// Height of the period labels under it.
const LABELS: f32 = 12.0;

/// Where each value was drawn, for finding the one under the pointer.
pub struct Drawn<'a> {
    pub rect: Rect,
    pub points: Vec<(Pos2, &'a Observation)>,
}

/// Draws `history` (one kind of period, in time order, undisputed values)
/// across the available width; `shown` is the card's value; `name` is what
/// a screen reader says of it.
pub fn sparkline_ui<'a>(
    ui: &mut egui::Ui,
    name: &str,
    history: &[&'a Observation],
    shown: &Observation,
    unit: UnitKind,
    accent: Color32,
    lang: crate::i18n::Lang,
) -> Drawn<'a> {
    let (whole, response) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), HEIGHT + LABELS), egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, name));
    let rect = egui::Rect::from_min_size(whole.min, egui::vec2(whole.width(), HEIGHT));
    let inner = rect.shrink2(egui::vec2(4.0, 4.0));
    let first = history.first().map_or(0, |obs| obs.period.ordinal());
    let last = history.last().map_or(1, |obs| obs.period.ordinal());
    let (low, high) = history.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), obs| {
        (low.min(obs.value), high.max(obs.value))
    });
    let span = (high - low).max(f64::EPSILON);
    // Ranks: 1 is best, so it goes on top.
    let ranks = unit == UnitKind::Rank;
    #[expect(clippy::cast_possible_truncation, reason = "a position on screen")]
    let position = |obs: &Observation| {
        let along = f64::from(obs.period.ordinal() - first) / f64::from((last - first).max(1));
        let up = (obs.value - low) / span;
        let up = if ranks { 1.0 - up } else { up };
        egui::pos2(inner.left() + inner.width() * along as f32, inner.bottom() - inner.height() * up as f32)
    };
    let points: Vec<(Pos2, &Observation)> = history.iter().map(|obs| (position(obs), *obs)).collect();
    let painter = ui.painter_at(whole);
    let line_colour = ui.visuals().weak_text_color();
    // The first and last period under the line's ends: how far back it goes.
    let small = egui::FontId::proportional(10.0);
    if let (Some(first), Some(last)) = (history.first(), history.last()) {
        let y = rect.bottom() + 1.0;
        painter.text(
            egui::pos2(inner.left(), y),
            egui::Align2::LEFT_TOP,
            first.period.label(lang),
            small.clone(),
            line_colour,
        );
        painter.text(
            egui::pos2(inner.right(), y),
            egui::Align2::RIGHT_TOP,
            last.period.label(lang),
            small,
            line_colour,
        );
    }
    for pair in points.windows(2) {
        let ((a, before), (b, after)) = (pair[0], pair[1]);
        if after.period.ordinal() - before.period.ordinal() == 1 {
            painter.line_segment([a, b], Stroke::new(1.5, line_colour));
        }
    }
    let hovered = ui
        .ctx()
        .pointer_hover_pos()
        .filter(|pointer| rect.contains(*pointer))
        .and_then(|pointer| nearest(&points, pointer));
    for (at, (pos, obs)) in points.iter().enumerate() {
        let is_shown = obs.period == shown.period;
        let radius = if is_shown { 3.5 } else { 2.0 };
        painter.circle_filled(*pos, radius, if is_shown { accent } else { line_colour });
        if hovered == Some(at) {
            painter.circle_stroke(*pos, 5.0, Stroke::new(1.5, accent));
        }
    }
    Drawn { rect, points }
}

/// The value drawn nearest to `pointer` along the line, by position in time.
pub fn nearest(points: &[(Pos2, &Observation)], pointer: Pos2) -> Option<usize> {
    points
        .iter()
        .enumerate()
        .min_by(|(_, (a, _)), (_, (b, _))| (a.x - pointer.x).abs().total_cmp(&(b.x - pointer.x).abs()))
        .map(|(at, _)| at)
}

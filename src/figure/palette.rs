//! Chart colours that stay distinguishable in light and dark themes and for
//! colour-blind readers (the Okabe–Ito palette), one per series style.

use egui::Color32;

use crate::chart::SeriesStyle;

/// Fill and outline of a bar of `style`.
pub fn bar_colors(style: SeriesStyle, dark_mode: bool) -> (Color32, Color32) {
    let solid = |light: (u8, u8, u8), dark: (u8, u8, u8)| {
        let (r, g, b) = if dark_mode { dark } else { light };
        Color32::from_rgb(r, g, b)
    };
    match style {
        // Vermillion: the region the dashboard is about.
        SeriesStyle::Focus => {
            let color = solid((213, 94, 0), (240, 120, 40));
            (color, color)
        }
        // Blue: every other region.
        SeriesStyle::Other => {
            let color = solid((0, 114, 178), (86, 180, 233));
            (color, color)
        }
        // Orange outline on a pale fill: computed, not stated.
        SeriesStyle::Derived => {
            let color = solid((230, 159, 0), (240, 180, 50));
            (color.gamma_multiply(0.35), color)
        }
        // Bluish green, pale: the source's own estimate.
        SeriesStyle::Estimate => {
            let color = solid((0, 158, 115), (40, 190, 150));
            (color.gamma_multiply(0.45), color)
        }
        // Reddish purple: sources disagree.
        SeriesStyle::Conflict => {
            let color = solid((204, 121, 167), (220, 150, 190));
            (color.gamma_multiply(0.8), color)
        }
    }
}

/// The accent used for warnings and errors.
pub fn error_color(dark_mode: bool) -> Color32 {
    if dark_mode { Color32::from_rgb(255, 120, 110) } else { Color32::from_rgb(190, 30, 30) }
}

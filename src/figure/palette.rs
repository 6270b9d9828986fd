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

/// Colours of other regions' lines, after the focus's vermillion: the rest of
/// the Okabe–Ito palette, then greys.
/// (light theme, dark theme) as RGB.
type Rgb = (u8, u8, u8);

const LINE_COLOURS: [(Rgb, Rgb); 7] = [
    ((0, 114, 178), (86, 180, 233)),
    ((0, 158, 115), (40, 190, 150)),
    ((204, 121, 167), (220, 150, 190)),
    ((230, 159, 0), (240, 180, 50)),
    ((86, 180, 233), (130, 200, 240)),
    ((120, 94, 240), (160, 140, 250)),
    ((90, 90, 90), (170, 170, 170)),
];

/// The colour of a line: the focus region's vermillion, else the `slot`-th
/// colour for other regions.
pub fn line_colour(style: SeriesStyle, slot: usize, dark_mode: bool) -> Color32 {
    if style == SeriesStyle::Focus {
        return bar_colors(SeriesStyle::Focus, dark_mode).1;
    }
    let (light, dark) = LINE_COLOURS[slot % LINE_COLOURS.len()];
    let (r, g, b) = if dark_mode { dark } else { light };
    Color32::from_rgb(r, g, b)
}

/// Fill and outline of a series' bars: a region's own colour (the focus's
/// vermillion, or its slot's colour) for regions, the style's colour for
/// estimates, derived values and disputed values.
pub fn series_bar_colours(style: SeriesStyle, slot: usize, dark_mode: bool) -> (Color32, Color32) {
    match style {
        SeriesStyle::Focus | SeriesStyle::Other => {
            let colour = line_colour(style, slot, dark_mode);
            (colour, colour)
        }
        SeriesStyle::Derived | SeriesStyle::Estimate | SeriesStyle::Conflict => bar_colors(style, dark_mode),
    }
}

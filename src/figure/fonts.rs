//! The bundled Chinese font, so Chinese renders on every machine.
//!
//! egui's own fonts have no CJK glyphs. We bundle a subset of Noto Sans CJK SC
//! (GB2312 level 1 plus every character of the UI and the default dataset;
//! `assets/fonts/make-subset.py` rebuilds it) as a fallback after egui's Latin
//! font. Characters outside the subset, in a user's own file, come from the
//! system's fonts through eframe's `system_fonts` provider.

/// The subset font, licensed under the SIL Open Font License (`assets/fonts/OFL.txt`).
pub const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-EconLens.otf");
const CJK_FONT_NAME: &str = "NotoSansSC-EconLens";

/// egui's default fonts with the Chinese subset added after them in every family.
pub fn font_definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(CJK_FONT_NAME.to_owned(), egui::FontData::from_static(CJK_FONT).into());
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push(CJK_FONT_NAME.to_owned());
    }
    fonts
}

/// Installs [`font_definitions`] on a context; the app and the tests both call this.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

//! Glyph outlines read from the fonts egui lays figures out with, so an SVG
//! or PDF draws each character with the same face egui chose for it: the
//! family's fonts in order, the first one with the character (egui's
//! fallback rule), scaled and offset by the font's tweak as egui does.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use egui::emath::GuiRounding as _;
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{FontRef, GlyphId, MetadataProvider as _};

use crate::export::vector::{GlyphOutline, Segment};

/// One font file of the definitions.
struct Face {
    data: Arc<egui::FontData>,
    units_per_em: f32,
}

impl Face {
    fn font(&self) -> Option<FontRef<'_>> {
        FontRef::from_index((*self.data.font).as_ref(), self.data.index).ok()
    }
}

/// The fonts of a set of egui font definitions, by family, with the
/// characters and outlines looked up so far (every export draws mostly the
/// same few hundred glyphs).
pub struct Faces {
    faces: Vec<Face>,
    families: HashMap<egui::FontFamily, Vec<usize>>,
    resolved: Mutex<HashMap<(egui::FontFamily, char), Option<GlyphKey>>>,
    outlines: Mutex<HashMap<GlyphKey, Option<Arc<GlyphOutline>>>>,
    clusters: Mutex<HashMap<(usize, String), ShapedCluster>>,
}

/// The glyphs of a shaped cluster, each with its offset in font units.
pub type ShapedCluster = Arc<[(GlyphKey, egui::Vec2)]>;

/// Which face draws a character, and its glyph there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GlyphKey {
    pub face: usize,
    pub glyph: GlyphId,
}

impl Faces {
    /// The faces of `definitions`; fonts skrifa cannot read are left out
    /// (egui cannot draw with them either).
    pub fn new(definitions: &egui::FontDefinitions) -> Self {
        let mut faces = Vec::new();
        let mut by_name = HashMap::new();
        for (name, data) in &definitions.font_data {
            let Ok(font) = FontRef::from_index((*data.font).as_ref(), data.index) else { continue };
            let units_per_em = f32::from(font.metrics(Size::unscaled(), LocationRef::default()).units_per_em);
            by_name.insert(name.as_str(), faces.len());
            faces.push(Face { data: Arc::clone(data), units_per_em: units_per_em.max(1.0) });
        }
        let families = definitions
            .families
            .iter()
            .map(|(family, names)| {
                (
                    family.clone(),
                    names.iter().filter_map(|name| by_name.get(name.as_str()).copied()).collect(),
                )
            })
            .collect();
        Self {
            faces,
            families,
            resolved: Mutex::default(),
            outlines: Mutex::default(),
            clusters: Mutex::default(),
        }
    }

    /// The faces figures are drawn with (egui's fonts and the bundled Chinese font).
    pub fn figure() -> &'static Self {
        static FACES: OnceLock<Faces> = OnceLock::new();
        FACES.get_or_init(|| Self::new(&crate::figure::fonts::font_definitions()))
    }

    /// The face of `family` that draws `c`, and its glyph. When no face has
    /// it, the first face's missing-glyph box, as egui draws it.
    pub fn resolve(&self, family: &egui::FontFamily, c: char) -> Option<GlyphKey> {
        let mut resolved = self.resolved.lock().unwrap_or_else(PoisonError::into_inner);
        *resolved.entry((family.clone(), c)).or_insert_with(|| self.find(family, c))
    }

    fn find(&self, family: &egui::FontFamily, c: char) -> Option<GlyphKey> {
        let faces =
            self.families.get(family).or_else(|| self.families.get(&egui::FontFamily::Proportional))?;
        faces
            .iter()
            .find_map(|&face| {
                let glyph = self.faces[face].font()?.charmap().map(c)?;
                (glyph != GlyphId::NOTDEF).then_some(GlyphKey { face, glyph })
            })
            .or_else(|| faces.first().map(|&face| GlyphKey { face, glyph: GlyphId::NOTDEF }))
    }

    /// The glyphs `face` draws a cluster of several characters with (a
    /// ligature such as "fi"), each with its offset from the cluster's pen
    /// position in font units (y down). egui keeps such a cluster as its
    /// first character's glyph followed by empty ones.
    pub fn shape(&self, face: usize, cluster: &str) -> ShapedCluster {
        let mut clusters = self.clusters.lock().unwrap_or_else(PoisonError::into_inner);
        let key = (face, cluster.to_owned());
        Arc::clone(clusters.entry(key).or_insert_with(|| self.shape_cluster(face, cluster).into()))
    }

    fn shape_cluster(&self, face: usize, cluster: &str) -> Vec<(GlyphKey, egui::Vec2)> {
        let Some(font) = self.faces.get(face).and_then(Face::font) else { return Vec::new() };
        let data = harfrust::ShaperData::new(&font);
        let shaper = data.shaper(&font).build();
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.push_str(cluster);
        buffer.guess_segment_properties();
        let shaped = shaper.shape(buffer, harfrust::ShapeOptions::new());
        let mut pen = 0.0;
        let mut glyphs = Vec::new();
        for (info, position) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            #[expect(clippy::cast_precision_loss, reason = "font units are small")]
            let offset = egui::vec2(pen + position.x_offset as f32, -(position.y_offset as f32));
            glyphs.push((GlyphKey { face, glyph: GlyphId::new(info.glyph_id) }, offset));
            #[expect(clippy::cast_precision_loss, reason = "font units are small")]
            let advance = position.x_advance as f32;
            pen += advance;
        }
        glyphs
    }

    /// Points per font unit for text of `font_size` points in `face`.
    pub fn scale(&self, face: usize, font_size: f32) -> f32 {
        let face = &self.faces[face];
        font_size * face.data.tweak.scale / face.units_per_em
    }

    /// How far egui moves `face`'s glyphs down at `font_size`, in points.
    pub fn y_offset(&self, face: usize, font_size: f32) -> f32 {
        let tweak = &self.faces[face].data.tweak;
        (font_size * tweak.scale * tweak.y_offset_factor + tweak.y_offset).round_ui()
    }

    /// The glyph's outline in font units, y down; `None` for a glyph with
    /// nothing to draw (a space).
    pub fn outline(&self, key: GlyphKey) -> Option<Arc<GlyphOutline>> {
        let mut outlines = self.outlines.lock().unwrap_or_else(PoisonError::into_inner);
        outlines.entry(key).or_insert_with(|| self.read_outline(key).map(Arc::new)).clone()
    }

    fn read_outline(&self, key: GlyphKey) -> Option<GlyphOutline> {
        let font = self.faces.get(key.face)?.font()?;
        let glyph = font.outline_glyphs().get(key.glyph)?;
        let mut pen = FlipPen::default();
        glyph.draw(DrawSettings::unhinted(Size::unscaled(), LocationRef::default()), &mut pen).ok()?;
        if pen.path.is_empty() {
            return None;
        }
        Some(GlyphOutline::new(pen.path, pen.bounds))
    }
}

/// Collects an outline with y pointing down, as on screen.
struct FlipPen {
    path: Vec<Segment>,
    bounds: egui::Rect,
}

impl Default for FlipPen {
    fn default() -> Self {
        Self { path: Vec::new(), bounds: egui::Rect::NOTHING }
    }
}

impl FlipPen {
    fn point(&mut self, x: f32, y: f32) -> egui::Pos2 {
        let point = egui::pos2(x, -y);
        self.bounds.extend_with(point);
        point
    }
}

impl OutlinePen for FlipPen {
    fn move_to(&mut self, x: f32, y: f32) {
        let point = self.point(x, y);
        self.path.push(Segment::Move(point));
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let point = self.point(x, y);
        self.path.push(Segment::Line(point));
    }

    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        let control = self.point(cx0, cy0);
        let point = self.point(x, y);
        self.path.push(Segment::Quad(control, point));
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        let (first, second) = (self.point(cx0, cy0), self.point(cx1, cy1));
        let point = self.point(x, y);
        self.path.push(Segment::Cubic(first, second, point));
    }

    fn close(&mut self) {
        self.path.push(Segment::Close);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_comes_from_the_bundled_font_and_latin_from_egui_s() {
        let faces = Faces::figure();
        let proportional = egui::FontFamily::Proportional;
        let (latin, chinese) = (faces.resolve(&proportional, 'G'), faces.resolve(&proportional, '区'));
        let (Some(latin), Some(chinese)) = (latin, chinese) else { panic!("both characters have a face") };
        assert_ne!(latin.face, chinese.face);
        assert!(faces.outline(chinese).is_some_and(|outline| outline.path.len() > 10));
        assert!(faces.resolve(&proportional, ' ').and_then(|space| faces.outline(space)).is_none());
        // A character no bundled font has is a box, as in the PNG.
        let missing = faces.resolve(&proportional, '\u{10FFFD}');
        assert!(missing.is_some_and(|key| key.glyph == GlyphId::NOTDEF && faces.outline(key).is_some()));
        // egui's Latin font joins "fi" into one glyph, as egui draws it.
        let Some(f) = faces.resolve(&proportional, 'f') else { panic!("f has a face") };
        let ligature = faces.shape(f.face, "fi");
        assert_eq!(ligature.len(), 1, "{ligature:?}");
        assert_ne!(ligature[0].0, f);
    }
}

//! SVG and PDF exports: the figure as vector elements, made from the same
//! egui shapes the PNG is painted from (see [`scene`]), then written out by
//! [`svg`] or [`pdf`]. No GPU is involved, so they work on a server without
//! any renderer.
//!
//! Text is drawn as glyph outlines read from the very fonts egui laid it
//! out with ([`glyphs`]), each outline defined once and reused: the file
//! needs no font, Chinese looks the same on a machine without Noto Sans SC,
//! and every glyph sits where egui put it.

pub mod glyphs;
pub mod pdf;
pub mod scene;
pub mod svg;

pub use scene::from_laid_out;

/// One piece of a path, in the figure's coordinates (points, y down) or,
/// for a glyph, in font units (y down).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Segment {
    Move(egui::Pos2),
    Line(egui::Pos2),
    Quad(egui::Pos2, egui::Pos2),
    Cubic(egui::Pos2, egui::Pos2, egui::Pos2),
    Close,
}

/// An outline made of [`Segment`]s.
pub type Path = Vec<Segment>;

/// A line's width (points) and colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pen {
    pub width: f32,
    pub color: egui::Color32,
}

/// A glyph's outline, drawn wherever the glyph is used. Outlines are read
/// once per run and shared by every export, with their SVG path and PDF
/// stream written on first use.
#[derive(Clone, Debug, PartialEq)]
pub struct GlyphOutline {
    /// In font units, y down, the pen at the origin.
    pub path: Path,
    /// The outline's bounds in the same units.
    pub bounds: egui::Rect,
    /// The path as an SVG `d` attribute.
    pub svg: std::sync::OnceLock<String>,
    /// The path as a deflated PDF content stream that fills it.
    pub pdf: std::sync::OnceLock<Vec<u8>>,
}

impl GlyphOutline {
    pub fn new(path: Path, bounds: egui::Rect) -> Self {
        Self { path, bounds, svg: std::sync::OnceLock::new(), pdf: std::sync::OnceLock::new() }
    }
}

/// One thing drawn, in painting order.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A filled and/or stroked outline.
    Shape { path: Path, fill: Option<egui::Color32>, stroke: Option<Pen>, clip: Option<usize> },
    /// A glyph outline placed by `transform` (`[a b c d e f]`, as in SVG's
    /// `matrix()`: font units to points) and filled with `color`.
    Glyph { outline: usize, transform: [f32; 6], color: egui::Color32, clip: Option<usize> },
}

impl Item {
    pub fn clip(&self) -> Option<usize> {
        match self {
            Self::Shape { clip, .. } | Self::Glyph { clip, .. } => *clip,
        }
    }
}

/// A figure as vector elements.
#[derive(Clone, Debug, PartialEq)]
pub struct VectorFigure {
    /// In points (CSS pixels).
    pub size: egui::Vec2,
    pub background: egui::Color32,
    pub glyphs: Vec<std::sync::Arc<GlyphOutline>>,
    /// Clip rectangles the items refer to by index.
    pub clips: Vec<egui::Rect>,
    pub items: Vec<Item>,
}

impl VectorFigure {
    /// Draws `figure` into this one with its top left at `at`, `scale` times
    /// its size, clipped to its own rectangle: a chart placed on a report's page.
    pub fn place(&mut self, figure: &Self, at: egui::Pos2, scale: f32) {
        let map = |p: egui::Pos2| at + p.to_vec2() * scale;
        let glyph_offset = self.glyphs.len();
        self.glyphs.extend(figure.glyphs.iter().cloned());
        let bounds = egui::Rect::from_min_size(at, figure.size * scale);
        let own_clip = self.clips.len();
        self.clips.push(bounds);
        let clip_offset = self.clips.len();
        self.clips.extend(
            figure
                .clips
                .iter()
                .map(|clip| egui::Rect::from_min_max(map(clip.min), map(clip.max)).intersect(bounds)),
        );
        let clip_of = |clip: Option<usize>| Some(clip.map_or(own_clip, |clip| clip + clip_offset));
        let corners = [bounds.left_top(), bounds.right_top(), bounds.right_bottom(), bounds.left_bottom()];
        let mut background: Path = vec![Segment::Move(corners[0])];
        background.extend(corners[1..].iter().map(|&corner| Segment::Line(corner)));
        background.push(Segment::Close);
        self.items.push(Item::Shape {
            path: background,
            fill: Some(figure.background),
            stroke: None,
            clip: None,
        });
        for item in &figure.items {
            self.items.push(match item {
                Item::Shape { path, fill, stroke, clip } => Item::Shape {
                    path: path.iter().map(|segment| map_segment(*segment, &map)).collect(),
                    fill: *fill,
                    stroke: stroke.map(|pen| Pen { width: pen.width * scale, color: pen.color }),
                    clip: clip_of(*clip),
                },
                Item::Glyph { outline, transform: [a, b, c, d, e, f], color, clip } => Item::Glyph {
                    outline: outline + glyph_offset,
                    transform: [
                        a * scale,
                        b * scale,
                        c * scale,
                        d * scale,
                        e * scale + at.x,
                        f * scale + at.y,
                    ],
                    color: *color,
                    clip: clip_of(*clip),
                },
            });
        }
    }
}

fn map_segment(segment: Segment, map: &impl Fn(egui::Pos2) -> egui::Pos2) -> Segment {
    match segment {
        Segment::Move(p) => Segment::Move(map(p)),
        Segment::Line(p) => Segment::Line(map(p)),
        Segment::Quad(c, p) => Segment::Quad(map(c), map(p)),
        Segment::Cubic(c1, c2, p) => Segment::Cubic(map(c1), map(c2), map(p)),
        Segment::Close => Segment::Close,
    }
}

/// What a vector file says about itself: its title and description.
#[derive(Clone, Copy, Debug)]
pub struct Description<'a> {
    pub title: &'a str,
    /// Unit, period and sources.
    pub description: &'a str,
    /// `zh-CN` or `en`.
    pub lang: &'a str,
}

/// A colour as sRGB bytes without premultiplied alpha, and its opacity.
pub fn unmultiplied(color: egui::Color32) -> ([u8; 3], f32) {
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    ([r, g, b], f32::from(a) / 255.0)
}

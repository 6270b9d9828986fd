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

//! A [`VectorFigure`] as an SVG file: a `<title>` and `<desc>` saying what
//! it shows, each glyph outline once in `<defs>` and placed with `<use>`,
//! one clip path per clip rectangle, colours as sRGB with opacity. Opens in
//! browsers, Inkscape and Illustrator; needs no font.

use std::fmt::Write as _;

use crate::export::vector::{Description, Item, Path, Segment, VectorFigure, unmultiplied};

/// The SVG document for `figure`.
pub fn write_svg(figure: &VectorFigure, about: &Description<'_>) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let names: Vec<String> = (0..figure.glyphs.len()).map(|index| format!("g{index}")).collect();
    push_svg(&mut out, figure, about, &Ids { glyphs: &names, clip_prefix: "c", own_glyphs: true });
    out
}

/// How a figure's elements are named: its glyphs, and a prefix for its clip paths.
struct Ids<'a> {
    glyphs: &'a [String],
    clip_prefix: &'a str,
    /// The glyphs are defined in this `<svg>` (not in the page's shared definitions).
    own_glyphs: bool,
}

/// Many figures in one HTML page: each glyph outline is defined once for
/// the page ([`SharedGlyphs::defs`]) and every figure's `<svg>` uses it.
#[derive(Default)]
pub struct SharedGlyphs {
    /// Kept alive, so an outline's address names it for the whole page.
    outlines: Vec<std::sync::Arc<crate::export::vector::GlyphOutline>>,
    index: std::collections::HashMap<*const crate::export::vector::GlyphOutline, usize>,
    figures: usize,
}

impl SharedGlyphs {
    /// `figure` as an `<svg>` element to put in an HTML page (no XML prolog;
    /// ids unique in the page).
    pub fn element(&mut self, figure: &VectorFigure, about: &Description<'_>) -> String {
        let names: Vec<String> = figure
            .glyphs
            .iter()
            .map(|glyph| {
                let at = *self.index.entry(std::sync::Arc::as_ptr(glyph)).or_insert_with(|| {
                    self.outlines.push(std::sync::Arc::clone(glyph));
                    self.outlines.len() - 1
                });
                format!("eg{at}")
            })
            .collect();
        self.figures += 1;
        let clip_prefix = format!("f{}c", self.figures);
        let mut out = String::with_capacity(32 * 1024);
        push_svg(
            &mut out,
            figure,
            about,
            &Ids { glyphs: &names, clip_prefix: &clip_prefix, own_glyphs: false },
        );
        out
    }

    /// The outlines every element uses, as a hidden `<svg>` to put before them.
    pub fn defs(&self) -> String {
        let mut out = String::from(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\"><defs>\n",
        );
        for (index, glyph) in self.outlines.iter().enumerate() {
            let d = glyph.svg.get_or_init(|| path_data(&glyph.path, 0));
            let _ = writeln!(out, "<path id=\"eg{index}\" d=\"{d}\"/>");
        }
        out.push_str("</defs></svg>\n");
        out
    }
}

/// The `<svg>` element of `figure`.
fn push_svg(out: &mut String, figure: &VectorFigure, about: &Description<'_>, ids: &Ids<'_>) {
    let (width, height) = (number(figure.size.x, 2), number(figure.size.y, 2));
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" \
         xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" xml:lang=\"{}\" role=\"img\">\n<title>{}</title>\n<desc>{}</desc>\n",
        escape(about.lang),
        escape(about.title),
        escape(about.description),
    );
    let _ = writeln!(out, "<metadata>EconLens {}</metadata>", env!("CARGO_PKG_VERSION"));
    push_defs(out, figure, ids);
    out.push_str("<rect width=\"100%\" height=\"100%\"");
    push_fill(out, figure.background);
    out.push_str("/>\n");
    let mut open_clip = None;
    for item in &figure.items {
        if item.clip() != open_clip {
            if open_clip.is_some() {
                out.push_str("</g>\n");
            }
            if let Some(clip) = item.clip() {
                let _ = writeln!(out, "<g clip-path=\"url(#{}{clip})\">", ids.clip_prefix);
            }
            open_clip = item.clip();
        }
        push_item(out, item, ids);
    }
    if open_clip.is_some() {
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
}

/// Each glyph outline once (unless the page defines them), and one clip path per clip rectangle.
fn push_defs(out: &mut String, figure: &VectorFigure, ids: &Ids<'_>) {
    out.push_str("<defs>\n");
    if ids.own_glyphs {
        for (glyph, name) in figure.glyphs.iter().zip(ids.glyphs) {
            let d = glyph.svg.get_or_init(|| path_data(&glyph.path, 0));
            let _ = writeln!(out, "<path id=\"{name}\" d=\"{d}\"/>");
        }
    }
    for (index, clip) in figure.clips.iter().enumerate() {
        let _ = writeln!(
            out,
            "<clipPath id=\"{}{index}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>",
            ids.clip_prefix,
            number(clip.min.x, 2),
            number(clip.min.y, 2),
            number(clip.width(), 2),
            number(clip.height(), 2)
        );
    }
    out.push_str("</defs>\n");
}

/// One shape as a `<path>`, or one glyph as a `<use>` of its outline.
fn push_item(out: &mut String, item: &Item, ids: &Ids<'_>) {
    match item {
        Item::Shape { path, fill: fill_colour, stroke, .. } => {
            out.push_str("<path d=\"");
            out.push_str(&path_data(path, 2));
            out.push('"');
            match fill_colour {
                Some(colour) => push_fill(out, *colour),
                None => out.push_str(" fill=\"none\""),
            }
            if let Some(pen) = stroke {
                let ([r, g, b], alpha) = unmultiplied(pen.color);
                let _ = write!(
                    out,
                    " stroke=\"#{r:02x}{g:02x}{b:02x}\" stroke-width=\"{}\"",
                    number(pen.width, 2)
                );
                if alpha < 1.0 {
                    let _ = write!(out, " stroke-opacity=\"{}\"", number(alpha, 3));
                }
            }
            out.push_str("/>\n");
        }
        Item::Glyph { outline, transform, color, .. } => {
            let name = ids.glyphs.get(*outline).map_or("", String::as_str);
            let _ = write!(out, "<use xlink:href=\"#{name}\" transform=\"matrix(");
            for (index, value) in transform.iter().enumerate() {
                if index > 0 {
                    out.push(' ');
                }
                push_number(out, *value, if index < 4 { 6 } else { 2 });
            }
            out.push_str(")\"");
            push_fill(out, *color);
            out.push_str("/>\n");
        }
    }
}

/// Appends ` fill="#rrggbb"`, with ` fill-opacity` when it is not opaque.
fn push_fill(out: &mut String, colour: egui::Color32) {
    let ([r, g, b], alpha) = unmultiplied(colour);
    let _ = write!(out, " fill=\"#{r:02x}{g:02x}{b:02x}\"");
    if alpha < 1.0 {
        out.push_str(" fill-opacity=\"");
        push_number(out, alpha, 3);
        out.push('"');
    }
}

/// A path's `d` attribute, coordinates with `decimals` digits at most.
fn path_data(path: &Path, decimals: u32) -> String {
    let mut d = String::with_capacity(path.len() * 12);
    let point = |d: &mut String, p: egui::Pos2| {
        push_number(d, p.x, decimals);
        d.push(' ');
        push_number(d, p.y, decimals);
    };
    for segment in path {
        match *segment {
            Segment::Move(p) => {
                d.push('M');
                point(&mut d, p);
            }
            Segment::Line(p) => {
                d.push('L');
                point(&mut d, p);
            }
            Segment::Quad(c, p) => {
                d.push('Q');
                point(&mut d, c);
                d.push(' ');
                point(&mut d, p);
            }
            Segment::Cubic(c1, c2, p) => {
                d.push('C');
                point(&mut d, c1);
                d.push(' ');
                point(&mut d, c2);
                d.push(' ');
                point(&mut d, p);
            }
            Segment::Close => d.push('Z'),
        }
    }
    d
}

/// `value` with at most `decimals` digits after the point and no trailing zeros.
pub fn number(value: f32, decimals: u32) -> String {
    let mut text = String::new();
    push_number(&mut text, value, decimals);
    text
}

/// Appends [`number`]'s text to `out` without allocating.
fn push_number(out: &mut String, value: f32, decimals: u32) {
    let factor = 10u64.pow(decimals);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_precision_loss,
        reason = "figure coordinates are far below 2^53 / 10^6"
    )]
    let scaled = (f64::from(value) * factor as f64).round() as i64;
    if scaled == 0 || !value.is_finite() {
        out.push('0');
        return;
    }
    if scaled < 0 {
        out.push('-');
    }
    let (whole, mut fraction) = (scaled.unsigned_abs() / factor, scaled.unsigned_abs() % factor);
    let _ = write!(out, "{whole}");
    if fraction != 0 {
        let mut digits = decimals as usize;
        while fraction % 10 == 0 {
            fraction /= 10;
            digits -= 1;
        }
        let _ = write!(out, ".{fraction:0digits$}");
    }
}

/// Text for XML content and attributes.
/// Text as XML (and HTML) text or a double-quoted attribute value; control
/// characters XML cannot hold become spaces.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            // XML 1.0 cannot hold other control characters at all.
            '\n' | '\t' => escaped.push(c),
            c if c.is_control() => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        assert_eq!(number(1.5, 2), "1.5");
        assert_eq!(number(2.0, 2), "2");
        assert_eq!(number(-0.001, 2), "0");
        assert_eq!(number(0.0139999, 6), "0.014");
        assert_eq!(number(f32::NAN, 2), "0");
    }

    #[test]
    fn titles_are_escaped() {
        assert_eq!(escape("GDP <亿元> & \"增速\"\u{1}"), "GDP &lt;亿元&gt; &amp; &quot;增速&quot; ");
    }
}

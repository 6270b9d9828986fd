//! A [`VectorFigure`] as an SVG file: a `<title>` and `<desc>` saying what
//! it shows, each glyph outline once in `<defs>` and placed with `<use>`,
//! one clip path per clip rectangle, colours as sRGB with opacity. Opens in
//! browsers, Inkscape and Illustrator; needs no font.

use std::fmt::Write as _;

use crate::export::vector::{Description, Item, Path, Segment, VectorFigure, unmultiplied};

/// The SVG document for `figure`.
pub fn write_svg(figure: &VectorFigure, about: &Description<'_>) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let (width, height) = (number(figure.size.x, 2), number(figure.size.y, 2));
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" xml:lang=\"{}\" role=\"img\">\n<title>{}</title>\n<desc>{}</desc>\n",
        escape(about.lang),
        escape(about.title),
        escape(about.description),
    );
    let _ = writeln!(out, "<metadata>EconLens {}</metadata>", env!("CARGO_PKG_VERSION"));
    push_defs(&mut out, figure);
    out.push_str("<rect width=\"100%\" height=\"100%\"");
    push_fill(&mut out, figure.background);
    out.push_str("/>\n");
    let mut open_clip = None;
    for item in &figure.items {
        if item.clip() != open_clip {
            if open_clip.is_some() {
                out.push_str("</g>\n");
            }
            if let Some(clip) = item.clip() {
                let _ = writeln!(out, "<g clip-path=\"url(#c{clip})\">");
            }
            open_clip = item.clip();
        }
        push_item(&mut out, item);
    }
    if open_clip.is_some() {
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

/// Each glyph outline once, and one clip path per clip rectangle.
fn push_defs(out: &mut String, figure: &VectorFigure) {
    out.push_str("<defs>\n");
    for (index, glyph) in figure.glyphs.iter().enumerate() {
        let d = glyph.svg.get_or_init(|| path_data(&glyph.path, 0));
        let _ = writeln!(out, "<path id=\"g{index}\" d=\"{d}\"/>");
    }
    for (index, clip) in figure.clips.iter().enumerate() {
        let _ = writeln!(
            out,
            "<clipPath id=\"c{index}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>",
            number(clip.min.x, 2),
            number(clip.min.y, 2),
            number(clip.width(), 2),
            number(clip.height(), 2)
        );
    }
    out.push_str("</defs>\n");
}

/// One shape as a `<path>`, or one glyph as a `<use>` of its outline.
fn push_item(out: &mut String, item: &Item) {
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
            let _ = write!(out, "<use xlink:href=\"#g{outline}\" transform=\"matrix(");
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
fn escape(text: &str) -> String {
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

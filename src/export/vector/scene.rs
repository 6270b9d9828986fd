//! egui's shapes (before tessellation) as vector items: rectangles, circles,
//! lines, paths and meshes become outlines with a fill and a pen; text
//! becomes glyph outlines placed exactly where egui laid each glyph out.
//! Each clip rectangle is kept, so what egui cuts off is cut off here too.

use std::collections::HashMap;

use egui::emath::GuiRounding as _;
use egui::epaint::{
    self, CircleShape, ClippedShape, ColorMode, CubicBezierShape, EllipseShape, PathShape, PathStroke,
    QuadraticBezierShape, RectShape, Shape, StrokeKind, TextShape,
};
use egui::{Color32, Pos2, Rect, Stroke, Vec2, pos2, vec2};

use crate::export::layout::LaidOut;
use crate::export::vector::glyphs::{Faces, GlyphKey};
use crate::export::vector::{Item, Path, Pen, Segment, VectorFigure};

/// How far a cubic's control points sit along the tangent to draw a quarter circle.
const KAPPA: f32 = 0.552_284_8;

/// The figure egui laid out, as vector items.
pub fn from_laid_out(laid_out: &LaidOut) -> VectorFigure {
    let mut builder = Builder {
        faces: Faces::figure(),
        scale: laid_out.scale,
        page: Rect::from_min_size(Pos2::ZERO, laid_out.size),
        figure: VectorFigure {
            size: laid_out.size,
            background: laid_out.background,
            glyphs: Vec::new(),
            clips: Vec::new(),
            items: Vec::new(),
        },
        glyph_index: HashMap::new(),
        clip: None,
    };
    for ClippedShape { clip_rect, shape, transform_after_tessellation } in &laid_out.shapes {
        let visible = clip_rect.intersect(builder.page);
        if !visible.is_positive() {
            continue;
        }
        // Only an animation (a popup scaling in) moves shapes after
        // tessellation; a figure has none, but the drawing is the same.
        let moved;
        let shape = if *transform_after_tessellation == egui::emath::TSTransform::IDENTITY {
            shape
        } else {
            let mut copy = shape.clone();
            copy.transform(*transform_after_tessellation);
            moved = copy;
            &moved
        };
        if !shape.visual_bounding_rect().intersects(visible) {
            continue;
        }
        builder.clip = builder.clip_index(visible);
        builder.shape(shape);
    }
    builder.figure
}

struct Builder {
    faces: &'static Faces,
    /// Pixels per point egui snapped the layout to.
    scale: f32,
    page: Rect,
    figure: VectorFigure,
    /// Where each glyph's outline is in `figure.glyphs` (`None`: nothing to draw).
    glyph_index: HashMap<GlyphKey, Option<usize>>,
    /// The clip of the shape being converted.
    clip: Option<usize>,
}

impl Builder {
    /// `None` when the clip leaves the whole page visible.
    fn clip_index(&mut self, clip: Rect) -> Option<usize> {
        if clip.contains_rect(self.page) || clip == self.page {
            return None;
        }
        let clips = &mut self.figure.clips;
        Some(clips.iter().rposition(|known| *known == clip).unwrap_or_else(|| {
            clips.push(clip);
            clips.len() - 1
        }))
    }

    fn push(&mut self, path: Path, fill: Color32, stroke: Option<Pen>) {
        let fill = (fill != Color32::TRANSPARENT).then_some(fill);
        let stroke = stroke.filter(|pen| pen.width > 0.0 && pen.color != Color32::TRANSPARENT).map(|pen| {
            // egui draws a line thinner than a pixel one pixel wide and
            // fainter; so does the vector file at the density it was laid out for.
            let pixels = pen.width * self.scale;
            if pixels < 1.0 {
                Pen { width: 1.0 / self.scale, color: pen.color.gamma_multiply(pixels) }
            } else {
                pen
            }
        });
        if path.is_empty() || (fill.is_none() && stroke.is_none()) {
            return;
        }
        self.figure.items.push(Item::Shape { path, fill, stroke, clip: self.clip });
    }

    fn shape(&mut self, shape: &Shape) {
        match shape {
            Shape::Noop | Shape::Callback(_) => {}
            Shape::Vec(shapes) => shapes.iter().for_each(|shape| self.shape(shape)),
            Shape::Circle(circle) => self.circle(circle),
            Shape::Ellipse(ellipse) => self.ellipse(ellipse),
            Shape::LineSegment { points, stroke } => self.line_segment(*points, *stroke),
            Shape::Path(path) => self.path(path),
            Shape::Band(band) => {
                let upper = band.points.iter().map(|point| pos2(point.x, point.y.min));
                let lower = band.points.iter().rev().map(|point| pos2(point.x, point.y.max));
                let outline: Vec<Pos2> = upper.chain(lower).collect();
                let outline = rotated(&outline, band.angle, Rect::from_points(&outline).center());
                self.push(polygon(&outline), band.fill, pen(band.stroke));
            }
            Shape::Rect(rect) => self.rect(rect),
            Shape::Text(text) => self.text(text),
            Shape::Mesh(mesh) => self.mesh(mesh, Vec2::ZERO, 0..0),
            Shape::QuadraticBezier(curve) => self.quadratic(curve),
            Shape::CubicBezier(curve) => self.cubic(curve),
        }
    }

    /// A horizontal or vertical line snapped to the pixel grid as egui's
    /// tessellator snaps it (crisp, and where the PNG has it).
    fn line_segment(&mut self, [mut a, mut b]: [Pos2; 2], stroke: Stroke) {
        let (scale, quarter_pixel) = (self.scale, 0.25 / self.scale);
        let ends = |from: &mut f32, to: &mut f32| {
            let inward = if *from < *to { quarter_pixel } else { -quarter_pixel };
            *from = (*from + inward).round_to_pixel_center(scale);
            *to = (*to - inward).round_to_pixel_center(scale);
        };
        if a.x == b.x {
            stroke.round_center_to_pixel(scale, &mut a.x);
            b.x = a.x;
            ends(&mut a.y, &mut b.y);
        }
        if a.y == b.y {
            stroke.round_center_to_pixel(scale, &mut a.y);
            b.y = a.y;
            ends(&mut a.x, &mut b.x);
        }
        self.push(vec![Segment::Move(a), Segment::Line(b)], Color32::TRANSPARENT, pen(stroke));
    }

    fn circle(&mut self, circle: &CircleShape) {
        let CircleShape { center, radius, fill, stroke } = *circle;
        self.push(ellipse_path(center, vec2(radius, radius), 0.0), fill, pen(stroke));
    }

    fn ellipse(&mut self, ellipse: &EllipseShape) {
        let EllipseShape { center, radius, fill, stroke, angle } = *ellipse;
        self.push(ellipse_path(center, radius, angle), fill, pen(stroke));
    }

    fn path(&mut self, path: &PathShape) {
        let Some((&first, rest)) = path.points.split_first() else { return };
        let mut outline = vec![Segment::Move(first)];
        outline.extend(rest.iter().map(|&point| Segment::Line(point)));
        self.curve(outline, path.closed, path.fill, &path.stroke, &path.points);
    }

    fn quadratic(&mut self, curve: &QuadraticBezierShape) {
        let [start, control, end] = curve.points;
        let outline = vec![Segment::Move(start), Segment::Quad(control, end)];
        self.curve(outline, curve.closed, curve.fill, &curve.stroke, &curve.points);
    }

    fn cubic(&mut self, curve: &CubicBezierShape) {
        let [start, first, second, end] = curve.points;
        let outline = vec![Segment::Move(start), Segment::Cubic(first, second, end)];
        self.curve(outline, curve.closed, curve.fill, &curve.stroke, &curve.points);
    }

    /// An outline through `points`; filled only when closed, as egui fills it.
    fn curve(
        &mut self,
        mut outline: Path,
        closed: bool,
        fill: Color32,
        stroke: &PathStroke,
        points: &[Pos2],
    ) {
        let fill = if closed {
            outline.push(Segment::Close);
            fill
        } else {
            Color32::TRANSPARENT
        };
        self.push(outline, fill, path_pen(stroke, Rect::from_points(points)));
    }

    /// A rectangle as egui's tessellator draws it: snapped to the pixel
    /// grid unless told not to, the stroke inside, centred on or outside
    /// the edge as its kind says, and filled with the stroke's colour when
    /// the stroke would cover it anyway.
    fn rect(&mut self, shape: &RectShape) {
        let mut rect = shape.rect;
        if shape.round_to_pixels.unwrap_or(true) {
            rect = Rect::from_min_max(self.snap(rect.min), self.snap(rect.max));
        }
        let (mut fill, mut stroke) = (shape.fill, shape.stroke);
        let stroke_rect = match shape.stroke_kind {
            StrokeKind::Inside => rect.shrink(stroke.width * 0.5),
            StrokeKind::Middle => rect,
            StrokeKind::Outside => rect.expand(stroke.width * 0.5),
        };
        let outer = stroke_rect.expand(stroke.width * 0.5);
        if stroke.width > 0.0 && outer.size().min_elem() <= 2.0 * stroke.width {
            rect = outer;
            fill = stroke.color;
            stroke = Stroke::NONE;
        }
        let radius = epaint::CornerRadiusF32::from(shape.corner_radius);
        let center = rect.center();
        let fill_path = rounded_rect(rect, radius, shape.angle, center);
        if stroke.width > 0.0 && stroke_rect == rect {
            self.push(fill_path, fill, pen(stroke));
            return;
        }
        self.push(fill_path, fill, None);
        if stroke.width > 0.0 {
            self.push(
                rounded_rect(stroke_rect, radius, shape.angle, center),
                Color32::TRANSPARENT,
                pen(stroke),
            );
        }
    }

    fn snap(&self, point: Pos2) -> Pos2 {
        pos2((point.x * self.scale).round() / self.scale, (point.y * self.scale).round() / self.scale)
    }

    /// Each glyph as its outline where egui placed it, in the colour egui
    /// would paint it; a row's backgrounds and lines as triangles.
    fn text(&mut self, text: &TextShape) {
        let galley = &text.galley;
        let job = &galley.job;
        let (sin, cos) = text.angle.sin_cos();
        let turn = |point: Pos2| {
            let offset = point - text.pos;
            text.pos + vec2(offset.x * cos - offset.y * sin, offset.x * sin + offset.y * cos)
        };
        // Glyphs come one per character in order, without line breaks: walk
        // the text beside them to know each glyph's section (its font).
        let mut chars = job.text.char_indices().peekable();
        let mut section = 0;
        for placed in &galley.rows {
            let row = &placed.row;
            let mesh = &row.visuals.mesh;
            let row_origin = text.pos + placed.pos.to_vec2();
            if text.angle == 0.0 {
                self.mesh(mesh, row_origin.to_vec2(), row.visuals.glyph_vertex_range.clone());
            }
            for (index, glyph) in row.glyphs.iter().enumerate() {
                let mut lookahead = chars.clone();
                if let Some((byte, _)) = lookahead.find(|(_, c)| *c == glyph.chr) {
                    chars = lookahead;
                    // Sections follow the text in order.
                    while section + 1 < job.sections.len() && job.sections[section].byte_range.end.0 <= byte {
                        section += 1;
                    }
                }
                if glyph.uv_rect.is_nothing() {
                    continue;
                }
                let Some(format) = job.sections.get(section).map(|section| &section.format) else { continue };
                let Some(vertex) = mesh.vertices.get(glyph.first_vertex as usize) else { continue };
                let Some(key) = self.faces.resolve(&format.font_id.family, glyph.chr) else { continue };
                let color = text_colour(text, vertex.color);
                let size = format.font_id.size;
                let scale = self.faces.scale(key.face, size);
                let pen = row_origin + glyph.pos.to_vec2() + vec2(0.0, self.faces.y_offset(key.face, size));
                // A ligature: egui gives its first character the glyph and
                // the others nothing; shape the cluster to find the glyph.
                let (single, shaped);
                let glyphs: &[(GlyphKey, Vec2)] = if row.glyphs.get(index + 1).is_some_and(is_continuation) {
                    let cluster: String = std::iter::once(glyph.chr)
                        .chain(
                            row.glyphs[index + 1..]
                                .iter()
                                .take_while(|next| is_continuation(next))
                                .map(|next| next.chr),
                        )
                        .collect();
                    shaped = self.faces.shape(key.face, &cluster);
                    &shaped
                } else {
                    single = [(key, Vec2::ZERO)];
                    &single
                };
                for &(key, offset) in glyphs {
                    let Some(outline) = self.glyph_outline(key) else { continue };
                    let origin = turn(pen + offset * scale);
                    let transform = [scale * cos, scale * sin, -scale * sin, scale * cos, origin.x, origin.y];
                    self.figure.items.push(Item::Glyph { outline, transform, color, clip: self.clip });
                }
            }
            if text.underline.width > 0.0 {
                let rect = placed.rect().translate(text.pos.to_vec2());
                let line = [turn(rect.left_bottom()), turn(rect.right_bottom())];
                self.push(
                    vec![Segment::Move(line[0]), Segment::Line(line[1])],
                    Color32::TRANSPARENT,
                    pen(text.underline),
                );
            }
        }
    }

    fn glyph_outline(&mut self, key: GlyphKey) -> Option<usize> {
        let (faces, glyphs) = (self.faces, &mut self.figure.glyphs);
        *self.glyph_index.entry(key).or_insert_with(|| {
            let outline = faces.outline(key)?;
            glyphs.push(outline);
            Some(glyphs.len() - 1)
        })
    }

    /// A mesh's triangles, each filled with its first vertex's colour;
    /// vertices in `skip` (a text row's glyph quads) are left out.
    fn mesh(&mut self, mesh: &epaint::Mesh, offset: Vec2, skip: std::ops::Range<usize>) {
        for triangle in mesh.indices.chunks_exact(3) {
            let corners: Option<Vec<&epaint::Vertex>> =
                triangle.iter().map(|&index| mesh.vertices.get(index as usize)).collect();
            let Some(corners) = corners else { continue };
            if triangle.iter().any(|&index| skip.contains(&(index as usize))) {
                continue;
            }
            let points: Vec<Pos2> = corners.iter().map(|vertex| vertex.pos + offset).collect();
            self.push(polygon(&points), corners[0].color, None);
        }
    }
}

/// The empty glyph egui puts after a ligature's first character for each other one.
fn is_continuation(glyph: &epaint::text::Glyph) -> bool {
    glyph.advance_width == 0.0 && glyph.uv_rect.is_nothing() && !glyph.chr.is_whitespace()
}

/// The colour egui paints a glyph: the text's override, else the galley's
/// colour (the shape's fallback for a placeholder), faded by its opacity.
fn text_colour(text: &TextShape, galley_colour: Color32) -> Color32 {
    let colour = match text.override_text_color {
        Some(colour) => colour,
        None if galley_colour == Color32::PLACEHOLDER => text.fallback_color,
        None => galley_colour,
    };
    if text.opacity_factor < 1.0 { colour.gamma_multiply(text.opacity_factor) } else { colour }
}

fn pen(stroke: Stroke) -> Option<Pen> {
    (stroke.width > 0.0).then_some(Pen { width: stroke.width, color: stroke.color })
}

/// A path's pen; a colour computed per point is taken at the path's centre.
fn path_pen(stroke: &PathStroke, bounds: Rect) -> Option<Pen> {
    let color = match &stroke.color {
        ColorMode::Solid(color) => *color,
        ColorMode::UV(color_at) => color_at(bounds, bounds.center()),
    };
    (stroke.width > 0.0).then_some(Pen { width: stroke.width, color })
}

fn polygon(points: &[Pos2]) -> Path {
    let mut path: Path = points
        .iter()
        .enumerate()
        .map(|(i, &p)| if i == 0 { Segment::Move(p) } else { Segment::Line(p) })
        .collect();
    if !path.is_empty() {
        path.push(Segment::Close);
    }
    path
}

fn rotated(points: &[Pos2], angle: f32, pivot: Pos2) -> Vec<Pos2> {
    if angle == 0.0 {
        return points.to_vec();
    }
    let rotation = egui::emath::Rot2::from_angle(angle);
    points.iter().map(|&point| pivot + rotation * (point - pivot)).collect()
}

/// An ellipse as four cubic quarter arcs, turned by `angle` about its centre.
fn ellipse_path(center: Pos2, radius: Vec2, angle: f32) -> Path {
    let rotation = egui::emath::Rot2::from_angle(angle);
    let at = |x: f32, y: f32| center + rotation * vec2(x * radius.x, y * radius.y);
    vec![
        Segment::Move(at(1.0, 0.0)),
        Segment::Cubic(at(1.0, KAPPA), at(KAPPA, 1.0), at(0.0, 1.0)),
        Segment::Cubic(at(-KAPPA, 1.0), at(-1.0, KAPPA), at(-1.0, 0.0)),
        Segment::Cubic(at(-1.0, -KAPPA), at(-KAPPA, -1.0), at(0.0, -1.0)),
        Segment::Cubic(at(KAPPA, -1.0), at(1.0, -KAPPA), at(1.0, 0.0)),
        Segment::Close,
    ]
}

/// A rectangle with rounded corners, turned by `angle` about `pivot`.
fn rounded_rect(rect: Rect, radius: epaint::CornerRadiusF32, angle: f32, pivot: Pos2) -> Path {
    let limit = 0.5 * rect.size().min_elem().max(0.0);
    let [nw, ne, se, sw] = [radius.nw, radius.ne, radius.se, radius.sw].map(|r| r.clamp(0.0, limit));
    let rotation = egui::emath::Rot2::from_angle(angle);
    let at = |point: Pos2| pivot + rotation * (point - pivot);
    let (min, max) = (rect.min, rect.max);
    let mut path =
        vec![Segment::Move(at(pos2(min.x + nw, min.y))), Segment::Line(at(pos2(max.x - ne, min.y)))];
    let corner = |path: &mut Path, r: f32, start: Pos2, control_a: Pos2, control_b: Pos2, end: Pos2| {
        if r > 0.0 {
            path.push(Segment::Cubic(at(control_a), at(control_b), at(end)));
        } else {
            path.push(Segment::Line(at(start)));
        }
    };
    let k = 1.0 - KAPPA;
    corner(
        &mut path,
        ne,
        pos2(max.x, min.y),
        pos2(max.x - ne * k, min.y),
        pos2(max.x, min.y + ne * k),
        pos2(max.x, min.y + ne),
    );
    path.push(Segment::Line(at(pos2(max.x, max.y - se))));
    corner(
        &mut path,
        se,
        pos2(max.x, max.y),
        pos2(max.x, max.y - se * k),
        pos2(max.x - se * k, max.y),
        pos2(max.x - se, max.y),
    );
    path.push(Segment::Line(at(pos2(min.x + sw, max.y))));
    corner(
        &mut path,
        sw,
        pos2(min.x, max.y),
        pos2(min.x + sw * k, max.y),
        pos2(min.x, max.y - sw * k),
        pos2(min.x, max.y - sw),
    );
    path.push(Segment::Line(at(pos2(min.x, min.y + nw))));
    corner(
        &mut path,
        nw,
        pos2(min.x, min.y),
        pos2(min.x, min.y + nw * k),
        pos2(min.x + nw * k, min.y),
        pos2(min.x + nw, min.y),
    );
    path.push(Segment::Close);
    path
}

//! Draws a chart offscreen at a fixed logical size × scale and reads the
//! pixels back, so an export's size never depends on the window.
//!
//! A private egui context lays the figure out (title, subtitle, plot,
//! footer: the same code as the screen) with no pointer, hence no tooltip,
//! crosshair or menu; egui-wgpu paints it into a texture. Headless (the CLI)
//! it asks wgpu for any adapter, preferring a CPU one such as Mesa's
//! lavapipe; inside the app it shares the window's device.

use std::iter::once;
use std::sync::mpsc::channel;
use std::time::Duration;

use egui_wgpu::wgpu;

use crate::chart::Chart;
use crate::data::model::Dataset;
use crate::figure::{Theme, figure_ui, setup_context};
use crate::i18n::Lang;

/// Logical width of every exported chart, in points.
pub const FIGURE_WIDTH: f32 = 960.0;
/// Space around the figure, in points.
const MARGIN: f32 = 24.0;
/// Tall enough for any figure; the second pass uses the measured height.
const MEASURE_HEIGHT: f32 = 4000.0;
const GPU_TIMEOUT: Duration = Duration::from_secs(30);
/// Not sRGB: egui blends in gamma space, as on screen, and the bytes it
/// writes are already the sRGB colours a PNG holds.
const FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8Unorm;

/// An RGBA image, 8 bits per channel, rows top to bottom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RgbaImage {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(
        "no graphics adapter is available to draw charts ({0}); on Linux install Mesa's software renderer \
         (apt-get install mesa-vulkan-drivers); CSV export works without one"
    )]
    NoAdapter(String),
    #[error("drawing the chart failed: {0}")]
    Gpu(String),
}

pub struct Offscreen {
    device: wgpu::Device,
    queue: wgpu::Queue,
    renderer: egui_wgpu::Renderer,
    /// Kept between exports: building the Chinese font's atlas is most of a
    /// fresh context's cost, and the renderer keeps the textures it made.
    ctx: egui::Context,
}

/// wgpu's adapters ordered for offscreen drawing: a CPU rasteriser first,
/// as it draws the same on every machine, then discrete, then the rest.
fn headless_setup() -> egui_wgpu::WgpuSetup {
    let mut setup = egui_wgpu::WgpuSetupCreateNew::without_display_handle();
    setup.instance_descriptor.backends.remove(wgpu::Backends::BROWSER_WEBGPU);
    setup.native_adapter_selector = Some(std::sync::Arc::new(|adapters, _surface| {
        let mut adapters: Vec<&wgpu::Adapter> = adapters.iter().collect();
        adapters.sort_by_key(|adapter| match adapter.get_info().device_type {
            wgpu::DeviceType::Cpu => 0,
            wgpu::DeviceType::DiscreteGpu => 1,
            _ => 2,
        });
        adapters.first().map(|adapter| (*adapter).clone()).ok_or_else(|| "no adapter found".to_owned())
    }));
    egui_wgpu::WgpuSetup::CreateNew(setup)
}

impl Offscreen {
    /// A renderer without a window, for the command line and tests. Tries
    /// Vulkan, Metal and DirectX first, then OpenGL (whose Linux loader probes
    /// for a display and complains when there is none).
    pub fn headless() -> Result<Self, RenderError> {
        Self::headless_on(wgpu::Backends::PRIMARY).or_else(|_| Self::headless_on(wgpu::Backends::GL))
    }

    fn headless_on(backends: wgpu::Backends) -> Result<Self, RenderError> {
        let mut setup = headless_setup();
        if let egui_wgpu::WgpuSetup::CreateNew(create) = &mut setup {
            create.instance_descriptor.backends = backends;
        }
        let instance = pollster::block_on(setup.new_instance());
        let config = egui_wgpu::WgpuConfiguration { wgpu_setup: setup, ..Default::default() };
        let state = pollster::block_on(egui_wgpu::RenderState::create(
            &config,
            &instance,
            None,
            egui_wgpu::RendererOptions::PREDICTABLE,
        ))
        .map_err(|error| RenderError::NoAdapter(error.to_string()))?;
        Ok(Self::on_device(state.device, state.queue))
    }

    /// A renderer on the window's device; its own egui renderer keeps the
    /// window's textures apart.
    pub fn on_device(device: wgpu::Device, queue: wgpu::Queue) -> Self {
        let renderer = egui_wgpu::Renderer::new(&device, FORMAT, egui_wgpu::RendererOptions::PREDICTABLE);
        let ctx = egui::Context::default();
        setup_context(&ctx);
        Self { device, queue, renderer, ctx }
    }

    /// Draws `chart` as its exported figure at `scale` × the logical size.
    pub fn render_chart(
        &mut self,
        chart: &Chart,
        dataset: &Dataset,
        lang: Lang,
        theme: Theme,
        scale: f32,
    ) -> Result<RgbaImage, RenderError> {
        let ctx = self.ctx.clone();
        ctx.set_theme(theme.egui());
        let draw = |ui: &mut egui::Ui| {
            // No fill: the render pass clears to the panel colour, and a
            // software rasteriser would spend half its time painting it twice.
            let frame = egui::Frame::NONE.inner_margin(MARGIN);
            frame.show(ui, |ui| {
                ui.set_width(FIGURE_WIDTH - 2.0 * MARGIN);
                figure_ui(ui, chart, dataset, lang, None);
            })
        };
        // The height is measured at 1× so that every scale gets the same
        // logical size (text snaps to pixels a little differently per scale);
        // the last pass lays out at the target scale. Every pass's texture
        // changes (the font atlas) are kept for the renderer.
        let mut height = MEASURE_HEIGHT;
        let mut textures = egui::TexturesDelta::default();
        for _ in 0..3 {
            let mut used = 0.0;
            let mut full = ctx.run_ui(raw_input(height, 1.0), |ui| used = draw(ui).response.rect.height());
            textures.append(std::mem::take(&mut full.textures_delta));
            let measured = used.ceil().max(1.0);
            let settled = (measured - height).abs() < 0.5;
            height = measured;
            if settled {
                break;
            }
        }
        let mut full = ctx.run_ui(raw_input(height, scale), |ui| {
            draw(ui);
        });
        textures.append(std::mem::take(&mut full.textures_delta));
        let shapes = full.shapes;
        self.paint(&ctx, shapes, textures, egui::vec2(FIGURE_WIDTH, height), scale)
    }

    fn paint(
        &mut self,
        ctx: &egui::Context,
        shapes: Vec<egui::epaint::ClippedShape>,
        mut textures: egui::TexturesDelta,
        size: egui::Vec2,
        scale: f32,
    ) -> Result<RgbaImage, RenderError> {
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a few thousand pixels")]
        let size_in_pixels = [(size.x * scale).round() as u32, (size.y * scale).round() as u32];
        let screen = egui_wgpu::ScreenDescriptor { size_in_pixels, pixels_per_point: scale };
        for (id, deltas) in &textures.set {
            for delta in deltas {
                self.renderer.update_texture(&self.device, &self.queue, *id, delta);
            }
        }
        let triangles = ctx.tessellate(shapes, scale);
        let mut encoder =
            self.device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("export") });
        let user_buffers =
            self.renderer.update_buffers(&self.device, &self.queue, &mut encoder, &triangles, &screen);
        let texture = self.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("export"),
            size: wgpu::Extent3d {
                width: size_in_pixels[0],
                height: size_in_pixels[1],
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: FORMAT,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        let background = ctx.style_of(ctx.theme()).visuals.panel_fill.to_normalized_gamma_f32();
        {
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("export"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view: &view,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            load: wgpu::LoadOp::Clear(wgpu::Color {
                                r: f64::from(background[0]),
                                g: f64::from(background[1]),
                                b: f64::from(background[2]),
                                a: 1.0,
                            }),
                            store: wgpu::StoreOp::Store,
                        },
                        depth_slice: None,
                    })],
                    ..Default::default()
                })
                .forget_lifetime();
            self.renderer.render(&mut pass, &triangles, &screen);
        }
        self.queue.submit(user_buffers.into_iter().chain(once(encoder.finish())));
        for id in &textures.free {
            self.renderer.free_texture(id);
        }
        textures.clear();
        self.read_back(&texture)
    }

    fn read_back(&self, texture: &wgpu::Texture) -> Result<RgbaImage, RenderError> {
        let (width, height) = (texture.width(), texture.height());
        let unpadded = width * 4;
        let padded =
            unpadded.div_ceil(wgpu::COPY_BYTES_PER_ROW_ALIGNMENT) * wgpu::COPY_BYTES_PER_ROW_ALIGNMENT;
        let buffer = self.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("export read-back"),
            size: u64::from(padded) * u64::from(height),
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let mut encoder =
            self.device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("read-back") });
        encoder.copy_texture_to_buffer(
            texture.as_image_copy(),
            wgpu::TexelCopyBufferInfo {
                buffer: &buffer,
                layout: wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(padded),
                    rows_per_image: None,
                },
            },
            wgpu::Extent3d { width, height, depth_or_array_layers: 1 },
        );
        let submission = self.queue.submit(once(encoder.finish()));
        let slice = buffer.slice(..);
        let (sender, receiver) = channel();
        slice.map_async(wgpu::MapMode::Read, move |result| drop(sender.send(result)));
        self.device
            .poll(wgpu::PollType::Wait { submission_index: Some(submission), timeout: Some(GPU_TIMEOUT) })
            .map_err(|error| RenderError::Gpu(error.to_string()))?;
        receiver
            .recv()
            .map_err(|error| RenderError::Gpu(error.to_string()))?
            .map_err(|error| RenderError::Gpu(error.to_string()))?;
        let mapped =
            buffer.slice(..).get_mapped_range().map_err(|error| RenderError::Gpu(error.to_string()))?;
        let mut pixels = Vec::with_capacity(unpadded as usize * height as usize);
        for row in mapped.chunks_exact(padded as usize) {
            pixels.extend_from_slice(&row[..unpadded as usize]);
        }
        Ok(RgbaImage { width, height, pixels })
    }
}

fn raw_input(height: f32, scale: f32) -> egui::RawInput {
    let mut input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(FIGURE_WIDTH, height))),
        ..Default::default()
    };
    if let Some(viewport) = input.viewports.get_mut(&egui::ViewportId::ROOT) {
        viewport.native_pixels_per_point = Some(scale);
    }
    input
}

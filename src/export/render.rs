//! Paints a laid-out figure (see [`layout`](super::layout)) offscreen at a
//! fixed logical size × scale and reads the pixels back, so a PNG's size
//! never depends on the window. egui-wgpu paints it into a texture.
//! Headless (the CLI) it asks wgpu for any adapter, preferring a CPU one
//! such as Mesa's lavapipe; inside the app it shares the window's device.

use std::iter::once;
use std::sync::mpsc::channel;
use std::time::Duration;

use egui_wgpu::wgpu;

use crate::chart::Chart;
use crate::data::model::Dataset;
use crate::export::layout::{FigureLayout, LaidOut};
use crate::figure::Theme;
use crate::i18n::Lang;

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

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// No graphics adapter (not even a software one); what each backend said.
    NoAdapter(String),
    /// The graphics driver refused or failed.
    Gpu(String),
    /// The image would be larger than any export should be.
    TooLarge { width: u32, height: u32 },
    /// The task drawing the export died (a driver panicked), with its message.
    Died(String),
}

impl std::error::Error for RenderError {}

/// English, for logs; people see [`RenderError::message`].
impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl RenderError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::NoAdapter(detail), Lang::Zh) => format!(
                "没有可用于绘制图表的图形适配器（{detail}）；Linux 上请安装 Mesa 软件渲染器\
                 （apt-get install mesa-vulkan-drivers）；导出 CSV 不需要它"
            ),
            (Self::NoAdapter(detail), Lang::En) => format!(
                "no graphics adapter is available to draw charts ({detail}); on Linux install Mesa's software renderer \
                 (apt-get install mesa-vulkan-drivers); CSV export works without one"
            ),
            (Self::Gpu(detail), Lang::Zh) => format!("绘制图表失败：{detail}"),
            (Self::Gpu(detail), Lang::En) => format!("drawing the chart failed: {detail}"),
            (Self::TooLarge { width, height }, Lang::Zh) => {
                format!("图片将有 {width} × {height} 像素，太大；请选择较小的倍率")
            }
            (Self::TooLarge { width, height }, Lang::En) => {
                format!("the image would be {width} × {height} pixels, too large; choose a smaller scale")
            }
            (Self::Died(reason), Lang::Zh) => format!("导出任务意外停止（{reason}）；请重试"),
            (Self::Died(reason), Lang::En) => {
                format!("the export stopped unexpectedly ({reason}); try again")
            }
        }
    }
}

/// The window's GPU, if eframe runs on wgpu; exports share it.
pub type Gpu = (wgpu::Device, wgpu::Queue);

/// No export is larger than this many pixels (400 MB of RGBA): far beyond
/// any chart at 4×, small enough never to exhaust memory.
pub const MAX_PIXELS: u64 = 100_000_000;

pub struct Offscreen {
    device: wgpu::Device,
    queue: wgpu::Queue,
    renderer: egui_wgpu::Renderer,
    /// Kept between exports, like the textures the renderer made from it.
    layout: FigureLayout,
    /// Tiles are at most this many pixels a side (and at most the device's limit).
    max_tile_side: u32,
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
        Self::headless_on(wgpu::Backends::PRIMARY).or_else(|primary| {
            Self::headless_on(wgpu::Backends::GL).map_err(|gl| {
                RenderError::NoAdapter(format!("Vulkan/Metal/DirectX: {primary}; OpenGL: {gl}"))
            })
        })
    }

    fn headless_on(backends: wgpu::Backends) -> Result<Self, String> {
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
        .map_err(|error| error.to_string())?;
        Ok(Self::on_device(state.device, state.queue))
    }

    /// A renderer on the window's device; its own egui renderer keeps the
    /// window's textures apart.
    pub fn on_device(device: wgpu::Device, queue: wgpu::Queue) -> Self {
        let renderer = egui_wgpu::Renderer::new(&device, FORMAT, egui_wgpu::RendererOptions::PREDICTABLE);
        Self { device, queue, renderer, layout: FigureLayout::new(), max_tile_side: u32::MAX }
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
        let laid_out = self.layout.lay_out(chart, dataset, lang, theme, scale);
        self.paint(laid_out)
    }

    /// Paints the laid-out figure at `scale` and reads the pixels back. An
    /// image larger than the device's largest texture is painted in tiles,
    /// each the same shapes moved by a whole number of pixels, and put
    /// together: any figure exports, whatever the driver's limit.
    fn paint(&mut self, laid_out: LaidOut) -> Result<RgbaImage, RenderError> {
        let LaidOut { shapes, mut textures, size, scale, background } = laid_out;
        let ctx = self.layout.ctx().clone();
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "checked against MAX_PIXELS"
        )]
        let (width, height) = ((size.x * scale).round() as u32, (size.y * scale).round() as u32);
        if u64::from(width) * u64::from(height) > MAX_PIXELS || width == 0 || height == 0 {
            return Err(RenderError::TooLarge { width, height });
        }
        let scope = self.device.push_error_scope(wgpu::ErrorFilter::Validation);
        let memory_scope = self.device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        for (id, deltas) in &textures.set {
            for delta in deltas {
                self.renderer.update_texture(&self.device, &self.queue, *id, delta);
            }
        }
        let tile = self.max_texture_side().min(self.max_tile_side).max(64);
        let background = background.to_normalized_gamma_f32();
        let mut image = RgbaImage { width, height, pixels: vec![0; width as usize * height as usize * 4] };
        let mut result = Ok(());
        'tiles: for top in (0..height).step_by(tile as usize) {
            for left in (0..width).step_by(tile as usize) {
                let tile_size = [tile.min(width - left), tile.min(height - top)];
                #[expect(clippy::cast_precision_loss, reason = "pixel offsets below 2^24")]
                let offset = egui::vec2(left as f32, top as f32) / scale;
                let moved = shapes
                    .iter()
                    .cloned()
                    .map(|mut clipped| {
                        clipped.clip_rect = clipped.clip_rect.translate(-offset);
                        clipped.shape.translate(-offset);
                        clipped
                    })
                    .collect();
                let triangles = ctx.tessellate(moved, scale);
                match self.paint_tile(&triangles, tile_size, scale, background) {
                    Ok(pixels) => copy_tile(&mut image, &pixels, [left, top], tile_size),
                    Err(error) => {
                        result = Err(error);
                        break 'tiles;
                    }
                }
            }
        }
        for id in &textures.free {
            self.renderer.free_texture(id);
        }
        textures.clear();
        let memory_error = pollster::block_on(memory_scope.pop());
        let validation_error = pollster::block_on(scope.pop());
        if let Some(error) = memory_error.or(validation_error) {
            return Err(RenderError::Gpu(error.to_string()));
        }
        result.map(|()| image)
    }

    /// Paints one tile of `size_in_pixels` and returns its RGBA rows.
    fn paint_tile(
        &mut self,
        triangles: &[egui::ClippedPrimitive],
        size_in_pixels: [u32; 2],
        scale: f32,
        background: [f32; 4],
    ) -> Result<Vec<u8>, RenderError> {
        let screen = egui_wgpu::ScreenDescriptor { size_in_pixels, pixels_per_point: scale };
        let mut encoder =
            self.device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("export") });
        let user_buffers =
            self.renderer.update_buffers(&self.device, &self.queue, &mut encoder, triangles, &screen);
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
            self.renderer.render(&mut pass, triangles, &screen);
        }
        self.queue.submit(user_buffers.into_iter().chain(once(encoder.finish())));
        self.read_back(&texture)
    }

    fn read_back(&self, texture: &wgpu::Texture) -> Result<Vec<u8>, RenderError> {
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
        Ok(pixels)
    }

    /// The largest texture side the device draws (tiles are at most this big).
    pub fn max_texture_side(&self) -> u32 {
        self.device.limits().max_texture_dimension_2d
    }

    /// Draws in tiles of at most `side` pixels even where the device could
    /// draw larger ones: how the tests check that tiles join without seams.
    #[must_use]
    pub fn with_max_tile_side(mut self, side: u32) -> Self {
        self.max_tile_side = side;
        self
    }
}

/// Copies a tile's rows into the whole image at `origin`.
fn copy_tile(image: &mut RgbaImage, tile: &[u8], origin: [u32; 2], size: [u32; 2]) {
    let (row_bytes, image_row_bytes) = (size[0] as usize * 4, image.width as usize * 4);
    for (row, tile_row) in tile.chunks_exact(row_bytes).enumerate() {
        let start = (origin[1] as usize + row) * image_row_bytes + origin[0] as usize * 4;
        if let Some(target) = image.pixels.get_mut(start..start + row_bytes) {
            target.copy_from_slice(tile_row);
        }
    }
}

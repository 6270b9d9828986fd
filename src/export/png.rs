//! PNG encoding with the chart's title and sources written into the file's
//! text chunks, so an image found later still says what it shows.

use crate::export::render::RgbaImage;

/// Text stored in the PNG: title, sources, software.
pub struct PngText<'a> {
    pub title: &'a str,
    pub description: &'a str,
}

pub fn encode_png(image: &RgbaImage, text: &PngText<'_>) -> Result<Vec<u8>, png::EncodingError> {
    let mut bytes = Vec::with_capacity(image.pixels.len() / 4);
    {
        let mut encoder = png::Encoder::new(&mut bytes, image.width, image.height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_source_srgb(png::SrgbRenderingIntent::Perceptual);
        encoder.add_itxt_chunk("Title".to_owned(), text.title.to_owned())?;
        encoder.add_itxt_chunk("Description".to_owned(), text.description.to_owned())?;
        encoder.add_text_chunk("Software".to_owned(), format!("EconLens {}", env!("CARGO_PKG_VERSION")))?;
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&image.pixels)?;
        writer.finish()?;
    }
    Ok(bytes)
}

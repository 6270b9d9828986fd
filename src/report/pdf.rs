//! A report as a PDF: its A4 pages ([`super::pages`]) written by the same
//! vector writer as a chart's PDF, each glyph once for the whole document.

use crate::export::layout::FigureLayout;
use crate::export::vector::{Description, pdf::write_pdf_pages};
use crate::report::Report;
use crate::report::pages::report_pages;

/// The PDF of `report`; `progress` hears the share done.
pub fn write_pdf_report(
    report: &Report<'_>,
    layout: &FigureLayout,
    progress: &mut dyn FnMut(f32),
) -> Vec<u8> {
    let pages = report_pages(report, layout, progress);
    let description = report.facts.join(" · ");
    let about =
        Description { title: &report.title, description: &description, lang: report.options.lang.tag() };
    write_pdf_pages(&pages, &about)
}

//! The baseline for EconLens's start-up and memory figures: an eframe
//! "hello world" with the same eframe version and features, run the same way.
//!
//!     cargo build --release --example hello_eframe
//!
//! Set ECONLENS_REPORT_FIRST_FRAME=1 to print the time to the first frame.

fn main() -> eframe::Result {
    let started = std::time::Instant::now();
    let mut reported = false;
    eframe::run_ui_native(
        "hello EconLens baseline",
        eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default().with_inner_size([1200.0, 800.0]),
            ..Default::default()
        },
        move |ui, _frame| {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.heading("Hello");
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            // After the frame's layout, where EconLens reports it too.
            if !reported && std::env::var_os("ECONLENS_REPORT_FIRST_FRAME").is_some() {
                eprintln!("first frame after {} ms", started.elapsed().as_millis());
                reported = true;
            }
        },
    )
}

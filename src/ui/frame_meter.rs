//! Measuring frames on request, the same way on the desktop and in a
//! browser: the app shows the tab asked for, repaints continuously, lets a
//! few frames settle, then records how long eframe says each frame took
//! (`Frame::info().cpu_usage`: building the frame, tessellating and
//! painting it, without waiting for the screen) and reports the median and
//! the slowest tenth. Asked with `ECONLENS_MEASURE_FRAMES=output:60` on the
//! desktop and `#measure=output:60` in the page's address; CI compares the two.

use crate::ui::tabs::Tab;

/// Frames skipped before recording: fonts and textures are uploaded in the first ones.
const SETTLE_FRAMES: u32 = 10;

#[derive(Debug)]
pub struct FrameMeter {
    tab: Tab,
    frames_wanted: usize,
    settle: u32,
    seconds: Vec<f32>,
    reported: bool,
}

impl FrameMeter {
    /// `TAB:FRAMES`, the tab by its word in the data files (`output`) or
    /// its place in the tab bar (`2`); 1 to 10,000 frames.
    pub fn parse(request: &str) -> Result<Self, String> {
        let (tab_word, count) = request.split_once(':').unwrap_or((request, "60"));
        let tab = Tab::ALL
            .into_iter()
            .enumerate()
            .find(|(at, tab)| {
                tab.view().is_some_and(|view| view.id() == tab_word) || (at + 1).to_string() == tab_word
            })
            .map(|(_, tab)| tab)
            .ok_or_else(|| format!("no tab {tab_word:?} to measure"))?;
        let frames_wanted = count
            .parse::<usize>()
            .ok()
            .filter(|count| (1..=10_000).contains(count))
            .ok_or_else(|| format!("expected 1 to 10000 frames, found {count:?}"))?;
        Ok(Self { tab, frames_wanted, settle: SETTLE_FRAMES, seconds: Vec::new(), reported: false })
    }

    /// The tab to show while measuring.
    pub fn tab(&self) -> Option<Tab> {
        (!self.reported).then_some(self.tab)
    }

    /// Records the previous frame's time; when enough are in, the summary
    /// (once). Keeps the window repainting until then.
    pub fn frame(&mut self, ctx: &egui::Context, previous_frame_seconds: Option<f32>) -> Option<String> {
        if self.reported {
            return None;
        }
        ctx.request_repaint();
        if self.settle > 0 {
            self.settle -= 1;
            return None;
        }
        self.seconds.extend(previous_frame_seconds);
        if self.seconds.len() < self.frames_wanted {
            return None;
        }
        self.reported = true;
        let mut sorted = self.seconds.clone();
        sorted.sort_by(f32::total_cmp);
        let at = |fraction: f32| {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss,
                reason = "an index into at most 10,000 frames"
            )]
            let index = ((sorted.len() - 1) as f32 * fraction).round() as usize;
            sorted.get(index).copied().unwrap_or_default() * 1000.0
        };
        Some(format!(
            "frames tab={:?} count={} median_ms={:.2} p90_ms={:.2}",
            self.tab,
            sorted.len(),
            at(0.5),
            at(0.9)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_the_tab_asked_for_and_reports_once() {
        assert!(FrameMeter::parse("nowhere:5").is_err());
        assert!(FrameMeter::parse("output:0").is_err());
        let mut meter = FrameMeter::parse("output:3").expect("a tab and a count");
        assert_eq!(meter.tab(), Some(Tab::Output));
        let ctx = egui::Context::default();
        for _ in 0..SETTLE_FRAMES {
            assert_eq!(meter.frame(&ctx, Some(1.0)), None, "settling frames are not recorded");
        }
        assert_eq!(meter.frame(&ctx, Some(0.004)), None);
        assert_eq!(meter.frame(&ctx, Some(0.002)), None);
        let summary = meter.frame(&ctx, Some(0.003)).expect("three frames recorded");
        assert!(summary.contains("count=3 median_ms=3.00 p90_ms=4.00"), "{summary}");
        assert_eq!(meter.frame(&ctx, Some(0.003)), None, "reported once");
        assert_eq!(meter.tab(), None, "the user's tab again");
        assert_eq!(FrameMeter::parse("2:5").map(|meter| meter.tab), Ok(Tab::Output));
    }
}

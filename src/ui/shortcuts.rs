//! The keyboard shortcuts, in one table that drives both the key handling
//! and the labels in the menus. Labels come from egui's `format_shortcut`,
//! so macOS shows its Command symbol where Windows and Linux show Ctrl+O.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::ui::commands::Command;
use crate::ui::tabs::Tab;

/// What a shortcut does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Open,
    ImportTable,
    Reload,
    ExportCurrent,
    /// File → Export report….
    ExportReport,
    Quit,
    /// The tab at this position in [`Tab::ALL`].
    Tab(usize),
    NextTab,
    PreviousTab,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

/// Every shortcut, in the order they are tried: Ctrl+Shift+Tab before
/// Ctrl+Tab, which would otherwise take it.
pub const SHORTCUTS: [(KeyboardShortcut, Action); 18] = [
    (key(Modifiers::COMMAND, Key::O), Action::Open),
    (key(Modifiers::COMMAND, Key::I), Action::ImportTable),
    (key(Modifiers::NONE, Key::F5), Action::Reload),
    (key(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::E), Action::ExportReport),
    (key(Modifiers::COMMAND, Key::E), Action::ExportCurrent),
    (key(Modifiers::COMMAND, Key::Q), Action::Quit),
    (key(Modifiers::COMMAND, Key::Num1), Action::Tab(0)),
    (key(Modifiers::COMMAND, Key::Num2), Action::Tab(1)),
    (key(Modifiers::COMMAND, Key::Num3), Action::Tab(2)),
    (key(Modifiers::COMMAND, Key::Num4), Action::Tab(3)),
    (key(Modifiers::COMMAND, Key::Num5), Action::Tab(4)),
    (key(Modifiers::COMMAND, Key::Num6), Action::Tab(5)),
    (key(Modifiers::COMMAND, Key::Num7), Action::Tab(6)),
    (key(Modifiers::COMMAND, Key::Num8), Action::Tab(7)),
    (key(Modifiers::COMMAND, Key::Num9), Action::Tab(8)),
    (key(Modifiers::COMMAND, Key::Num0), Action::Tab(9)),
    (key(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Tab), Action::PreviousTab),
    (key(Modifiers::COMMAND, Key::Tab), Action::NextTab),
];

impl Action {
    /// The command this action sends while `tab` is shown.
    fn command(self, tab: Tab) -> Option<Command> {
        Some(match self {
            Self::Open => Command::OpenDialog,
            Self::ImportTable => Command::ImportDialog,
            Self::Reload => Command::Reload,
            Self::ExportCurrent => Command::ExportCurrent,
            Self::ExportReport => Command::ReportDialog,
            Self::Quit => Command::Quit,
            Self::Tab(at) => Command::SelectTab(*Tab::ALL.get(at)?),
            Self::NextTab => Command::SelectTab(tab.step(true)),
            Self::PreviousTab => Command::SelectTab(tab.step(false)),
        })
    }
}

/// The commands of the shortcuts pressed this frame (consuming the keys).
pub fn pressed(ctx: &egui::Context, tab: Tab) -> Vec<Command> {
    SHORTCUTS
        .iter()
        .filter(|(shortcut, _)| ctx.input_mut(|input| input.consume_shortcut(shortcut)))
        .filter_map(|(_, action)| action.command(tab))
        .collect()
}

/// How `action`'s shortcut is written on this system (`Ctrl+O`, or the Command symbol and O on macOS).
pub fn label(ctx: &egui::Context, action: Action) -> String {
    SHORTCUTS
        .iter()
        .find(|(_, known)| *known == action)
        .map(|(shortcut, _)| ctx.format_shortcut(shortcut))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tab_has_a_number_key_and_every_action_a_label() {
        let ctx = egui::Context::default();
        for at in 0..Tab::ALL.len() {
            assert!(!label(&ctx, Action::Tab(at)).is_empty(), "tab {at} has no shortcut");
        }
        assert_eq!(label(&ctx, Action::Open), "Ctrl+O");
        assert_eq!(label(&ctx, Action::Reload), "F5");
    }

    #[test]
    fn shortcuts_are_distinct() {
        for (at, (shortcut, _)) in SHORTCUTS.iter().enumerate() {
            assert!(!SHORTCUTS[at + 1..].iter().any(|(other, _)| other == shortcut), "{shortcut:?} twice");
        }
    }
}

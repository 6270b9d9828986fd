//! The built-in file dialog, for systems where the native one cannot open
//! (Linux without xdg-desktop-portal: many i3, Xfce and minimal setups,
//! WSLg) or for users who prefer it. A modal window lists a folder (folders
//! first, then the files of the wanted kind), with a path field, the parent
//! folder and the user's Home, Documents, Pictures and Desktop one click
//! away; for saving, a file name field with the suggested name.
//!
//! The dialog's state lives here; the app turns its answer into the same
//! command the system dialog's answer becomes, so what follows (opening,
//! the question before replacing a file) is the same for both.

use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::ui::task::Task;

/// What the dialog is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Choose an existing file.
    Open,
    /// Choose a name to write to.
    Save { file_name: String },
}

/// One line of the listing.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    name: String,
    is_folder: bool,
}

pub struct FileDialog {
    title: (&'static str, &'static str),
    mode: Mode,
    /// File name endings shown (`ron`, `png`); all files when the user asks.
    extensions: Vec<&'static str>,
    show_all: bool,
    folder: PathBuf,
    /// The path field as the user edits it.
    folder_text: String,
    entries: Vec<Entry>,
    /// Why the folder could not be listed, if it could not.
    listing_error: Option<String>,
    /// The chosen file name (Save) or the selected file (Open).
    file_name: String,
    /// The name field takes the keyboard on the first frame, with the name
    /// (without its extension) selected, as in the system's dialogs.
    focus_name: bool,
    /// The folder to list next (a folder on a network drive may take long:
    /// it is listed on a task, never in a frame).
    to_list: Option<PathBuf>,
    listing: Option<Task<(PathBuf, std::io::Result<Vec<Entry>>)>>,
    /// The user's Home, Documents, Pictures and Desktop, found once.
    places: Vec<(Place, PathBuf)>,
}

/// One of the user's usual folders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Home,
    Documents,
    Pictures,
    Desktop,
}

impl Place {
    fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Home => lang.tr("主目录", "Home"),
            Self::Documents => lang.tr("文档", "Documents"),
            Self::Pictures => lang.tr("图片", "Pictures"),
            Self::Desktop => lang.tr("桌面", "Desktop"),
        }
    }
}

/// The dialog's answer after a frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Chosen(PathBuf),
    Cancelled,
}

impl FileDialog {
    /// A dialog titled `title` (Chinese, English) starting in `start`.
    pub fn new(
        title: (&'static str, &'static str),
        mode: Mode,
        extensions: Vec<&'static str>,
        start: &Path,
    ) -> Self {
        let file_name = match &mode {
            Mode::Open => String::new(),
            Mode::Save { file_name } => file_name.clone(),
        };
        let mut dialog = Self {
            title,
            mode,
            extensions,
            show_all: false,
            folder: PathBuf::new(),
            folder_text: String::new(),
            entries: Vec::new(),
            listing_error: None,
            file_name,
            focus_name: true,
            to_list: None,
            listing: None,
            places: places(),
        };
        // The folder is known at once (a name typed and saved before the
        // listing arrives goes there); its entries come from the task.
        dialog.folder = start.to_owned();
        dialog.folder_text = start.display().to_string();
        dialog.enter(start.to_owned());
        dialog
    }

    /// Whether a folder is being listed.
    pub fn is_listing(&self) -> bool {
        self.to_list.is_some() || self.listing.is_some()
    }

    /// The folder being shown.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Lists `folder` next (on a task started by the next frame).
    fn enter(&mut self, folder: PathBuf) {
        self.to_list = Some(folder);
    }

    /// Starts listing the folder asked for; takes a finished listing.
    fn poll_listing(&mut self, ctx: &egui::Context) {
        if let Some(folder) = self.to_list.take() {
            self.listing = Some(Task::spawn(ctx, "econlens-list-folder", move |_| {
                let entries = list(&folder);
                (folder, entries)
            }));
        }
        let Some(done) = self.listing.as_mut().and_then(Task::poll) else { return };
        self.listing = None;
        match done {
            Ok((folder, entries)) => self.show_listing(folder, entries),
            Err(failure) => self.listing_error = Some(failure.reason),
        }
    }

    /// Shows `folder`'s entries, or says why it cannot be listed (and stays where it was).
    fn show_listing(&mut self, folder: PathBuf, entries: std::io::Result<Vec<Entry>>) {
        match entries {
            Ok(entries) => {
                self.folder = folder;
                self.entries = entries;
                self.listing_error = None;
            }
            Err(error) => {
                self.listing_error = Some(format!("{}: {error}", folder.display()));
                if self.folder.as_os_str().is_empty() {
                    self.folder = folder;
                }
            }
        }
        self.folder_text = self.folder.display().to_string();
    }

    fn wanted(&self, entry: &Entry) -> bool {
        entry.is_folder
            || self.show_all
            || Path::new(&entry.name)
                .extension()
                .and_then(|ext| ext.to_str())
                .is_some_and(|ext| self.extensions.iter().any(|wanted| wanted.eq_ignore_ascii_case(ext)))
    }

    /// Enter: a folder named in the name field is entered; else the file is
    /// chosen, as the confirm button would.
    fn confirm(&mut self) -> Option<Answer> {
        let typed = self.folder.join(self.file_name.trim());
        if !self.file_name.trim().is_empty() && typed.is_dir() {
            self.file_name.clear();
            self.enter(typed);
            self.focus_name = true;
            return None;
        }
        self.chosen_path().map(Answer::Chosen)
    }

    /// What the confirm button would choose now: for opening, a file of the
    /// listing (so no frame asks the disk).
    fn chosen_path(&self) -> Option<PathBuf> {
        let name = self.file_name.trim();
        if name.is_empty() {
            return None;
        }
        let listed = || self.entries.iter().any(|entry| !entry.is_folder && entry.name == name);
        match self.mode {
            Mode::Open => listed().then(|| self.folder.join(name)),
            Mode::Save { .. } => Some(self.folder.join(name)),
        }
    }

    /// Draws the dialog; returns the user's answer once there is one.
    pub fn ui(&mut self, ctx: &egui::Context, lang: Lang) -> Option<Answer> {
        self.poll_listing(ctx);
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::unique("econlens-file-dialog")).show(ctx, |ui| {
            ui.set_width(560.0_f32.min(ctx.content_rect().width() - 40.0));
            ui.heading(lang.tr(self.title.0, self.title.1));
            self.places_ui(ui, lang);
            self.path_field_ui(ui, lang);
            if let Some(error) = &self.listing_error {
                ui.colored_label(crate::figure::palette::error_color(ui.visuals().dark_mode), error);
            }
            answer = self.listing_ui(ui, lang);
            ui.separator();
            if answer.is_none() {
                answer = self.bottom_ui(ui, lang);
            }
        });
        if answer.is_none()
            && (modal.should_close() || ctx.input(|input| input.key_pressed(egui::Key::Escape)))
        {
            answer = Some(Answer::Cancelled);
        }
        answer
    }

    fn places_ui(&mut self, ui: &mut egui::Ui, lang: Lang) {
        ui.horizontal_wrapped(|ui| {
            let parent = self.folder.parent().map(Path::to_owned);
            if ui.add_enabled(parent.is_some(), egui::Button::new(lang.tr("上一级", "Up"))).clicked()
                && let Some(parent) = parent
            {
                self.enter(parent);
            }
            let mut chosen = None;
            for (place, folder) in &self.places {
                if ui.button(place.label(lang)).on_hover_text(folder.display().to_string()).clicked() {
                    chosen = Some(folder.clone());
                }
            }
            if let Some(folder) = chosen {
                self.enter(folder);
            }
        });
    }

    fn path_field_ui(&mut self, ui: &mut egui::Ui, lang: Lang) {
        ui.horizontal(|ui| {
            let label = ui.label(lang.tr("位置：", "Folder:"));
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.folder_text)
                        .desired_width(ui.available_width())
                        .id_salt("file-dialog-folder"),
                )
                .labelled_by(label.id);
            if field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter)) {
                let typed = PathBuf::from(self.folder_text.trim());
                if typed.is_file() {
                    if let (Some(folder), Some(name)) = (typed.parent(), typed.file_name()) {
                        self.file_name = name.to_string_lossy().into_owned();
                        self.enter(folder.to_owned());
                    }
                } else {
                    self.enter(typed);
                }
            }
        });
    }

    fn listing_ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> Option<Answer> {
        let shown: Vec<Entry> = self.entries.iter().filter(|entry| self.wanted(entry)).cloned().collect();
        let mut answer = None;
        let mut enter = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            // The same height whatever the folder holds, so the buttons stay put.
            ui.set_min_height(280.0);
            if self.is_listing() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.weak(lang.tr("正在读取文件夹…", "Reading the folder…"));
                });
            } else if shown.is_empty() {
                ui.weak(lang.tr("（此文件夹中没有可用的文件）", "(no files of this kind here)"));
            }
            let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
            egui::ScrollArea::vertical().max_height(280.0).auto_shrink([false, true]).show_rows(
                ui,
                row_height,
                shown.len(),
                |ui, rows| {
                    for entry in &shown[rows] {
                        let label =
                            if entry.is_folder { format!("{}/", entry.name) } else { entry.name.clone() };
                        let selected = !entry.is_folder && entry.name == self.file_name;
                        let response = ui.selectable_label(selected, label);
                        if response.double_clicked() {
                            if entry.is_folder {
                                enter = Some(self.folder.join(&entry.name));
                            } else {
                                answer = Some(Answer::Chosen(self.folder.join(&entry.name)));
                            }
                        } else if response.clicked() {
                            if entry.is_folder {
                                enter = Some(self.folder.join(&entry.name));
                            } else {
                                self.file_name.clone_from(&entry.name);
                            }
                        }
                    }
                },
            );
        });
        if let Some(folder) = enter {
            self.enter(folder);
        }
        answer
    }

    fn bottom_ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> Option<Answer> {
        let mut answer = None;
        ui.horizontal(|ui| {
            let label = ui.label(lang.tr("文件名：", "File name:"));
            let mut output = egui::TextEdit::singleline(&mut self.file_name)
                .desired_width(300.0)
                .id_salt("file-dialog-name")
                .show(ui);
            if std::mem::take(&mut self.focus_name) {
                output.response.request_focus();
                let stem = stem_chars(&self.file_name);
                let selection = egui::text::CCursorRange::two(
                    egui::text::CCursor::new(0),
                    egui::text::CCursor::new(stem),
                );
                output.state.cursor.set_char_range(Some(selection));
                output.state.store(ui.ctx(), output.response.id);
            }
            let field = output.response.response.labelled_by(label.id);
            // Enter in the name field, or with no field focused (after
            // choosing a file in the list): the folder path field has its own.
            let enter = ui.input(|input| input.key_pressed(egui::Key::Enter));
            let nothing_focused = ui.ctx().memory(|memory| memory.focused().is_none());
            if enter && (field.lost_focus() || (nothing_focused && !field.has_focus())) {
                answer = self.confirm();
            }
        });
        ui.horizontal(|ui| {
            ui.checkbox(&mut self.show_all, lang.tr("显示所有文件", "Show all files"));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(lang.tr("取消", "Cancel")).clicked() {
                    answer = Some(Answer::Cancelled);
                }
                let confirm = match self.mode {
                    Mode::Open => lang.tr("打开", "Open"),
                    Mode::Save { .. } => lang.tr("保存", "Save"),
                };
                let chosen = self.chosen_path();
                if ui.add_enabled(chosen.is_some(), egui::Button::new(confirm)).clicked()
                    && let Some(path) = chosen
                {
                    answer = Some(Answer::Chosen(path));
                }
            });
        });
        answer
    }
}

/// How many characters of `name` come before its extension (`报告.svg` → 2):
/// the part a person renames.
fn stem_chars(name: &str) -> usize {
    let stem = Path::new(name).file_stem().map_or(name.len(), std::ffi::OsStr::len);
    name.get(..stem).map_or(0, |stem| stem.chars().count())
}

/// A folder's entries: folders first, then files, each by name; hidden
/// entries (a leading dot) left out.
fn list(folder: &Path) -> std::io::Result<Vec<Entry>> {
    let mut entries: Vec<Entry> = std::fs::read_dir(folder)?
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                return None;
            }
            // Follows links, so a link to a folder is a folder.
            let is_folder = entry.path().is_dir();
            Some(Entry { name, is_folder })
        })
        .collect();
    entries.sort_by(|a, b| {
        b.is_folder.cmp(&a.is_folder).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(entries)
}

/// The user's usual folders that exist on this system.
fn places() -> Vec<(Place, PathBuf)> {
    [
        (Place::Home, dirs::home_dir()),
        (Place::Documents, dirs::document_dir()),
        (Place::Pictures, dirs::picture_dir()),
        (Place::Desktop, dirs::desktop_dir()),
    ]
    .into_iter()
    .filter_map(|(place, folder)| folder.filter(|folder| folder.is_dir()).map(|folder| (place, folder)))
    .collect()
}

/// Where a dialog starts: the last folder used if it still exists, else the
/// user's Pictures (for images) or Documents, else Home, else here.
pub fn start_folder(last: Option<&Path>, for_images: bool) -> PathBuf {
    let usual = if for_images { dirs::picture_dir() } else { dirs::document_dir() };
    last.map(Path::to_owned)
        .into_iter()
        .chain(usual)
        .chain(dirs::home_dir())
        .find(|folder| folder.is_dir())
        .unwrap_or_else(|| PathBuf::from("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_come_first_and_hidden_entries_are_left_out() {
        let dir = std::env::temp_dir().join(format!("econlens-dialog-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("b-folder")).expect("folder");
        for name in ["a.ron", "C.png", ".hidden.ron"] {
            std::fs::write(dir.join(name), "x").expect("file");
        }
        let names: Vec<String> = list(&dir).expect("listed").into_iter().map(|entry| entry.name).collect();
        assert_eq!(names, ["b-folder", "a.ron", "C.png"]);
        let mut dialog = FileDialog::new(("打开", "Open"), Mode::Open, vec!["ron"], &dir);
        assert!(dialog.is_listing(), "the folder is listed on a task, not in the constructor");
        dialog.show_listing(dir.clone(), list(&dir));
        let shown: Vec<&str> = dialog
            .entries
            .iter()
            .filter(|entry| dialog.wanted(entry))
            .map(|entry| entry.name.as_str())
            .collect();
        assert_eq!(shown, ["b-folder", "a.ron"], "only folders and .ron files");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_missing_last_folder_falls_back_to_an_existing_one() {
        // An existing last folder is where the dialog starts.
        let last = tempfile::tempdir().unwrap();
        assert_eq!(start_folder(Some(last.path()), true), last.path());
        // A missing one gives way to the system's Pictures (images) or
        // Documents (data) folder where it exists, else home, else here.
        let missing = Some(Path::new("/no/such/folder/econlens"));
        for (for_images, usual) in [(true, dirs::picture_dir()), (false, dirs::document_dir())] {
            let expected = usual
                .into_iter()
                .chain(dirs::home_dir())
                .find(|folder| folder.is_dir())
                .unwrap_or_else(|| PathBuf::from("."));
            assert_eq!(start_folder(missing, for_images), expected);
        }
    }
}

//! A problem with a table, placed where the user can find it
//! (`Sheet1!C14`, `table.csv:14:3`, or the file) and said in both languages.

use crate::i18n::{Lang, Message};

#[derive(Clone, Debug, PartialEq)]
pub struct ImportProblem {
    /// `Sheet1!C14`, `table.csv:14:3`, `table.csv:14`, or the file's name.
    pub place: String,
    pub message: Message,
}

impl ImportProblem {
    /// `Sheet1!C14: expected a number, found "约1350"`.
    pub fn render(&self, lang: Lang) -> String {
        format!("{}: {}", self.place, self.message.get(lang))
    }
}

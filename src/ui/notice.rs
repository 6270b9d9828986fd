//! A one-line message in the status bar: where an export went, why a file
//! could not be watched, which settings were reset. It keeps both languages
//! and is rendered when drawn, so switching the language switches it too.

use crate::i18n::{Lang, Message};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub message: Message,
    pub is_error: bool,
}

impl Notice {
    pub fn info(message: Message) -> Self {
        Self { message, is_error: false }
    }

    pub fn error(message: Message) -> Self {
        Self { message, is_error: true }
    }

    pub fn text(&self, lang: Lang) -> &str {
        self.message.get(lang)
    }
}

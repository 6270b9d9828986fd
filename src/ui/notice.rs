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

/// The notices of one frame as one line, so none is lost: two exports that
/// finish together are both reported (`已导出：a.svg；已导出：b.png`), and the
/// line is shown as an error when any of them is one.
pub fn joined(notices: Vec<Notice>) -> Option<Notice> {
    let is_error = notices.iter().any(|notice| notice.is_error);
    let mut notices = notices.into_iter();
    let first = notices.next()?;
    let message = notices.fold(first.message, |joined, notice| Message {
        zh: format!("{}；{}", joined.zh, notice.message.zh),
        en: format!("{}; {}", joined.en, notice.message.en),
    });
    Some(Notice { message, is_error })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_of_one_frame_are_all_kept_and_an_error_colours_the_line() {
        let done = Notice::info(Message::new("已导出：a.svg", "Exported: a.svg"));
        let failed = Notice::error(Message::new("无法写入 b.png", "cannot write b.png"));
        let line = joined(vec![done, failed]).unwrap();
        assert_eq!(line.text(Lang::Zh), "已导出：a.svg；无法写入 b.png");
        assert_eq!(line.text(Lang::En), "Exported: a.svg; cannot write b.png");
        assert!(line.is_error);
        assert_eq!(joined(Vec::new()), None);
    }
}

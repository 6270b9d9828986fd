//! The two languages of the interface, of exported charts and of every
//! message a person reads.
//!
//! Chinese is the default: most users read it first. Interface strings live
//! beside the code that shows them as `tr(lang, "中文", "English")` pairs,
//! so a missing translation is impossible to write. Messages made before the
//! language is known (a load error, a notice) carry both texts in a
//! [`Message`] and are rendered when shown, so switching the language
//! switches them too.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Self; 2] = [Self::Zh, Self::En];

    /// The language's name in itself, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::Zh => "中文",
            Self::En => "English",
        }
    }

    /// The language's tag (BCP 47), for files that say their language.
    pub fn tag(self) -> &'static str {
        self.tr("zh-CN", "en")
    }

    /// Picks the string for this language.
    pub fn tr<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Self::Zh => zh,
            Self::En => en,
        }
    }

    /// `（text）` in Chinese, ` (text)` in English: an aside after a name.
    pub fn aside(self, text: &str) -> String {
        match self {
            Self::Zh => format!("（{text}）"),
            Self::En => format!(" ({text})"),
        }
    }

    /// Chinese when the system's language is Chinese, else English: the
    /// command line's default.
    pub fn from_system() -> Self {
        Self::from_locale(sys_locale::get_locale().as_deref())
    }

    /// `zh-CN`, `zh_TW.UTF-8`, `zh-Hans` → Chinese; anything else → English.
    pub fn from_locale(locale: Option<&str>) -> Self {
        match locale {
            Some(locale) if locale.to_ascii_lowercase().starts_with("zh") => Self::Zh,
            _ => Self::En,
        }
    }
}

/// A message in both languages, chosen when it is shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

impl Message {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self { zh: zh.into(), en: en.into() }
    }

    /// The same text in both languages (a file name, a number).
    pub fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Self { zh: text.clone(), en: text }
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.tr(&self.zh, &self.en)
    }

    /// This message followed by `more` (with the language's own separator).
    #[must_use]
    pub fn then(mut self, more: &Self) -> Self {
        self.zh.push_str(&more.zh);
        self.en.push_str(&more.en);
        self
    }
}

/// `msg!("第 {n} 行", "line {n}")`: a [`Message`] from two format strings
/// that capture the same variables.
#[macro_export]
macro_rules! msg {
    ($zh:literal, $en:literal $(,)?) => {
        $crate::i18n::Message { zh: format!($zh), en: format!($en) }
    };
}

/// Why the system refused a file operation, in `lang`. The system's own text
/// follows in English for the cases without a translation.
pub fn io_reason(error: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind;
    let known = match error.kind() {
        ErrorKind::NotFound => Some(("文件或文件夹不存在", "no such file or folder")),
        ErrorKind::PermissionDenied => Some(("没有权限", "permission denied")),
        ErrorKind::ReadOnlyFilesystem => Some(("磁盘为只读", "the disk is read-only")),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Some(("磁盘已满", "the disk is full")),
        ErrorKind::IsADirectory => Some(("这是一个文件夹", "it is a folder")),
        ErrorKind::NotADirectory => Some(("路径中有一部分不是文件夹", "part of the path is not a folder")),
        ErrorKind::InvalidFilename => Some(("文件名无效", "the file name is not valid")),
        _ => None,
    };
    match known {
        Some((zh, en)) => lang.tr(zh, en).to_owned(),
        None => match lang {
            Lang::Zh => format!("系统错误：{error}"),
            Lang::En => error.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_locales_pick_chinese() {
        for locale in ["zh-CN", "zh_TW.UTF-8", "zh-Hans-CN", "ZH"] {
            assert_eq!(Lang::from_locale(Some(locale)), Lang::Zh, "{locale}");
        }
        for locale in [Some("en-US"), Some("C"), Some("de_DE.UTF-8"), None] {
            assert_eq!(Lang::from_locale(locale), Lang::En, "{locale:?}");
        }
    }

    #[test]
    fn a_message_follows_the_language() {
        let count = 3;
        let message = msg!("{count} 个问题", "{count} problems");
        assert_eq!(message.get(Lang::Zh), "3 个问题");
        assert_eq!(message.get(Lang::En), "3 problems");
    }
}

//! User-interface strings in Arabic and English.

use hamish_core::{EntityType, Source};

/// The language of the widget's own labels (not of the article).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UiLang {
    /// Arabic labels, right-to-left chrome.
    #[default]
    Ar,
    /// English labels, left-to-right chrome.
    En,
}

impl UiLang {
    /// Parses `ar`/`en` (anything else gives Arabic).
    pub fn parse(s: &str) -> UiLang {
        if s.trim().eq_ignore_ascii_case("en") {
            UiLang::En
        } else {
            UiLang::Ar
        }
    }

    /// `ar` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            UiLang::Ar => "ar",
            UiLang::En => "en",
        }
    }

    /// `rtl` or `ltr`.
    pub fn dir(self) -> &'static str {
        match self {
            UiLang::Ar => "rtl",
            UiLang::En => "ltr",
        }
    }
}

/// The reader-facing name of a type.
pub fn type_label(lang: UiLang, kind: EntityType) -> &'static str {
    match (lang, kind) {
        (UiLang::Ar, EntityType::Per) => "شخص",
        (UiLang::Ar, EntityType::Org) => "منظمة",
        (UiLang::Ar, EntityType::Loc) => "مكان",
        (UiLang::Ar, EntityType::Misc) => "أخرى",
        (UiLang::Ar, EntityType::Date) => "تاريخ",
        (UiLang::Ar, EntityType::Time) => "وقت",
        (UiLang::Ar, EntityType::Duration) => "مدة",
        (UiLang::Ar, EntityType::Set) => "تكرار",
        (UiLang::En, EntityType::Per) => "Person",
        (UiLang::En, EntityType::Org) => "Organization",
        (UiLang::En, EntityType::Loc) => "Place",
        (UiLang::En, EntityType::Misc) => "Other",
        (UiLang::En, EntityType::Date) => "Date",
        (UiLang::En, EntityType::Time) => "Time",
        (UiLang::En, EntityType::Duration) => "Duration",
        (UiLang::En, EntityType::Set) => "Recurrence",
    }
}

/// The reader-facing name of a source.
pub fn source_label(lang: UiLang, source: Source) -> &'static str {
    match (lang, source) {
        (UiLang::Ar, Source::Model) => "النموذج الإحصائي",
        (UiLang::Ar, Source::Lexicon) => "المعجم",
        (UiLang::Ar, Source::Rule) => "القواعد",
        (UiLang::Ar, Source::Reader) => "القارئ",
        (UiLang::En, Source::Model) => "statistical model",
        (UiLang::En, Source::Lexicon) => "lexicon",
        (UiLang::En, Source::Rule) => "rules",
        (UiLang::En, Source::Reader) => "reader",
    }
}

/// Fixed UI strings.
#[derive(Debug, Clone, Copy)]
pub struct Strings {
    /// Legend heading / aria label.
    pub legend: &'static str,
    /// Shown while the text loads.
    pub loading: &'static str,
    /// Shown while the analysis runs.
    pub analysing: &'static str,
    /// Prefix of a load error.
    pub load_failed: &'static str,
    /// Card field: value.
    pub value: &'static str,
    /// Card field: source.
    pub source: &'static str,
    /// Card field: confidence.
    pub confidence: &'static str,
    /// Card field: linked entry.
    pub link: &'static str,
    /// Card badge for a suggestion.
    pub suggestion: &'static str,
    /// Article aria label and keyboard hint.
    pub article_label: &'static str,
    /// Legend toggle hint.
    pub toggle_hint: &'static str,
    /// Empty document.
    pub empty: &'static str,
    /// Browser lacks the CSS Custom Highlight API.
    pub no_highlight_api: &'static str,
}

/// The strings for `lang`.
pub fn strings(lang: UiLang) -> &'static Strings {
    match lang {
        UiLang::Ar => &Strings {
            legend: "الأنواع",
            loading: "جارٍ تحميل النص…",
            analysing: "جارٍ التحليل…",
            load_failed: "تعذّر تحميل النص",
            value: "القيمة",
            source: "المصدر",
            confidence: "الثقة",
            link: "المرجع",
            suggestion: "اقتراح",
            article_label: "نص المقال. استخدم Tab أو الأسهم للتنقل بين التعليقات، وEsc للخروج.",
            toggle_hint: "إظهار/إخفاء",
            empty: "لا يوجد نص.",
            no_highlight_api: "لا يدعم هذا المتصفح واجهة التظليل (CSS Custom Highlight API)؛ تظهر التعليقات في القائمة فقط.",
        },
        UiLang::En => &Strings {
            legend: "Types",
            loading: "Loading the text…",
            analysing: "Analysing…",
            load_failed: "Could not load the text",
            value: "Value",
            source: "Source",
            confidence: "Confidence",
            link: "Entry",
            suggestion: "suggestion",
            article_label: "Article text. Use Tab or the arrow keys to move between annotations, Esc to leave.",
            toggle_hint: "show/hide",
            empty: "There is no text.",
            no_highlight_api: "This browser lacks the CSS Custom Highlight API; annotations are listed but not highlighted.",
        },
    }
}

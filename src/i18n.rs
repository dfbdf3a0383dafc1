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
    /// Toolbar aria label.
    pub toolbar: &'static str,
    /// Undo.
    pub undo: &'static str,
    /// Redo.
    pub redo: &'static str,
    /// Accept all suggestions.
    pub accept_all: &'static str,
    /// Reject all suggestions.
    pub reject_all: &'static str,
    /// Accept one.
    pub accept: &'static str,
    /// Reject one.
    pub reject: &'static str,
    /// Delete one.
    pub delete: &'static str,
    /// Change the type.
    pub retype: &'static str,
    /// Sticky label mode.
    pub sticky: &'static str,
    /// Off.
    pub off: &'static str,
    /// Shortcut help button.
    pub help: &'static str,
    /// Shortcut overlay title.
    pub shortcuts: &'static str,
    /// Close.
    pub close: &'static str,
    /// Saved.
    pub saved: &'static str,
    /// Unsaved.
    pub unsaved: &'static str,
    /// Not saved (prefix of the reason).
    pub not_saved: &'static str,
    /// Apply to all: "{n} other mentions of «{text}»".
    pub offer: &'static str,
    /// Apply.
    pub apply: &'static str,
    /// Dismiss.
    pub dismiss: &'static str,
    /// Reference date label.
    pub reference_date: &'static str,
    /// Type picker label.
    pub pick_type: &'static str,
    /// Why a selection across paragraphs gets no type picker.
    pub across_paragraphs: &'static str,
    /// Edit the value.
    pub edit_value: &'static str,
    /// Save the value.
    pub set_value: &'static str,
    /// Suggestions remaining: "{n} suggestions to review".
    pub to_review: &'static str,
    /// Resize handle label (start).
    pub handle_start: &'static str,
    /// Resize handle label (end).
    pub handle_end: &'static str,
    /// A damaged saved state was kept aside.
    pub damaged_saved: &'static str,
    /// Why a widget does not save: another widget on the page saves the
    /// same text under the same key.
    pub shared_key: &'static str,
    /// Another tab saved work on this text, and this tab now shows it.
    pub other_tab_synced: &'static str,
    /// Another tab saved work on this text while this one has unsaved work.
    pub other_tab_conflict: &'static str,
    /// What the model learned no longer fits the updated model; kept aside.
    pub stale_learning: &'static str,
    /// Decided badge.
    pub decided: &'static str,
    /// Export button.
    pub export: &'static str,
    /// Import button.
    pub import: &'static str,
    /// Orphans heading: "{n} imported annotations to place".
    pub orphans: &'static str,
    /// Place an orphan.
    pub place: &'static str,
    /// Discard an orphan.
    pub discard: &'static str,
    /// Hint while placing: "Select the text for «{quote}»".
    pub placing: &'static str,
    /// Import failed (prefix).
    pub import_failed: &'static str,
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
            toolbar: "أدوات التصحيح",
            undo: "تراجع",
            redo: "إعادة",
            accept_all: "قبول الكل",
            reject_all: "رفض الكل",
            accept: "قبول",
            reject: "رفض",
            delete: "حذف",
            retype: "تغيير النوع",
            sticky: "تسمية ثابتة",
            off: "معطّلة",
            help: "اختصارات",
            shortcuts: "اختصارات لوحة المفاتيح",
            close: "إغلاق",
            saved: "محفوظ",
            unsaved: "غير محفوظ بعد",
            not_saved: "لم يُحفظ — العمل في الذاكرة فقط",
            offer: "تطبيق على {n} موضع آخر لـ«{text}»",
            apply: "تطبيق",
            dismiss: "تجاهل",
            reference_date: "تاريخ المرجع",
            pick_type: "اختر النوع",
            across_paragraphs: "لا يمتد التعليق على أكثر من فقرة: حدّد نصًّا داخل فقرة واحدة",
            edit_value: "تعديل القيمة",
            set_value: "حفظ القيمة",
            to_review: "{n} اقتراح للمراجعة",
            handle_start: "مقبض بداية التعليق",
            handle_end: "مقبض نهاية التعليق",
            damaged_saved: "تعذّرت قراءة التصحيحات المحفوظة لهذا النص ({reason})؛ حُفظت جانبًا باسم {key}.",
            shared_key: "عنصر آخر في هذه الصفحة يحفظ تصحيحات النص نفسه؛ أعطِ كل عنصر سمة id مختلفة ليُحفظ عمل كلٍّ منهما",
            other_tab_synced: "حُدِّثت التعليقات بما حُفظ في نافذة أخرى لهذا النص",
            other_tab_conflict: "عُدِّل هذا النص في نافذة أخرى أيضًا؛ سيحلّ ما في هذه النافذة محلّه عند الحفظ (أعد التحميل لترى ذلك العمل بدلًا منه)",
            stale_learning: "حُدِّث نموذج التعرّف على الأسماء منذ آخر تصحيحاتك ({reason}): ما تعلّمه منها لم يعد يناسبه فحُفظ جانبًا باسم {key}، وقراراتك محفوظة وما زالت تُطبَّق.",
            decided: "قرار القارئ",
            export: "تصدير",
            import: "استيراد",
            orphans: "{n} تعليق مستورد لم يُعثر على موضعه",
            place: "تحديد الموضع",
            discard: "تجاهل",
            placing: "حدّد في النص موضع «{quote}»",
            import_failed: "تعذّر الاستيراد",
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
            toolbar: "Correction tools",
            undo: "Undo",
            redo: "Redo",
            accept_all: "Accept all",
            reject_all: "Reject all",
            accept: "Accept",
            reject: "Reject",
            delete: "Delete",
            retype: "Change type",
            sticky: "Sticky label",
            off: "off",
            help: "Shortcuts",
            shortcuts: "Keyboard shortcuts",
            close: "Close",
            saved: "Saved",
            unsaved: "Not saved yet",
            not_saved: "Not saved — working in memory only",
            offer: "Apply to {n} other mentions of «{text}»",
            apply: "Apply",
            dismiss: "Dismiss",
            reference_date: "Reference date",
            pick_type: "Choose a type",
            across_paragraphs: "An annotation cannot span paragraphs: select text within one paragraph",
            edit_value: "Edit value",
            set_value: "Set value",
            to_review: "{n} suggestions to review",
            handle_start: "Start handle",
            handle_end: "End handle",
            damaged_saved: "Saved corrections for this text could not be read ({reason}); they were kept aside as {key}.",
            shared_key: "another widget on this page saves corrections for the same text; give each element its own id attribute so that both are saved",
            other_tab_synced: "Updated with the work saved for this text in another tab",
            other_tab_conflict: "This text was changed in another tab too; this tab's work will replace it when saved (reload to see that work instead)",
            stale_learning: "The name tagger was updated since your last corrections ({reason}): what it had learned from them no longer fits and was kept aside as {key}; your decisions are kept and still applied.",
            decided: "reader's decision",
            export: "Export",
            import: "Import",
            orphans: "{n} imported annotations could not be placed",
            place: "Place",
            discard: "Discard",
            placing: "Select the text for «{quote}»",
            import_failed: "Import failed",
        },
    }
}

/// The keyboard shortcuts, for the `?` overlay: (keys, what they do).
pub fn shortcuts(lang: UiLang) -> &'static [(&'static str, &'static str)] {
    match lang {
        UiLang::Ar => &[
            ("Tab / Shift+Tab، ↓ / ↑، j / k", "التعليق التالي / السابق"),
            ("Home / End", "أول / آخر تعليق"),
            ("← / →  (Ctrl: كلمة)", "تحريك المؤشر"),
            ("Shift+← / →  (Ctrl: كلمة)", "تحديد نص"),
            ("Enter", "فتح قائمة الأنواع للتحديد، أو قبول الاقتراح"),
            ("1–8", "اختيار النوع أو تغيير نوع التعليق"),
            ("a / r", "قبول / رفض الاقتراح"),
            ("Delete", "حذف التعليق"),
            ("Alt+← / →", "توسيع التعليق من تلك الجهة (بمقطع أو كلمة)"),
            ("Alt+Shift+← / →", "تقليص التعليق من تلك الجهة"),
            ("Alt+Ctrl(+Shift)+← / →", "التوسيع أو التقليص بحرف"),
            ("e", "تعديل قيمة التاريخ"),
            (
                "m",
                "تطبيق الإضافة أو تغيير النوع على المواضع الأخرى للنص نفسه",
            ),
            ("Shift+A / Shift+R", "قبول / رفض كل الاقتراحات"),
            ("s", "تسمية ثابتة بنوع التعليق الحالي / إيقافها"),
            ("Ctrl+Z / Ctrl+Shift+Z (⌘ على ماك)", "تراجع / إعادة"),
            (
                "Alt أثناء التحديد بالفأرة",
                "الاحتفاظ بالتحديد كما هو دون ضبطه على الكلمة",
            ),
            ("?", "هذه القائمة"),
            ("Esc", "إغلاق / إلغاء"),
        ],
        UiLang::En => &[
            (
                "Tab / Shift+Tab, ↓ / ↑, j / k",
                "next / previous annotation",
            ),
            ("Home / End", "first / last annotation"),
            ("← / →  (Ctrl: word)", "move the caret"),
            ("Shift+← / →  (Ctrl: word)", "select text"),
            (
                "Enter",
                "open the type picker for the selection, or accept a suggestion",
            ),
            ("1–8", "choose a type, or retype the annotation"),
            ("a / r", "accept / reject the suggestion"),
            ("Delete", "delete the annotation"),
            (
                "Alt+← / →",
                "grow the annotation on that side (by clitic or word)",
            ),
            ("Alt+Shift+← / →", "shrink the annotation on that side"),
            ("Alt+Ctrl(+Shift)+← / →", "grow or shrink by one character"),
            ("e", "edit the date value"),
            (
                "m",
                "apply an add or retype to the other mentions of the same text",
            ),
            ("Shift+A / Shift+R", "accept / reject all suggestions"),
            ("s", "sticky label with the current annotation's type / off"),
            ("Ctrl+Z / Ctrl+Shift+Z (⌘ on macOS)", "undo / redo"),
            (
                "Alt while selecting with the mouse",
                "keep the exact selection (no snapping to words)",
            ),
            ("?", "this overlay"),
            ("Esc", "close / cancel"),
        ],
    }
}

/// Fills `{name}` placeholders in `template`.
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (k, v) in vars {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

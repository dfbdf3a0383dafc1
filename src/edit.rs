//! Pure editing helpers: keyboard resizing and caret movement over the
//! document's word and clitic boundaries, in visual directions that are
//! correct for right-to-left text, and TIMEX3 value validation.

use crate::doc::Document;

/// A visual direction on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Towards the left edge of the screen.
    Left,
    /// Towards the right edge of the screen.
    Right,
}

/// How far one step moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// To the next word or clitic boundary (وبوتين: و | بوتين).
    Boundary,
    /// One character.
    Char,
}

/// Whether `side` points to the logical end of the text in a block whose
/// direction is `rtl`.
fn forward(side: Side, rtl: bool) -> bool {
    matches!((side, rtl), (Side::Left, true) | (Side::Right, false))
}

/// Which stops a step may land on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stops {
    /// Any word or clitic boundary (the caret).
    Any,
    /// Where an annotation may start.
    Start,
    /// Where an annotation may end.
    End,
}

/// The next stop from `pos` in logical direction `fwd`, inside block `block`.
pub fn step(doc: &Document, block: usize, pos: usize, fwd: bool, unit: Unit) -> Option<usize> {
    step_on(doc, block, pos, fwd, unit, Stops::Any)
}

fn step_on(
    doc: &Document,
    block: usize,
    pos: usize,
    fwd: bool,
    unit: Unit,
    stops: Stops,
) -> Option<usize> {
    let r = doc.blocks.get(block)?.range.clone();
    match unit {
        Unit::Char => {
            let text = &doc.text;
            if fwd {
                let c = text[pos..r.end].chars().next()?;
                Some(pos + c.len_utf8())
            } else {
                let c = text[r.start..pos].chars().next_back()?;
                Some(pos - c.len_utf8())
            }
        }
        Unit::Boundary => {
            let b = match stops {
                Stops::Any => doc.boundaries(block),
                Stops::Start => doc.start_stops(block),
                Stops::End => doc.end_stops(block),
            };
            if fwd {
                b.into_iter().find(|&x| x > pos)
            } else {
                b.into_iter().rev().find(|&x| x < pos)
            }
        }
    }
}

/// The span after moving the annotation edge on screen side `side`
/// outwards (`grow`) or inwards, in a block of direction `rtl`. `None` when
/// the move is impossible (edge of the paragraph, or the span would vanish).
pub fn resize(
    doc: &Document,
    block: usize,
    span: (usize, usize),
    side: Side,
    grow: bool,
    rtl: bool,
    unit: Unit,
) -> Option<(usize, usize)> {
    let (start, end) = span;
    // The screen side's edge: in RTL the left edge is the logical end.
    let moves_end = forward(side, rtl);
    let (new_start, new_end) = if moves_end {
        let e = step_on(doc, block, end, grow, unit, Stops::End)?;
        (start, e)
    } else {
        let s = step_on(doc, block, start, !grow, unit, Stops::Start)?;
        (s, end)
    };
    (new_start < new_end).then_some((new_start, new_end))
}

/// The caret position after pressing an arrow key towards `side`.
pub fn move_caret(
    doc: &Document,
    block: usize,
    pos: usize,
    side: Side,
    rtl: bool,
    unit: Unit,
) -> Option<usize> {
    step(doc, block, pos, forward(side, rtl), unit)
}

/// Where the caret goes when an arrow key towards `side` finds no more
/// stops in its block (of direction `rtl`): the start of the next block
/// going forward, the end of the previous one going back — so that the
/// keyboard reaches every paragraph, those without annotations too.
/// `None` at either end of the document.
pub fn caret_into_neighbour(
    doc: &Document,
    block: usize,
    side: Side,
    rtl: bool,
) -> Option<(usize, usize)> {
    if forward(side, rtl) {
        let b = block + 1;
        doc.blocks.get(b).map(|x| (b, x.range.start))
    } else {
        let b = block.checked_sub(1)?;
        doc.blocks.get(b).map(|x| (b, x.range.end))
    }
}

/// Checks a TIMEX3 value as a reader may type it: calendar dates and
/// periods (`2025`, `2025-05`, `2025-05-16`, `2025-W20`, `2025-Q1`,
/// `2025-H1`, `2025-SP`, `199` decade, `19` century), times
/// (`2025-05-16T10:30`, `2025-05-16TNI`), durations (`P2D`, `PT3H`,
/// `P1Y6M`), sets (`XXXX-WXX-5`), the references `PRESENT_REF`,
/// `PAST_REF`, `FUTURE_REF`, and `X` placeholders for unknown digits.
pub fn validate_timex(value: &str) -> Result<(), String> {
    let v = value.trim();
    if v.is_empty() {
        return Err("empty value".into());
    }
    if matches!(v, "PRESENT_REF" | "PAST_REF" | "FUTURE_REF") {
        return Ok(());
    }
    if let Some(d) = v.strip_prefix('P') {
        return validate_duration(d).map_err(|e| format!("{v}: {e}"));
    }
    let (date, time) = match v.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (v, None),
    };
    validate_date(date).map_err(|e| format!("{v}: {e}"))?;
    if let Some(t) = time {
        validate_time(t).map_err(|e| format!("{v}: {e}"))?;
    }
    Ok(())
}

fn digits_or_x(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit() || b == b'X')
}

fn num_in(s: &str, lo: u32, hi: u32) -> bool {
    if s.bytes().all(|b| b == b'X') {
        return true;
    }
    s.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
}

fn validate_date(d: &str) -> Result<(), String> {
    let parts: Vec<&str> = d.split('-').collect();
    let year = parts[0];
    if !(digits_or_x(year, 4) || digits_or_x(year, 3) || digits_or_x(year, 2)) {
        return Err("the year must be 4 digits (or 3 for a decade, 2 for a century)".into());
    }
    if year.len() < 4 && parts.len() > 1 {
        return Err("a decade or century takes no month or day".into());
    }
    match parts.as_slice() {
        [_] => Ok(()),
        [_, p]
            if matches!(
                *p,
                "SP" | "SU" | "FA" | "WI" | "H1" | "H2" | "Q1" | "Q2" | "Q3" | "Q4" | "WE"
            ) =>
        {
            Ok(())
        }
        [_, w] if w.starts_with('W') => {
            if digits_or_x(&w[1..], 2) && num_in(&w[1..], 1, 53) {
                Ok(())
            } else {
                Err("a week is W01–W53".into())
            }
        }
        [_, w, d] if w.starts_with('W') => {
            if digits_or_x(&w[1..], 2) && (d.len() == 1 && num_in(d, 1, 7) || *d == "WE") {
                Ok(())
            } else {
                Err("a week day is W01–W53 then 1–7".into())
            }
        }
        [_, m] => {
            if digits_or_x(m, 2) && num_in(m, 1, 12) {
                Ok(())
            } else {
                Err("the month must be 01–12".into())
            }
        }
        [y, m, day] => {
            if !(digits_or_x(m, 2) && num_in(m, 1, 12)) {
                return Err("the month must be 01–12".into());
            }
            if !digits_or_x(day, 2) || !num_in(day, 1, 31) {
                return Err("the day must be 01–31".into());
            }
            if let (Ok(y), Ok(m), Ok(dd)) = (y.parse::<i32>(), m.parse::<u8>(), day.parse::<u8>()) {
                hamish_core::CivilDate::new(y, m, dd).map_err(|e| e.to_string())?;
            }
            Ok(())
        }
        _ => Err("expected YYYY, YYYY-MM or YYYY-MM-DD".into()),
    }
}

fn validate_time(t: &str) -> Result<(), String> {
    if matches!(t, "MO" | "MI" | "AF" | "EV" | "NI" | "DT") {
        return Ok(());
    }
    let parts: Vec<&str> = t.split(':').collect();
    let ok = match parts.as_slice() {
        [h] => digits_or_x(h, 2) && num_in(h, 0, 24),
        [h, m] => digits_or_x(h, 2) && num_in(h, 0, 24) && digits_or_x(m, 2) && num_in(m, 0, 59),
        [h, m, s] => {
            digits_or_x(h, 2)
                && num_in(h, 0, 24)
                && digits_or_x(m, 2)
                && num_in(m, 0, 59)
                && digits_or_x(s, 2)
                && num_in(s, 0, 60)
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err("a time is HH, HH:MM, HH:MM:SS or MO/AF/EV/NI".into())
    }
}

fn validate_duration(d: &str) -> Result<(), String> {
    let (date, time) = match d.split_once('T') {
        Some((a, b)) => (a, Some(b)),
        None => (d, None),
    };
    let unit_list = |s: &str, units: &str| -> bool {
        let mut rest = s;
        let mut last = 0;
        while !rest.is_empty() {
            let n = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'X'))
                .unwrap_or(rest.len());
            if n == 0 || n == rest.len() {
                return false;
            }
            let u = rest[n..].chars().next().unwrap_or(' ');
            match units.find(u) {
                Some(i) if i + 1 > last => last = i + 1,
                _ => return false,
            }
            rest = &rest[n + u.len_utf8()..];
        }
        true
    };
    let ok = (date.is_empty() || unit_list(date, "YMWDEC"))
        && time.is_none_or(|t| !t.is_empty() && unit_list(t, "HMS"))
        && !(date.is_empty() && time.is_none());
    if ok {
        Ok(())
    } else {
        Err("a duration is like P2D, P1Y6M, PT3H, P2W".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timex_values() {
        for ok in [
            "2025",
            "2025-05",
            "2025-05-16",
            "2025-W20",
            "2025-W20-5",
            "2025-Q1",
            "2025-SP",
            "199",
            "19",
            "2025-05-16T10:30",
            "2025-05-16TNI",
            "P2D",
            "P1Y6M",
            "PT3H",
            "P2W",
            "PRESENT_REF",
            "XXXX-05",
            "2024-02-29",
            "P1.5Y",
            "PXD",
        ] {
            assert!(validate_timex(ok).is_ok(), "{ok}: {:?}", validate_timex(ok));
        }
        for bad in [
            "",
            "2025-13",
            "2025-02-30",
            "2",
            "2025/05/16",
            "P",
            "PT",
            "P2",
            "P2X",
            "tomorrow",
            "2025-05-16T25:00",
            "199-05",
            "2025-W54",
            "PD2",
        ] {
            assert!(validate_timex(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn resize_steps_are_visual_in_rtl() {
        let text = "قال الرئيس وبوتين أمس";
        let d = Document::new(text);
        let at = |w: &str| text.find(w).unwrap();
        let putin = (at("بوتين"), at("بوتين") + "بوتين".len());
        // RTL: the left edge is the end. Growing it takes in أمس.
        let r = resize(&d, 0, putin, Side::Left, true, true, Unit::Boundary).unwrap();
        assert_eq!(&text[r.0..r.1], "بوتين أمس");
        // Growing the right edge (the start) takes the clitic first.
        let r = resize(&d, 0, putin, Side::Right, true, true, Unit::Boundary).unwrap();
        assert_eq!(&text[r.0..r.1], "وبوتين");
        let r = resize(&d, 0, r, Side::Right, true, true, Unit::Boundary).unwrap();
        assert_eq!(&text[r.0..r.1], "الرئيس وبوتين");
        // Shrinking the left edge by a character.
        let r = resize(&d, 0, putin, Side::Left, false, true, Unit::Char).unwrap();
        assert_eq!(&text[r.0..r.1], "بوتي");
        // In LTR the right edge is the end.
        let en = Document::new("Mr Putin said");
        let p = (3, 8);
        let r = resize(&en, 0, p, Side::Right, true, false, Unit::Boundary).unwrap();
        assert_eq!(&en.text[r.0..r.1], "Putin said");
        // Cannot shrink to nothing or grow past the paragraph.
        let one = (at("أمس"), at("أمس") + "أمس".len());
        assert_eq!(
            resize(&d, 0, one, Side::Left, true, true, Unit::Boundary),
            None
        );
        assert_eq!(
            resize(
                &d,
                0,
                (one.0, one.0 + 2),
                Side::Left,
                false,
                true,
                Unit::Char
            ),
            None
        );
    }

    #[test]
    fn caret_moves() {
        let text = "وبوتين هنا";
        let d = Document::new(text);
        assert_eq!(
            move_caret(&d, 0, 0, Side::Left, true, Unit::Boundary),
            Some(2)
        );
        assert_eq!(move_caret(&d, 0, 2, Side::Left, true, Unit::Char), Some(4));
        assert_eq!(
            move_caret(&d, 0, 2, Side::Right, true, Unit::Boundary),
            Some(0)
        );
        assert_eq!(move_caret(&d, 0, 0, Side::Right, true, Unit::Char), None);
    }

    #[test]
    fn the_caret_crosses_into_the_neighbouring_paragraph() {
        let text = "بوتين هنا\n\nوصل أمس\n\nEnd here";
        let d = Document::new(text);
        assert_eq!(d.blocks.len(), 3);
        let (b0, b1) = (d.blocks[0].range.clone(), d.blocks[1].range.clone());
        // RTL: ← is forward, → is back.
        assert_eq!(
            move_caret(&d, 0, b0.end, Side::Left, true, Unit::Char),
            None
        );
        assert_eq!(
            caret_into_neighbour(&d, 0, Side::Left, true),
            Some((1, b1.start))
        );
        assert_eq!(
            caret_into_neighbour(&d, 1, Side::Right, true),
            Some((0, b0.end))
        );
        // LTR: → is forward.
        assert_eq!(caret_into_neighbour(&d, 2, Side::Right, false), None);
        assert_eq!(
            caret_into_neighbour(&d, 2, Side::Left, false),
            Some((1, b1.end))
        );
        assert_eq!(caret_into_neighbour(&d, 0, Side::Right, true), None);
    }
}

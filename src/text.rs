//! Untrusted text from the input: control characters out, white space tidied.

/// Removes control characters (a line break or tab becomes a space), folds runs
/// of white space into one space and trims the ends.
pub fn clean(text: &str) -> String {
    let mut out = String::new();
    clean_into(text, &mut out);
    out
}

/// [`clean`] into `out`, replacing what it held (reusing its allocation).
pub fn clean_into(text: &str, out: &mut String) {
    out.clear();
    if is_clean(text) {
        out.push_str(text);
        return;
    }
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if !c.is_control() && !is_invisible_format(c) {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
}

/// `text` without white space at its ends, like [`str::trim`], with a
/// quick answer for the usual field that starts and ends with a letter.
pub fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    let solid = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    if solid(bytes.first()) && solid(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

/// Whether [`clean`] would leave `text` as it is (a fast check before copying).
pub fn is_clean(text: &str) -> bool {
    let (found, doubled) = classify(text.as_bytes());
    if doubled & SPACE != 0 || !clear_ends(text.as_bytes()) {
        return false;
    }
    found & ODD == 0 || is_clean_unicode(text, false)
}

/// Whether `text` is clean ([`is_clean`]) printable ASCII without quotes
/// or backslashes: text that reads the same inside JSON's quotes.
pub fn is_plain(text: &str) -> bool {
    let (found, doubled) = classify(text.as_bytes());
    found & (ODD | QUOTE) == 0 && doubled & SPACE == 0 && clear_ends(text.as_bytes())
}

/// Classes of bytes: not printable ASCII (a control, or part of a
/// non-ASCII character), a `"` or `\\`, a space.
const ODD: u8 = 1;
const QUOTE: u8 = 2;
const SPACE: u8 = 4;

/// The class of each byte value.
static CLASSES: [u8; 256] = {
    let mut classes = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        classes[b] = match b as u8 {
            b' ' => SPACE,
            b'"' | b'\\' => QUOTE,
            0x21..=0x7E => 0,
            _ => ODD,
        };
        b += 1;
    }
    classes
};

/// The classes found in `bytes`, and those found twice in a row. These
/// checks run for every field of every row: a table look-up per byte.
fn classify(bytes: &[u8]) -> (u8, u8) {
    let (mut found, mut doubled, mut previous) = (0, 0, 0);
    for &b in bytes {
        let class = CLASSES[usize::from(b)];
        found |= class;
        doubled |= previous & class;
        previous = class;
    }
    (found, doubled)
}

/// No space at either end.
fn clear_ends(bytes: &[u8]) -> bool {
    bytes.first() != Some(&b' ') && bytes.last() != Some(&b' ')
}

/// [`is_clean`] past the first non-ASCII byte.
fn is_clean_unicode(rest: &str, mut previous_space: bool) -> bool {
    for c in rest.chars() {
        if c.is_whitespace() {
            if c != ' ' || previous_space {
                return false;
            }
            previous_space = true;
        } else if c.is_control() || is_invisible_format(c) {
            return false;
        } else {
            previous_space = false;
        }
    }
    true
}

/// Bidirectional overrides and similar format characters that can disguise
/// text, and the noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last
/// two of every plane), which XML 1.0 forbids or discourages.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
        || is_noncharacter(c)
}

/// Whether `c` is a Unicode noncharacter.
fn is_noncharacter(c: char) -> bool {
    matches!(c, '\u{FDD0}'..='\u{FDEF}') || (c as u32) & 0xFFFE == 0xFFFE
}

/// `text` for a message, with the characters [`clean`] would drop written
/// out as `<U+FEFF>`, so a hidden character that spoils a value is seen.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_dropped) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_dropped(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// Whether [`clean`] removes `c` rather than keeping it or turning it into a
/// space: controls other than white space, and invisible or non-characters.
pub fn is_dropped(c: char) -> bool {
    (c.is_control() && !c.is_whitespace()) || is_invisible_format(c)
}

#[cfg(test)]
mod tests {
    use super::{clean, is_clean, is_plain};

    /// The table look-ups say what a plain look says.
    #[test]
    fn checks_agree_with_a_plain_look() {
        let plain = |t: &str| {
            let b = t.as_bytes();
            b.first() != Some(&b' ')
                && b.last() != Some(&b' ')
                && !t.contains("  ")
                && b.iter()
                    .all(|&c| (0x20..0x7F).contains(&c) && c != b'"' && c != b'\\')
        };
        let pieces = [
            "a",
            " ",
            "  ",
            "\"",
            "\\",
            "\u{7f}",
            "\u{1}",
            "\t",
            "é",
            "Куляб",
            "x y",
            "~",
            "!",
        ];
        let mut text = String::new();
        let mut seed = 7u64;
        for _ in 0..20_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            if (seed >> 60) < 2 {
                text.clear();
            }
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            assert_eq!(is_plain(&text), plain(&text), "{text:?}");
            assert_eq!(is_clean(&text), clean(&text) == text, "{text:?}");
        }
    }

    #[test]
    fn removes_controls_and_folds_space() {
        assert_eq!(clean("  Crocus\tCity\r\nHall\u{7}  "), "Crocus City Hall");
        assert_eq!(clean("a\u{202E}b\u{0}c"), "abc");
        assert_eq!(clean("a\u{FFFE}b\u{FFFF}c\u{10FFFF}\u{FDD0}"), "abc");
        assert_eq!(clean(""), "");
        for t in ["Crocus City Hall", "", "a", "Куляб"] {
            assert!(is_clean(t));
        }
        assert!(is_plain("Crocus City Hall") && is_plain(""));
        for t in ["a", " a\u{3000}", "\u{a0}a b\t", "", "  ", "Куляб "] {
            assert_eq!(super::trim(t), t.trim());
        }
        for t in ["Куляб", "a \"b\"", "a\\b", "a  b", " a", "a\u{7}"] {
            assert!(!is_plain(t), "{t:?}");
        }
        for t in [
            " a",
            "a ",
            "a  b",
            "a\tb",
            "a\u{2000}b",
            "a\u{202E}b",
            "a\u{1}",
        ] {
            assert!(!is_clean(t), "{t:?}");
            assert!(is_clean(&clean(t)));
        }
    }
}

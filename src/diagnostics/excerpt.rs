//! The source text shown under a diagnostic's carets. A very long line (a minified or
//! generated file, or one pasted without line breaks) is cut to a window around the place the
//! diagnostic points at, with `...` for what is left out, as rustc does; line and column
//! numbers still count in the whole file.

use std::ops::Range;

use codespan_reporting::files::{self, Files, Location, SimpleFile};

/// Lines longer than this many characters are cut.
const LONGEST_SHOWN: usize = 120;
/// Characters kept before the place pointed at, when a line is cut.
const BEFORE: usize = 40;
const ELLIPSIS: &str = "...";

/// A file as codespan renders it: the whole text, or the text with one long line cut.
pub struct Excerpt<'a> {
    name: &'a str,
    original: &'a str,
    shown: SimpleFile<&'a str, String>,
    cut: Option<Cut>,
}

/// One line cut to the window `keep` (byte offsets in the original text) of `line`.
struct Cut {
    line: Range<usize>,
    keep: Range<usize>,
    /// Whether an ellipsis stands before the window (one always stands after it when the
    /// window ends before the line does).
    head: bool,
}

impl Cut {
    fn head_len(&self) -> usize {
        if self.head { ELLIPSIS.len() } else { 0 }
    }

    /// Where an offset of the original text lands in the shown text. Offsets in the parts
    /// cut away land on the window's nearer edge.
    fn shown_offset(&self, offset: usize) -> usize {
        let window_start = self.line.start + self.head_len();
        let window_len = self.keep.len();
        if offset < self.line.start {
            offset
        } else if offset < self.keep.start {
            window_start
        } else if offset <= self.keep.end {
            window_start + (offset - self.keep.start)
        } else if offset <= self.line.end {
            window_start + window_len
        } else {
            let tail = if self.keep.end < self.line.end {
                ELLIPSIS.len()
            } else {
                0
            };
            offset - self.line.len() + self.head_len() + window_len + tail
        }
    }

    /// The original offset of a shown one, for line and column numbers.
    fn original_offset(&self, shown: usize) -> usize {
        let window_start = self.line.start + self.head_len();
        let window_end = window_start + self.keep.len();
        let tail = if self.keep.end < self.line.end {
            ELLIPSIS.len()
        } else {
            0
        };
        if shown < self.line.start {
            shown
        } else if shown < window_start {
            self.keep.start
        } else if shown <= window_end {
            self.keep.start + (shown - window_start)
        } else if shown <= window_end + tail {
            self.keep.end
        } else {
            shown - (window_end + tail) + self.line.end
        }
    }
}

impl<'a> Excerpt<'a> {
    /// The text of `original` as shown for a diagnostic pointing at `at` (a byte offset on a
    /// character boundary).
    pub fn new(name: &'a str, original: &'a str, at: Option<usize>) -> Self {
        let cut = at.and_then(|at| cut_around(original, at));
        let shown = match &cut {
            None => original.to_string(),
            Some(cut) => {
                let mut s = String::with_capacity(original.len() - cut.line.len() + 200);
                s.push_str(&original[..cut.line.start]);
                if cut.head {
                    s.push_str(ELLIPSIS);
                }
                s.push_str(&original[cut.keep.clone()]);
                if cut.keep.end < cut.line.end {
                    s.push_str(ELLIPSIS);
                }
                s.push_str(&original[cut.line.end..]);
                s
            }
        };
        Self {
            name,
            original,
            shown: SimpleFile::new(name, shown),
            cut,
        }
    }

    /// A span of the original text as a span of the shown text.
    pub fn span(&self, span: Range<usize>) -> Range<usize> {
        match &self.cut {
            None => span,
            Some(cut) => cut.shown_offset(span.start)..cut.shown_offset(span.end),
        }
    }
}

/// The cut for the line holding `at`, if that line is too long to show whole.
fn cut_around(text: &str, at: usize) -> Option<Cut> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[start..end];
    if line.chars().count() <= LONGEST_SHOWN {
        return None;
    }
    // Byte offsets of the window's first and last characters, counted in characters.
    let chars_before = text[start..at].chars().count();
    let first = chars_before.saturating_sub(BEFORE);
    let char_offset = |n: usize| line.char_indices().nth(n).map_or(line.len(), |(i, _)| i);
    let keep = start + char_offset(first)..start + char_offset(first + LONGEST_SHOWN);
    Some(Cut {
        line: start..end,
        head: keep.start > start,
        keep,
    })
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.shown.source())
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, files::Error> {
        self.shown.line_index((), byte_index)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, files::Error> {
        self.shown.line_range((), line_index)
    }

    /// Line and column in the whole file, whatever was cut from the line shown.
    fn location(&'a self, (): (), byte_index: usize) -> Result<Location, files::Error> {
        let offset = match &self.cut {
            None => byte_index,
            Some(cut) => cut.original_offset(byte_index),
        };
        let (line_number, column_number) = super::line_col(self.original, offset);
        Ok(Location {
            line_number,
            column_number,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_shown_whole() {
        let text = "a = 1\nb = 2\n";
        let e = Excerpt::new("f", text, Some(8));
        assert_eq!(e.shown.source(), text);
        assert_eq!(e.span(6..11), 6..11);
    }

    #[test]
    fn a_long_line_is_cut_around_the_place_and_numbers_stay_true() {
        let long = format!("x = \"{}BAD{}\"", "a".repeat(5000), "b".repeat(5000));
        let text = format!("[t]\n{long}\nnext = 1\n");
        let at = text.find("BAD").unwrap();
        let e = Excerpt::new("f", &text, Some(at));
        let shown = e.shown.source();
        let line = shown.lines().nth(1).unwrap();
        assert_eq!(line.chars().count(), LONGEST_SHOWN + 2 * ELLIPSIS.len());
        assert!(line.starts_with("...") && line.ends_with("..."), "{line}");
        let span = e.span(at..at + 3);
        assert_eq!(&shown[span.clone()], "BAD");
        assert!(shown.ends_with("\nnext = 1\n"));
        let location = e.location((), span.start).unwrap();
        assert_eq!((location.line_number, location.column_number), (2, 5006));
        // The line after the cut keeps its own numbers.
        let next = shown.find("next").unwrap();
        let location = e.location((), next).unwrap();
        assert_eq!((location.line_number, location.column_number), (3, 1));
    }

    #[test]
    fn a_place_near_the_start_of_a_long_line_needs_no_leading_ellipsis() {
        let text = format!("id = {}", "9".repeat(1000));
        let e = Excerpt::new("f", &text, Some(5));
        assert!(e.shown.source().starts_with("id = 999"));
        assert!(e.shown.source().ends_with("..."));
        assert_eq!(e.span(5..1005), 5..LONGEST_SHOWN);
    }
}

//! Checks on `[[moved]]` and `[[removed]]`: every target exists, no old id is still a question
//! (answers under it could mean either), and no old id is moved or removed twice.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::super::model::Question;
use super::super::moves::{Move, Moves, RawMove, RawRemoved, Removal};
use super::fields::check_id;
use super::{Diags, Lint};
use crate::diagnostics::{Diagnostic, one_of};

pub(super) fn moves(
    moved: &[RawMove],
    removed: &[RawRemoved],
    questions: &[Question],
    d: &mut Diags,
) -> Moves {
    let ids: Vec<&str> = questions.iter().map(|q| q.id.as_str()).collect();
    let questions: HashMap<&str, &Question> =
        questions.iter().map(|q| (q.id.as_str(), q)).collect();
    // Each old id once: an answer under it can go to one place only.
    let mut old_ids: HashMap<&str, Range<usize>> = HashMap::new();
    let twice = |id: &Spanned<String>, first: Option<Range<usize>>, d: &mut Diags| {
        if let Some(first) = first {
            d.push(
                Diagnostic::new(
                    Lint::DuplicateMove,
                    format!("`{}` is moved or removed twice", id.get_ref()),
                )
                .at(id.span(), "again here")
                .also(first, "first here")
                .note("an answer can go to one place only: keep one entry"),
            );
        }
    };
    let still_asked = |id: &Spanned<String>, d: &mut Diags| {
        d.push(
            Diagnostic::new(
                Lint::AmbiguousMove,
                format!("`{}` is still a question of this framework", id.get_ref()),
            )
            .at(id.span(), "answers under this id could mean either question")
            .note("an old id moved or removed must not be used by this version; to rename only some options of a question that keeps its id, set `from` and `to` both to it, with `options`"),
        );
    };
    let mut out = Moves::default();
    for m in moved {
        check_id(&m.from, d);
        check_id(&m.to, d);
        twice(&m.from, old_ids.insert(m.from.get_ref(), m.from.span()), d);
        let in_place = m.from.get_ref() == m.to.get_ref();
        let Some(to) = questions.get(m.to.get_ref().as_str()) else {
            d.push(
                Diagnostic::new(
                    Lint::UnknownMoveTarget,
                    format!(
                        "`{}` is moved to unknown question `{}`",
                        m.from.get_ref(),
                        m.to.get_ref()
                    ),
                )
                .at(m.to.span(), "no question has this id")
                .suggest(m.to.get_ref(), ids.iter().copied())
                .note(format!("expected one of: {}", one_of(ids.iter().copied()))),
            );
            continue;
        };
        // A question that keeps its id may only have options renamed.
        let kept = questions.contains_key(m.from.get_ref().as_str());
        if kept && (!in_place || m.options.is_empty()) {
            still_asked(&m.from, d);
        }
        for (old, new) in &m.options {
            check_id(old, d);
            if in_place && to.option(old.get_ref()).is_some() {
                d.push(
                    Diagnostic::new(
                        Lint::AmbiguousMove,
                        format!("`{}` is still an option of `{}`", old.get_ref(), to.id),
                    )
                    .at(old.span(), "answers with this option could mean either")
                    .note("an old option id renamed must not be used by the question any more"),
                );
            }
            if to.option(new.get_ref()).is_none() {
                let options = to.option_ids();
                let diag = Diagnostic::new(
                    Lint::UnknownMoveTarget,
                    format!("`{}` has no option `{}`", to.id, new.get_ref()),
                )
                .at(new.span(), "not an option of the question moved to");
                d.push(if options.is_empty() {
                    diag.note(format!(
                        "`{}` is a {} question, without options",
                        to.id,
                        to.kind.name()
                    ))
                } else {
                    diag.suggest(new.get_ref(), options.iter().copied())
                        .note(format!("expected one of: {}", one_of(options)))
                });
            }
        }
        out.moved.push(Move {
            from: m.from.get_ref().clone(),
            to: m.to.get_ref().clone(),
            options: m
                .options
                .iter()
                .map(|(old, new)| (old.get_ref().clone(), new.get_ref().clone()))
                .collect(),
            why: m.why.clone().unwrap_or_default(),
        });
    }
    for r in removed {
        check_id(&r.question, d);
        twice(
            &r.question,
            old_ids.insert(r.question.get_ref(), r.question.span()),
            d,
        );
        if questions.contains_key(r.question.get_ref().as_str()) {
            still_asked(&r.question, d);
        }
        out.removed.push(Removal {
            question: r.question.get_ref().clone(),
            why: r.why.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::HEAD;
    use crate::framework::{LoadError, load_str};

    /// Two questions, `kept` (options `a`, `b`) and `new` (options `x`, `y`), then `moves`.
    fn codes(moves: &str) -> Vec<String> {
        let question = |id: &str, options: [&str; 2]| {
            format!(
                "[[question]]\nid = \"{id}\"\nprinciple = \"p\"\nkind = \"single\"\nprompt = \"?\"\nhelp = \"h\"\n\
                 option = [{{ id = \"{}\", label = \"A\" }}, {{ id = \"{}\", label = \"B\", points = 1 }}]\n",
                options[0], options[1]
            )
        };
        let text = format!(
            "{HEAD}{}{}{moves}",
            question("kept", ["a", "b"]),
            question("new", ["x", "y"])
        );
        match load_str("moves.toml", text) {
            Ok(loaded) => loaded
                .warnings
                .items
                .iter()
                .map(|d| d.code.to_string())
                .collect(),
            Err(LoadError::Invalid(d)) => d.items.iter().map(|d| d.code.to_string()).collect(),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn a_rename_a_split_an_option_rename_and_a_removal_are_valid() {
        let moves = "[[moved]]\nfrom = \"old\"\nto = \"new\"\noptions = { yes = \"y\", no = \"x\", maybe = \"x\" }\n\
                     [[moved]]\nfrom = \"kept\"\nto = \"kept\"\noptions = { c = \"b\" }\n\
                     [[removed]]\nquestion = \"gone\"\nwhy = \"No longer asked.\"\n";
        assert_eq!(codes(moves), Vec::<String>::new());
    }

    #[test]
    fn an_old_id_still_in_use_is_ambiguous() {
        for moves in [
            // Moved away from a question that still exists.
            "[[moved]]\nfrom = \"kept\"\nto = \"new\"\n",
            // Removed, but still asked.
            "[[removed]]\nquestion = \"kept\"\nwhy = \"w\"\n",
            // A move onto itself that renames no option.
            "[[moved]]\nfrom = \"kept\"\nto = \"kept\"\n",
        ] {
            assert_eq!(codes(moves), ["ambiguous-move"], "{moves}");
        }
    }

    #[test]
    fn targets_must_exist_and_options_map_into_the_target() {
        assert_eq!(
            codes("[[moved]]\nfrom = \"old\"\nto = \"kept\"\noptions = { a = \"x\" }\n"),
            ["unknown-move-target"]
        );
        assert_eq!(
            codes("[[moved]]\nfrom = \"old\"\nto = \"Old Q\"\n"),
            ["invalid-id", "unknown-move-target"]
        );
    }
}

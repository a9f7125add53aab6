//! The follow-up lint: an answer that earns more points must never be able to lower a score.
//! A principle scores the share of its available points that were earned, so a better answer
//! lowers it when it switches on a scored follow-up (whose points then count as available,
//! earned or not), or switches off one that had earned its points.
//!
//! For each question with a condition, and each question that condition reads, the answers to
//! the read question are split into the kinds the condition can tell apart (its options, the
//! combinations of the options it names, the stretches of a scale or number between the
//! values it names, "not known"), each with the fewest and most points answers of that kind
//! earn. The condition is evaluated on each kind with [`Condition::could_hold`], the read
//! question's answer fixed and every other answer and the impact level left open. A kind
//! that can earn more than another, under which the condition can hold while under the other
//! it can fail, can switch the follow-up on; the other way round, off. A question that can be
//! switched counts for the conditions that read it in turn (its answer appearing or going is
//! then the change), and a risk or mitigation question that can be switched moves the impact
//! level for the conditions that read it. Better answers to risk questions themselves, and
//! what better risk and mitigation answers do to the impact level, are left out: asking more
//! of a riskier system is what the impact profile is for.

use std::collections::{HashMap, HashSet};

use super::super::condition::{Condition, Given, Possible, Tri};
use super::super::model::*;
use super::super::raw::RawQuestion;
use super::super::stage::Stage;
use super::conditions::when_span;
use super::{Diags, Lint};
use crate::diagnostics::Diagnostic;

/// Combinations of options named by one condition tried at most: 2^10.
const MAX_NAMED_OPTIONS: usize = 10;

/// How a better answer somewhere can change whether a question is asked, and the first
/// reason found for each direction.
#[derive(Clone, Default)]
struct Switch {
    on: Option<Why>,
    off: Option<Why>,
}

impl Switch {
    fn any(&self) -> bool {
        self.on.is_some() || self.off.is_some()
    }

    /// The condition's truth goes from `before` to `after`: record what that can switch.
    fn flip(&mut self, before: Tri, after: Tri, why: impl Fn() -> Why) {
        if after.possible() && before != Tri::Yes && self.on.is_none() {
            self.on = Some(why());
        }
        if before.possible() && after != Tri::Yes && self.off.is_none() {
            self.off = Some(why());
        }
    }
}

#[derive(Clone)]
enum Why {
    /// Answering the question read `better` rather than `worse` earns more.
    Better {
        question: usize,
        better: String,
        worse: String,
    },
    /// The question read is itself switched on or off by a better answer elsewhere.
    Through { question: usize },
    /// A risk or mitigation question that can be switched changes the impact level.
    Level { question: usize },
}

/// One kind of answer to a question, as far as one condition can tell answers apart.
struct Piece {
    chosen: Vec<String>,
    value: Option<f64>,
    answered: bool,
    /// The fewest and most points answers of this kind earn, with words for each.
    least: (f64, String),
    most: (f64, String),
}

impl Piece {
    fn answer(
        chosen: Vec<String>,
        value: Option<f64>,
        least: (f64, String),
        most: (f64, String),
    ) -> Self {
        Self {
            chosen,
            value,
            answered: true,
            least,
            most,
        }
    }

    fn unanswered() -> Self {
        Self {
            chosen: Vec::new(),
            value: None,
            answered: false,
            least: (0.0, "no answer".into()),
            most: (0.0, "no answer".into()),
        }
    }
}

/// One question's answer fixed, everything else open.
struct Fixed<'a> {
    question: &'a str,
    piece: Option<&'a Piece>,
    levels: (u8, u8),
}

impl Possible for Fixed<'_> {
    fn applies(&self, question: &str) -> Tri {
        match self.piece {
            Some(p) if question == self.question && p.answered => Tri::Yes,
            Some(_) if question == self.question => Tri::No,
            _ => Tri::Maybe,
        }
    }

    fn given(&self, question: &str) -> Option<Given<'_>> {
        self.piece
            .filter(|p| question == self.question && p.answered)
            .map(|p| (p.chosen.as_slice(), p.value))
    }

    fn impact_levels(&self) -> (u8, u8) {
        self.levels
    }

    /// The lifecycle stage is left open too.
    fn stage(&self) -> Option<Stage> {
        None
    }
}

pub(super) fn follow_ups(
    raw: &[RawQuestion],
    questions: &[Question],
    order: &[Step],
    levels: u8,
    d: &mut Diags,
) {
    let mut seen = Seen {
        questions,
        index: questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), i))
            .collect(),
        switch: vec![Switch::default(); questions.len()],
        level: None,
        levels,
    };
    for step in order {
        let f = match *step {
            Step::Question(f) => f,
            Step::ImpactLevel => {
                seen.level = (0..questions.len())
                    .find(|&i| questions[i].impact.is_some() && seen.switch[i].any());
                continue;
            }
        };
        let Some(c) = &questions[f].when else {
            continue;
        };
        let s = seen.switch_of(c);
        let follow_up = &questions[f];
        if follow_up.is_scored() {
            let found = match (&s.on, &s.off) {
                (Some(why), _) if !follow_up.bonus => Some((why, true)),
                (_, Some(why)) => Some((why, false)),
                _ => None,
            };
            if let Some((why, on)) = found {
                d.push(warning(raw, questions, f, why, on));
            }
        }
        seen.switch[f] = s;
    }
}

/// What is known so far, in evaluation order: how better answers can switch each question
/// decided already, and a risk or mitigation question they can switch (moving the level).
struct Seen<'a> {
    questions: &'a [Question],
    index: HashMap<&'a str, usize>,
    switch: Vec<Switch>,
    level: Option<usize>,
    levels: u8,
}

impl Seen<'_> {
    /// How better answers can switch a question asked when `c` holds.
    fn switch_of(&self, c: &Condition) -> Switch {
        let mut s = Switch::default();
        let mut read = c.questions();
        let mut once = HashSet::new();
        read.retain(|x| once.insert(*x));
        for x in read {
            let Some(&xi) = self.index.get(x) else {
                continue;
            };
            let q = &self.questions[xi];
            let Some(pieces) = pieces(q, c) else {
                // Too many combinations to try: assume the worst.
                let why = || Why::Better {
                    question: xi,
                    better: "with some options".into(),
                    worse: "with others".into(),
                };
                s.flip(Tri::No, Tri::Yes, why);
                s.flip(Tri::Yes, Tri::No, why);
                continue;
            };
            let truth = |p: &Piece| {
                c.could_hold(&Fixed {
                    question: x,
                    piece: Some(p),
                    levels: (1, self.levels),
                })
            };
            let truths: Vec<Tri> = pieces.iter().map(truth).collect();
            if q.impact != Some(ImpactRole::Risk) {
                for (i, better) in pieces.iter().enumerate() {
                    for (j, worse) in pieces.iter().enumerate() {
                        if i != j && better.most.0 > worse.least.0 {
                            s.flip(truths[j], truths[i], || Why::Better {
                                question: xi,
                                better: better.most.1.clone(),
                                worse: worse.least.1.clone(),
                            });
                        }
                    }
                }
            }
            // A question a better answer elsewhere switches: its answer appears or goes.
            let through = &self.switch[xi];
            if through.any() {
                let unanswered = truth(&Piece::unanswered());
                let why = || Why::Through { question: xi };
                for &t in &truths {
                    if through.on.is_some() {
                        s.flip(unanswered, t, why);
                    }
                    if through.off.is_some() {
                        s.flip(t, unanswered, why);
                    }
                }
            }
        }
        if let Some(r) = self.level.filter(|_| c.reads_impact_level()) {
            let truths: Vec<Tri> = (1..=self.levels)
                .map(|l| {
                    c.could_hold(&Fixed {
                        question: "",
                        piece: None,
                        levels: (l, l),
                    })
                })
                .collect();
            for &a in &truths {
                for &b in &truths {
                    s.flip(a, b, || Why::Level { question: r });
                }
            }
        }
        s
    }
}

/// The warning for follow-up `f`, switched on (`on`) or off for the reason `why`.
fn warning(
    raw: &[RawQuestion],
    questions: &[Question],
    f: usize,
    why: &Why,
    on: bool,
) -> Diagnostic {
    let follow_up = &questions[f].id;
    let switched = if on { "on" } else { "off" };
    let (through, read, how) = match why {
        Why::Better {
            question,
            better,
            worse,
        } => {
            let x = &questions[*question].id;
            (
                format!("a better answer to `{x}`"),
                *question,
                format!("answering `{x}` {better} rather than {worse} earns more points"),
            )
        }
        Why::Through { question } => {
            let x = &questions[*question].id;
            (
                format!("a better answer elsewhere, through `{x}`,"),
                *question,
                format!(
                    "a better answer elsewhere can switch `{x}` on or off, and this condition reads `{x}`"
                ),
            )
        }
        Why::Level { question } => {
            let x = &questions[*question].id;
            (
                "a better answer elsewhere, through the impact level,".to_string(),
                *question,
                format!(
                    "a better answer elsewhere can switch `{x}` on or off, which changes the impact level this condition reads"
                ),
            )
        }
    };
    let (effect, remedy) = if on {
        (
            format!(
                "and can switch on `{follow_up}`, whose points then count as available, earned or not"
            ),
            format!(
                "mark `{follow_up}` with `bonus = true`, so that its points count only when earned, or ask it whatever the answer"
            ),
        )
    } else {
        (
            format!("and can switch off `{follow_up}`, whose earned points then no longer count"),
            format!(
                "ask `{follow_up}` whatever the answer, or give its points to the answers that switch it off"
            ),
        )
    };
    Diagnostic::new(
        Lint::FollowUpCanLowerScore,
        format!("{through} can lower a score by switching {switched} `{follow_up}`"),
    )
    .at(
        when_span(&raw[f]),
        format!("`{follow_up}` is asked only when this holds"),
    )
    .also(raw[read].id.span(), "the answer read")
    .note(format!(
        "{how}, {effect}: so there is a reason to under-claim"
    ))
    .note(remedy)
}

/// The kinds of answer to `q` that condition `c` can tell apart; `None` when it names too
/// many options of a multiple-choice question to try every combination.
fn pieces(q: &Question, c: &Condition) -> Option<Vec<Piece>> {
    let (mut named, mut bounds) = (Vec::new(), Vec::new());
    atoms(c, &q.id, &mut named, &mut bounds);
    let words = |v: f64| format!("with {v}");
    let mut out: Vec<Piece> = match q.kind {
        QuestionKind::Single | QuestionKind::YesNo => q
            .options
            .iter()
            .map(|o| {
                let word = format!("with `{}`", o.id);
                Piece::answer(
                    vec![o.id.clone()],
                    None,
                    (o.points, word.clone()),
                    (o.points, word),
                )
            })
            .collect(),
        QuestionKind::Multiple => combinations(q, &named)?,
        QuestionKind::Scale => {
            let s = q.scale.as_ref()?;
            let points = |v: i64| {
                let span = s.max as f64 - s.min as f64;
                s.points * (v as f64 - s.min as f64) / span
            };
            // The first value of each stretch over which no bound's test changes.
            let mut starts = vec![s.min];
            for b in bounds {
                starts.extend([b.ceil() as i64, b.floor() as i64 + 1]);
            }
            starts.retain(|v| (s.min..=s.max).contains(v));
            starts.sort_unstable();
            starts.dedup();
            let ends = starts.iter().skip(1).map(|v| v - 1).chain([s.max]);
            starts
                .iter()
                .zip(ends)
                .map(|(&a, b)| {
                    Piece::answer(
                        Vec::new(),
                        Some(a as f64),
                        (points(a), words(a as f64)),
                        (points(b), words(b as f64)),
                    )
                })
                .collect()
        }
        QuestionKind::Number => {
            let spec = q.number.as_ref()?;
            let (lo, hi) = (
                spec.min.unwrap_or(f64::NEG_INFINITY),
                spec.max.unwrap_or(f64::INFINITY),
            );
            let mut cuts: Vec<f64> = bounds
                .into_iter()
                .chain(spec.ranges.iter().map(|r| r.at_least))
                .chain(spec.min)
                .chain(spec.max)
                .filter(|v| (lo..=hi).contains(v))
                .collect();
            cuts.sort_by(f64::total_cmp);
            cuts.dedup();
            // Each cut, and a value between each two, below the first and above the last.
            let mut values = Vec::new();
            for (i, &v) in cuts.iter().enumerate() {
                match cuts.get(i + 1) {
                    Some(&next) => values.extend([v, v + (next - v) / 2.0]),
                    None => values.push(v),
                }
            }
            values.extend(cuts.first().map(|v| v - 1.0).filter(|v| *v >= lo));
            values.extend(cuts.last().map(|v| v + 1.0).filter(|v| *v <= hi));
            if values.is_empty() {
                values.push(0.0);
            }
            values
                .into_iter()
                .map(|v| {
                    let p = spec.range_for(v).map_or(0.0, |r| r.points);
                    Piece::answer(Vec::new(), Some(v), (p, words(v)), (p, words(v)))
                })
                .collect()
        }
        QuestionKind::Text => vec![Piece::answer(
            Vec::new(),
            None,
            (0.0, "with text".into()),
            (0.0, "with text".into()),
        )],
    };
    if q.not_known {
        let word = || (0.0, "with \"not known\"".to_string());
        out.push(Piece::answer(Vec::new(), None, word(), word()));
    }
    Some(out)
}

/// Every combination of the options of multiple-choice `q` that the condition names, with
/// the other options free: the fewest points without them, the most with all of them.
fn combinations(q: &Question, named: &[&str]) -> Option<Vec<Piece>> {
    let named: Vec<&Choice> = q
        .options
        .iter()
        .filter(|o| named.contains(&o.id.as_str()))
        .collect();
    if named.len() > MAX_NAMED_OPTIONS {
        return None;
    }
    let others: Vec<f64> = q
        .options
        .iter()
        .filter(|o| !named.iter().any(|n| n.id == o.id))
        .map(|o| o.points)
        .collect();
    let all_others: f64 = others.iter().sum();
    let fewest_other = others.iter().copied().fold(f64::INFINITY, f64::min);
    let list = |os: &[&Choice], join: &str| {
        os.iter()
            .map(|o| format!("`{}`", o.id))
            .collect::<Vec<_>>()
            .join(join)
    };
    let mut out = Vec::new();
    for mask in 0..1usize << named.len() {
        let chosen: Vec<&Choice> = (0..named.len())
            .filter(|i| mask >> i & 1 == 1)
            .map(|i| named[i])
            .collect();
        let points: f64 = chosen.iter().map(|o| o.points).sum();
        // An answer chooses at least one option: none of those named means another one.
        let (least, word) = if chosen.is_empty() {
            if others.is_empty() {
                continue;
            }
            (fewest_other, format!("with none of {}", list(&named, ", ")))
        } else {
            (points, format!("with {}", list(&chosen, " and ")))
        };
        out.push(Piece::answer(
            chosen.iter().map(|o| o.id.clone()).collect(),
            None,
            (least, word.clone()),
            (points + all_others, word),
        ));
    }
    Some(out)
}

/// The options a condition names with `is`, and the values it names with `at_least` and
/// `at_most`, for one question.
fn atoms<'a>(c: &'a Condition, question: &str, named: &mut Vec<&'a str>, bounds: &mut Vec<f64>) {
    match c {
        Condition::Is { question: q, is } if q == question => {
            named.extend(is.iter().map(String::as_str));
        }
        Condition::Range {
            question: q,
            at_least,
            at_most,
        } if q == question => bounds.extend(at_least.iter().chain(at_most)),
        Condition::All { all: cs } | Condition::Any { any: cs } => {
            cs.iter().for_each(|c| atoms(c, question, named, bounds));
        }
        Condition::Not { not } => atoms(not, question, named, bounds),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::framework::load_str;

    /// The follow-up-can-lower-score messages for a framework of `questions`, with principle
    /// `p` and two impact levels.
    fn warnings(questions: &str) -> Vec<String> {
        let text = format!(
            "[framework]\nid = \"f\"\ntitle = \"F\"\nversion = \"1.0.0\"\n\
             [[principle]]\nid = \"p\"\ntitle = \"P\"\nsummary = \"s\"\n\
             [[impact.level]]\nlevel = 1\nname = \"L\"\nfrom = 0\nto = 50\n\
             [[impact.level]]\nlevel = 2\nname = \"H\"\nfrom = 50\nto = 100\n\
             [[band]]\nid = \"b\"\nname = \"B\"\nmin_score = [0, 0]\n{questions}"
        );
        let loaded = load_str("f.toml", text).unwrap_or_else(|e| panic!("{e}"));
        loaded
            .warnings
            .items
            .iter()
            .filter(|d| d.code == "follow-up-can-lower-score")
            .map(|d| d.message.clone())
            .collect()
    }

    /// A scored yes/no question `id` (yes earns `yes` points), asked when `when`.
    fn yes_no(id: &str, yes: u32, extra: &str) -> String {
        format!(
            "[[question]]\nid = \"{id}\"\nprinciple = \"p\"\nkind = \"yes_no\"\nprompt = \"?\"\nhelp = \"h\"\n{extra}\n\
             option = [{{ id = \"yes\", label = \"Y\", points = {yes} }}, {{ id = \"no\", label = \"N\" }}]\n"
        )
    }

    #[test]
    fn a_follow_up_of_a_bonus_follow_up_is_switched_through_it() {
        let text = [
            yes_no("q", 1, ""),
            yes_no(
                "f",
                1,
                "bonus = true\nwhen = { question = \"q\", is = \"yes\" }",
            ),
            // `g` reads `f` only, whose answer appears when a better answer to `q` asks it.
            yes_no("g", 1, "when = { question = \"f\", answered = true }"),
        ]
        .concat();
        assert_eq!(
            warnings(&text),
            ["a better answer elsewhere, through `f`, can lower a score by switching on `g`"]
        );
    }

    #[test]
    fn better_scale_multiple_and_not_known_answers_are_tried() {
        let scale = "[[question]]\nid = \"s\"\nprinciple = \"p\"\nkind = \"scale\"\nprompt = \"?\"\nhelp = \"h\"\nscale = { min = 1, max = 5 }\n";
        let multiple = "[[question]]\nid = \"m\"\nprinciple = \"p\"\nkind = \"multiple\"\nprompt = \"?\"\nhelp = \"h\"\n\
            option = [{ id = \"a\", label = \"A\", points = 1 }, { id = \"b\", label = \"B\" }]\n";
        let text = [
            scale.to_string(),
            multiple.to_string(),
            yes_no("high", 1, "when = { question = \"s\", at_least = 4 }"),
            // A better answer switches it off (and on, from "not known": bonus allows that).
            yes_no(
                "low",
                1,
                "bonus = true\nwhen = { question = \"s\", at_most = 2 }",
            ),
            yes_no("chose-a", 1, "when = { question = \"m\", is = \"a\" }"),
            // Asked unless `m` is answered: "not known" is an answer that earns nothing.
            yes_no("unsure", 1, "when = { question = \"m\", answered = false }"),
        ]
        .concat();
        assert_eq!(
            warnings(&text),
            [
                "a better answer to `s` can lower a score by switching on `high`",
                "a better answer to `s` can lower a score by switching off `low`",
                "a better answer to `m` can lower a score by switching on `chose-a`",
            ]
        );
    }

    #[test]
    fn risk_answers_and_answers_that_earn_the_same_switch_what_they_like() {
        let risk = "[[question]]\nid = \"risk\"\nimpact = \"risk\"\nkind = \"yes_no\"\nprompt = \"?\"\nhelp = \"h\"\n\
            option = [{ id = \"yes\", label = \"Y\", points = 2 }, { id = \"no\", label = \"N\" }]\n";
        let text = [
            risk.to_string(),
            yes_no("fact", 0, ""),
            yes_no(
                "after-risk",
                1,
                "when = { question = \"risk\", is = \"yes\" }",
            ),
            yes_no(
                "after-fact",
                1,
                "when = { question = \"fact\", is = \"yes\" }",
            ),
            yes_no("high-impact", 1, "when = { impact_level_at_least = 2 }"),
        ]
        .concat();
        assert_eq!(warnings(&text), Vec::<String>::new());
    }

    #[test]
    fn a_risk_question_a_better_answer_switches_moves_the_impact_level() {
        let risk = "[[question]]\nid = \"risk\"\nimpact = \"risk\"\nkind = \"yes_no\"\nprompt = \"?\"\nhelp = \"h\"\n\
            when = { question = \"q\", is = \"yes\" }\n\
            option = [{ id = \"yes\", label = \"Y\", points = 2 }, { id = \"no\", label = \"N\" }]\n";
        let text = [
            yes_no("q", 1, ""),
            risk.to_string(),
            yes_no("high-impact", 1, "when = { impact_level_at_least = 2 }"),
        ]
        .concat();
        assert_eq!(
            warnings(&text),
            [
                "a better answer elsewhere, through the impact level, can lower a score by switching on `high-impact`"
            ]
        );
    }
}

//! Applicability conditions: when a question is asked, or when a red line applies.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::stage::Stage;

/// A validated condition. Serialized in the same shape as it is written in TOML, and read back
/// (from the embedded framework's compiled form) by its keys, as `ConditionKeys` says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged, try_from = "ConditionKeys")]
pub enum Condition {
    /// The question was answered with any of these options.
    Is {
        question: String,
        is: Vec<String>,
    },
    /// A scale or number answer lies in the range (both ends inclusive).
    Range {
        question: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        at_least: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        at_most: Option<f64>,
    },
    /// The question was (or was not) answered.
    Answered {
        question: String,
        answered: bool,
    },
    ImpactLevel {
        #[serde(skip_serializing_if = "Option::is_none")]
        impact_level_at_least: Option<u8>,
        #[serde(skip_serializing_if = "Option::is_none")]
        impact_level_at_most: Option<u8>,
    },
    /// The assessment records one of these lifecycle stages.
    Stage {
        stage: Vec<Stage>,
    },
    All {
        all: Vec<Condition>,
    },
    Any {
        any: Vec<Condition>,
    },
    Not {
        not: Box<Condition>,
    },
}

/// Every key a condition can have, whatever its shape. The shape is decided from the keys
/// present rather than by trying each variant in turn (serde's `untagged`), which would need
/// the input buffered first, and buffering can misread numbers.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConditionKeys {
    question: Option<String>,
    is: Option<Vec<String>>,
    answered: Option<bool>,
    at_least: Option<f64>,
    at_most: Option<f64>,
    impact_level_at_least: Option<u8>,
    impact_level_at_most: Option<u8>,
    stage: Option<Vec<Stage>>,
    all: Option<Vec<Condition>>,
    any: Option<Vec<Condition>>,
    not: Option<Box<Condition>>,
}

impl TryFrom<ConditionKeys> for Condition {
    type Error = &'static str;

    fn try_from(keys: ConditionKeys) -> Result<Self, Self::Error> {
        let ConditionKeys {
            question,
            is,
            answered,
            at_least,
            at_most,
            impact_level_at_least,
            impact_level_at_most,
            stage,
            all,
            any,
            not,
        } = keys;
        let range = at_least.is_some() || at_most.is_some();
        let level = impact_level_at_least.is_some() || impact_level_at_most.is_some();
        if let Some(stage) = stage {
            let alone = (question.is_none() && is.is_none() && answered.is_none())
                && (all.is_none() && any.is_none() && not.is_none())
                && !range
                && !level;
            return if alone {
                Ok(Self::Stage { stage })
            } else {
                Err(FORMS)
            };
        }
        match (question, is, answered, all, any, not) {
            (Some(question), Some(is), None, None, None, None) if !range && !level => {
                Ok(Self::Is { question, is })
            }
            (Some(question), None, Some(answered), None, None, None) if !range && !level => {
                Ok(Self::Answered { question, answered })
            }
            (Some(question), None, None, None, None, None) if !level => Ok(Self::Range {
                question,
                at_least,
                at_most,
            }),
            (None, None, None, None, None, None) if !range => Ok(Self::ImpactLevel {
                impact_level_at_least,
                impact_level_at_most,
            }),
            (None, None, None, Some(all), None, None) if !range && !level => Ok(Self::All { all }),
            (None, None, None, None, Some(any), None) if !range && !level => Ok(Self::Any { any }),
            (None, None, None, None, None, Some(not)) if !range && !level => Ok(Self::Not { not }),
            _ => Err(FORMS),
        }
    }
}

const FORMS: &str = "a condition takes one of: `question` with `is`, `answered` or `at_least`/`at_most`; `impact_level_at_least`/`impact_level_at_most`; `stage`; `all`; `any`; `not`";

/// What a condition can see of an assessment in progress. Answers to questions that do not
/// apply must look unanswered, so that switching a question off also switches off whatever
/// depends on it.
pub trait Facts {
    /// The options chosen for an applicable, answered choice question.
    fn chosen(&self, question: &str) -> Option<&[String]>;
    /// The value of an applicable, answered scale or number question.
    fn value(&self, question: &str) -> Option<f64>;
    fn answered(&self, question: &str) -> bool;
    fn impact_level(&self) -> u8;
    /// The lifecycle stage the assessment records, if any.
    fn stage(&self) -> Option<Stage>;
}

/// Whether something is so: certainly, certainly not, or perhaps, depending on answers not
/// given yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tri {
    No,
    Maybe,
    Yes,
}

impl Tri {
    pub fn of(b: bool) -> Self {
        if b { Self::Yes } else { Self::No }
    }

    /// Certain if both ways agree, else perhaps.
    fn either(a: bool, b: bool) -> Self {
        if a == b { Self::of(a) } else { Self::Maybe }
    }

    pub fn possible(self) -> bool {
        self != Self::No
    }
}

/// What a condition can see of an assessment that may still change: whether each question
/// applies, the answer given to it (if any), and the impact levels the answers still allow.
/// A blank can become any answer, and an answer counts only where its question applies.
pub trait Possible {
    fn applies(&self, question: &str) -> Tri;
    /// The options chosen and the value given, when the question has an answer.
    fn given(&self, question: &str) -> Option<Given<'_>>;
    /// The lowest and highest impact level the answers still allow.
    fn impact_levels(&self) -> (u8, u8);
    /// The lifecycle stage the assessment records; none recorded is a blank.
    fn stage(&self) -> Option<Stage>;
}

/// An answer as a condition reads it: the options chosen and the number given.
pub type Given<'a> = (&'a [String], Option<f64>);

impl Condition {
    /// Whether the condition holds now and whatever the blanks turn out to be ([`Tri::Yes`]),
    /// holds for none of them ([`Tri::No`]), or depends on them. Sound: a condition that some
    /// completion of the answers would make hold is never [`Tri::No`], and exact when nothing
    /// it reads is open.
    pub fn could_hold(&self, p: &dyn Possible) -> Tri {
        // An atom about one question: its value when applicable and answered, else as unanswered.
        let atom = |question: &str, test: &dyn Fn(Option<Given>) -> bool| {
            let unanswered = test(None);
            match (p.applies(question), p.given(question)) {
                (Tri::No, _) => Tri::of(unanswered),
                (_, None) => Tri::Maybe,
                (Tri::Yes, Some(given)) => Tri::of(test(Some(given))),
                (Tri::Maybe, Some(given)) => Tri::either(test(Some(given)), unanswered),
            }
        };
        match self {
            Self::Is { question, is } => atom(question, &|g| {
                g.is_some_and(|(chosen, _)| chosen.iter().any(|c| is.contains(c)))
            }),
            Self::Range {
                question,
                at_least,
                at_most,
            } => atom(question, &|g| {
                g.and_then(|(_, v)| v).is_some_and(|v| {
                    at_least.is_none_or(|lo| v >= lo) && at_most.is_none_or(|hi| v <= hi)
                })
            }),
            Self::Answered { question, answered } => atom(question, &|g| g.is_some() == *answered),
            Self::ImpactLevel {
                impact_level_at_least,
                impact_level_at_most,
            } => {
                let (low, high) = p.impact_levels();
                let holds = |level: u8| {
                    impact_level_at_least.is_none_or(|lo| level >= lo)
                        && impact_level_at_most.is_none_or(|hi| level <= hi)
                };
                let count = (low..=high).filter(|l| holds(*l)).count();
                match count {
                    0 => Tri::No,
                    n if n == usize::from(high - low) + 1 => Tri::Yes,
                    _ => Tri::Maybe,
                }
            }
            Self::Stage { stage } => p
                .stage()
                .map_or(Tri::Maybe, |recorded| Tri::of(stage.contains(&recorded))),
            Self::All { all } => all.iter().fold(Tri::Yes, |acc, c| acc.min(c.could_hold(p))),
            Self::Any { any } => any.iter().fold(Tri::No, |acc, c| acc.max(c.could_hold(p))),
            Self::Not { not } => match not.could_hold(p) {
                Tri::Yes => Tri::No,
                Tri::No => Tri::Yes,
                Tri::Maybe => Tri::Maybe,
            },
        }
    }

    pub fn holds(&self, facts: &dyn Facts) -> bool {
        match self {
            Self::Is { question, is } => facts
                .chosen(question)
                .is_some_and(|chosen| chosen.iter().any(|c| is.contains(c))),
            Self::Range {
                question,
                at_least,
                at_most,
            } => facts.value(question).is_some_and(|v| {
                at_least.is_none_or(|lo| v >= lo) && at_most.is_none_or(|hi| v <= hi)
            }),
            Self::Answered { question, answered } => facts.answered(question) == *answered,
            Self::ImpactLevel {
                impact_level_at_least,
                impact_level_at_most,
            } => {
                let level = facts.impact_level();
                impact_level_at_least.is_none_or(|lo| level >= lo)
                    && impact_level_at_most.is_none_or(|hi| level <= hi)
            }
            Self::Stage { stage } => facts.stage().is_some_and(|s| stage.contains(&s)),
            Self::All { all } => all.iter().all(|c| c.holds(facts)),
            Self::Any { any } => any.iter().any(|c| c.holds(facts)),
            Self::Not { not } => !not.holds(facts),
        }
    }

    /// Ids of the questions whose answers the condition reads.
    pub fn questions(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.visit(&mut |c| match c {
            Self::Is { question, .. }
            | Self::Range { question, .. }
            | Self::Answered { question, .. } => out.push(question.as_str()),
            _ => {}
        });
        out
    }

    pub fn reads_impact_level(&self) -> bool {
        let mut reads = false;
        self.visit(&mut |c| reads |= matches!(c, Self::ImpactLevel { .. }));
        reads
    }

    fn visit<'a>(&'a self, f: &mut dyn FnMut(&'a Condition)) {
        f(self);
        match self {
            Self::All { all: cs } | Self::Any { any: cs } => cs.iter().for_each(|c| c.visit(f)),
            Self::Not { not } => not.visit(f),
            _ => {}
        }
    }
}

/// Plain words, for docs and the interview: "`data-learns` is `yes`".
impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let join = |f: &mut fmt::Formatter<'_>, cs: &[Condition], word: &str| {
            for (i, c) in cs.iter().enumerate() {
                if i > 0 {
                    write!(f, " {word} ")?;
                }
                match c {
                    Self::All { .. } | Self::Any { .. } => write!(f, "({c})")?,
                    _ => write!(f, "{c}")?,
                }
            }
            Ok(())
        };
        match self {
            Self::Is { question, is } => {
                let options: Vec<String> = is.iter().map(|o| format!("`{o}`")).collect();
                write!(f, "the answer to `{question}` is {}", options.join(" or "))
            }
            Self::Range {
                question,
                at_least,
                at_most,
            } => match (at_least, at_most) {
                (Some(lo), Some(hi)) => {
                    write!(f, "the answer to `{question}` is between {lo} and {hi}")
                }
                (Some(lo), None) => write!(f, "the answer to `{question}` is at least {lo}"),
                (None, Some(hi)) => write!(f, "the answer to `{question}` is at most {hi}"),
                (None, None) => write!(f, "`{question}` is answered"),
            },
            Self::Answered { question, answered } => {
                let not = if *answered { "" } else { "not " };
                write!(f, "`{question}` is {not}answered")
            }
            Self::ImpactLevel {
                impact_level_at_least,
                impact_level_at_most,
            } => match (impact_level_at_least, impact_level_at_most) {
                (Some(lo), Some(hi)) if lo == hi => write!(f, "the impact level is {lo}"),
                (Some(lo), Some(hi)) => write!(f, "the impact level is {lo} to {hi}"),
                (Some(lo), None) => write!(f, "the impact level is {lo} or higher"),
                (None, Some(hi)) => write!(f, "the impact level is {hi} or lower"),
                (None, None) => write!(f, "always"),
            },
            Self::Stage { stage } => {
                let stages: Vec<String> = stage.iter().map(|s| format!("`{}`", s.name())).collect();
                write!(f, "the lifecycle stage is {}", stages.join(" or "))
            }
            Self::All { all } => join(f, all, "and"),
            Self::Any { any } => join(f, any, "or"),
            Self::Not { not } => write!(f, "not ({not})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    struct Answers {
        chosen: HashMap<&'static str, Vec<String>>,
        values: HashMap<&'static str, f64>,
        level: u8,
        stage: Option<Stage>,
    }

    impl Facts for Answers {
        fn chosen(&self, q: &str) -> Option<&[String]> {
            self.chosen.get(q).map(Vec::as_slice)
        }
        fn value(&self, q: &str) -> Option<f64> {
            self.values.get(q).copied()
        }
        fn answered(&self, q: &str) -> bool {
            self.chosen.contains_key(q) || self.values.contains_key(q)
        }
        fn impact_level(&self) -> u8 {
            self.level
        }
        fn stage(&self) -> Option<Stage> {
            self.stage
        }
    }

    impl Possible for Answers {
        fn applies(&self, _: &str) -> Tri {
            Tri::Yes
        }
        fn given(&self, q: &str) -> Option<Given<'_>> {
            Facts::chosen(self, q).map(|c| (c, None))
        }
        fn impact_levels(&self) -> (u8, u8) {
            (self.level, self.level)
        }
        fn stage(&self) -> Option<Stage> {
            self.stage
        }
    }

    fn facts() -> Answers {
        Answers {
            chosen: HashMap::from([("learns", vec!["yes".to_string()])]),
            values: HashMap::from([("residents", 2500.0)]),
            level: 3,
            stage: Some(Stage::Pilot),
        }
    }

    fn is(q: &str, options: &[&str]) -> Condition {
        Condition::Is {
            question: q.into(),
            is: options.iter().map(|o| o.to_string()).collect(),
        }
    }

    #[test]
    fn is_matches_any_listed_option() {
        assert!(is("learns", &["no", "yes"]).holds(&facts()));
        assert!(!is("learns", &["no"]).holds(&facts()));
        assert!(!is("unanswered", &["yes"]).holds(&facts()));
    }

    #[test]
    fn ranges_are_inclusive_at_both_ends() {
        let range = |lo, hi| Condition::Range {
            question: "residents".into(),
            at_least: lo,
            at_most: hi,
        };
        assert!(range(Some(2500.0), None).holds(&facts()));
        assert!(range(None, Some(2500.0)).holds(&facts()));
        assert!(!range(Some(2500.1), None).holds(&facts()));
        assert!(!range(Some(0.0), Some(2499.0)).holds(&facts()));
    }

    #[test]
    fn impact_level_bounds() {
        let level = |lo, hi| Condition::ImpactLevel {
            impact_level_at_least: lo,
            impact_level_at_most: hi,
        };
        assert!(level(Some(3), None).holds(&facts()));
        assert!(!level(Some(4), None).holds(&facts()));
        assert!(level(Some(2), Some(3)).holds(&facts()));
        assert!(!level(None, Some(2)).holds(&facts()));
    }

    #[test]
    fn a_stage_condition_holds_for_a_listed_stage_and_no_stage_is_a_blank() {
        let stage = Condition::Stage {
            stage: vec![Stage::Pilot, Stage::Live],
        };
        let not_stage = Condition::Not {
            not: Box::new(stage.clone()),
        };
        let pilot = facts();
        let retiring = Answers {
            stage: Some(Stage::BeingRetired),
            ..facts()
        };
        let unrecorded = Answers {
            stage: None,
            ..facts()
        };
        assert!(stage.holds(&pilot) && !stage.holds(&retiring) && !stage.holds(&unrecorded));
        assert!(
            not_stage.holds(&unrecorded),
            "no stage recorded is no stage listed"
        );
        assert_eq!(stage.could_hold(&pilot), Tri::Yes);
        assert_eq!(stage.could_hold(&retiring), Tri::No);
        assert_eq!(stage.could_hold(&unrecorded), Tri::Maybe);
        assert_eq!(not_stage.could_hold(&unrecorded), Tri::Maybe);
        assert_eq!(
            stage.to_string(),
            "the lifecycle stage is `pilot` or `live`"
        );
        assert!(stage.questions().is_empty() && !stage.reads_impact_level());
    }

    #[test]
    fn combinators_and_answered() {
        let yes = is("learns", &["yes"]);
        let no = is("learns", &["no"]);
        let all = Condition::All {
            all: vec![yes.clone(), no.clone()],
        };
        let any = Condition::Any {
            any: vec![yes.clone(), no.clone()],
        };
        assert!(!all.holds(&facts()));
        assert!(any.holds(&facts()));
        assert!(Condition::Not { not: Box::new(no) }.holds(&facts()));
        let answered = |q: &str, a| Condition::Answered {
            question: q.into(),
            answered: a,
        };
        assert!(answered("residents", true).holds(&facts()));
        assert!(answered("other", false).holds(&facts()));
        assert_eq!(any.questions(), vec!["learns", "learns"]);
        assert!(!any.reads_impact_level());
    }

    #[test]
    fn reads_as_plain_words() {
        let c = Condition::All {
            all: vec![
                is("learns", &["yes", "partly"]),
                Condition::ImpactLevel {
                    impact_level_at_least: Some(3),
                    impact_level_at_most: None,
                },
            ],
        };
        assert_eq!(
            c.to_string(),
            "the answer to `learns` is `yes` or `partly` and the impact level is 3 or higher"
        );
    }

    #[test]
    fn each_shape_is_read_from_its_keys_and_a_mix_of_shapes_is_refused() {
        let read = |json: &str| serde_json::from_str::<Condition>(json);
        let shapes = [
            r#"{"question":"q","is":["a"]}"#,
            r#"{"question":"q","answered":false}"#,
            r#"{"question":"q","at_least":0.09090909090909091}"#,
            r#"{"question":"q"}"#,
            r#"{"impact_level_at_most":2}"#,
            r#"{"stage":["pilot","being-retired"]}"#,
            r#"{"all":[{"question":"q","is":["a"]}]}"#,
            r#"{"any":[{"impact_level_at_least":3}]}"#,
            r#"{"not":{"question":"q","answered":true}}"#,
        ];
        for json in shapes {
            let condition = read(json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(serde_json::to_string(&condition).unwrap(), json);
        }
        for mixed in [
            r#"{"question":"q","is":["a"],"answered":true}"#,
            r#"{"question":"q","impact_level_at_least":3}"#,
            r#"{"all":[],"at_most":1}"#,
            r#"{"stage":["live"],"impact_level_at_least":3}"#,
            r#"{"stage":["retired"]}"#,
            r#"{"question":"q","when":true}"#,
        ] {
            assert!(read(mixed).is_err(), "{mixed} must be refused");
        }
    }
}

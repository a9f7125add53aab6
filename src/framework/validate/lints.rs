//! Every check the framework validator makes: code, severity, summary and explanation. The
//! lint table in docs/framework-format.md and `coopai framework check --explain` are written
//! from here, so the docs and the checker cannot drift.

use crate::diagnostics::codes;

codes! {
    /// A framework lint. `invalid-toml` is shared with every file kind
    /// ([`crate::diagnostics::FileCode`]).
    pub enum Lint {
        /// An id (of the framework, a principle, question, option or band) uses characters
        /// other than lower-case letters, digits, `-` and `_`, or does not start with a letter
        /// or digit. Ids appear in answers files, conditions and reports, so they are kept to
        /// characters that need no quoting anywhere. The message suggests a valid spelling.
        InvalidId = ("invalid-id", Error, "Ids use lower-case letters, digits, `-` and `_`, starting with a letter or digit."),
        /// `framework.version` is not MAJOR.MINOR.PATCH. Answers files record the version
        /// they were answered against, and `framework diff` and `rescore` compare versions,
        /// so the version must be one that orders. Bump the minor version for new questions,
        /// the major version when old answers no longer fit.
        InvalidVersion = ("invalid-version", Error, "`framework.version` must be a semantic version such as 1.2.0."),
        /// Two principles, two questions, two options of one question, or two bands share an
        /// id. Answers and conditions refer to things by id, so each must be unique. The
        /// message points at both definitions.
        DuplicateId = ("duplicate-id", Error, "Two principles, questions, options in one question, or bands share an id."),
        /// A question's `principle` names no principle of the framework. The message
        /// suggests the nearest principle id and lists the ones defined.
        UnknownPrinciple = ("unknown-principle", Error, "A question names a principle that is not defined."),
        /// A condition (`when`, or a red line's `when`), or an `[[atrs]]` table's `from`, names
        /// a question the framework does not have. The message suggests the nearest question id.
        UnknownQuestion = ("unknown-question", Error, "A condition, an `[[atrs]]` mapping or the `[case_study]` table names a question that is not defined."),
        /// A condition's `is` names an option the question does not have. The message lists
        /// the question's options.
        UnknownOption = ("unknown-option", Error, "A condition names an option its question does not have."),
        /// A scored question has no `principle`. Every question other than an impact-profile
        /// risk question counts towards a principle's score. Add `principle = "..."`, or mark
        /// the question `impact = "risk"` if it describes the system's risk.
        MissingPrinciple = ("missing-principle", Error, "A question that is not an impact-profile risk question has no principle."),
        /// An impact-profile risk question (`impact = "risk"`) names a principle. Risk
        /// questions feed the impact level and are never scored, so the principle would do
        /// nothing. Remove the `principle` line.
        RiskWithPrinciple = ("risk-with-principle", Error, "An impact-profile risk question is not scored, so it takes no principle."),
        /// A single, multiple or yes/no question has no `[[question.option]]`, so it could
        /// never be answered. Add the options, or change the question's kind.
        NoOptions = ("no-options", Error, "A single, multiple or yes/no question has no options."),
        /// A yes/no question's options are not exactly `yes` and `no`. Answers files and the
        /// interview read `yes`, `no`, `true` and `false` for these questions. For other
        /// options, use `kind = "single"`.
        YesNoOptions = ("yes-no-options", Error, "A yes/no question must have exactly the options `yes` and `no`."),
        /// A field that belongs to another kind of question: options on a scale question, a
        /// `scale` on a choice question, `min_impact_level` on an option of a question that is
        /// not a risk question; or an `[impact]` rule (`rounding`, `bounds`) in a framework with
        /// no impact levels to apply it to. It would be ignored, which is rarely what was
        /// meant. Remove it, or change the question's kind.
        MisplacedField = ("misplaced-field", Error, "A field that belongs to another kind of question (options on a scale question, say)."),
        /// A scale question has no `scale = { min, max }`, its min is not below its max, or an
        /// end lies beyond ±1,000,000 (the bound keeps every sum of points exact).
        InvalidScale = ("invalid-scale", Error, "A scale question needs `scale = { min, max }` with min below max, both within ±1,000,000."),
        /// A number question's `[[question.range]]` tables must list `at_least` in strictly
        /// increasing order: an answer scores the points of the last range it reaches.
        InvalidRanges = ("invalid-ranges", Error, "A number question's ranges must have strictly increasing `at_least`."),
        /// A number is out of bounds: points and weights must be finite and from 0 to
        /// 1,000,000 (only their ratios matter), percentages lie in 0-100, and a number
        /// question's `min` and `max` must be finite with `min` not above `max`.
        InvalidNumber = ("invalid-number", Error, "Points and weights must be finite, from 0 to 1,000,000; percentages lie in 0-100; a number question's `min` and `max` are finite, `min` not above `max`."),
        /// A condition is malformed: empty, mixing two forms (`question` and `all`), testing
        /// a question in two ways, `is` on a scale question, `at_least` on a choice question,
        /// or a `stage` that is not a lifecycle stage. The message lists the forms a condition
        /// may take, or the stages.
        InvalidCondition = ("invalid-condition", Error, "A condition must take exactly one of its forms, with values of the right kind."),
        /// Questions whose conditions read each other's answers, in a loop, so none of them
        /// could be asked first; or a risk or mitigation question whose condition reads the
        /// impact level, which those questions themselves decide. The message shows the loop.
        ConditionCycle = ("condition-cycle", Error, "Questions whose conditions depend on each other, directly or through the impact level."),
        /// A question's condition can never hold (it needs two different options of one
        /// single-choice question, an empty numeric range, or a question that itself can
        /// never be asked), so the question would never be asked. The analysis is cautious:
        /// it reports only what certainly cannot happen.
        NeverApplies = ("never-applies", Error, "A question whose condition can never hold, so it can never be asked."),
        /// A red line sits on an option of a question that can never be asked, or has a
        /// condition that can never hold, so it could never protect anyone. Fix the condition
        /// or move the red line.
        UnreachableRedLine = ("unreachable-red-line", Error, "A red line on an option that can never be chosen, or whose own condition can never hold."),
        /// `min_impact_level`, `[impact] safeguards_first_from` or an impact-level condition
        /// names a level the framework does not define. The message gives the levels that
        /// exist.
        InvalidImpactLevel = ("invalid-impact-level", Error, "`min_impact_level`, `safeguards_first_from` or a condition names an impact level the framework does not have."),
        /// The impact levels are not numbered 1, 2, 3 ... in order, or their `from`/`to`
        /// percentages leave a gap, overlap, or do not reach 100: some raw impact scores would
        /// have no level.
        ImpactLevelGap = ("impact-level-gap", Error, "Impact levels must be numbered 1, 2, ... and cover 0-100% without gaps or overlaps."),
        /// The framework defines no `[[band]]`, so no outcome could be given.
        NoBands = ("no-bands", Error, "The framework defines no outcome band."),
        /// A band's `min_score` list is malformed: not one threshold per impact level, a
        /// threshold outside 0-100, a band not asking less than the band above it, or a last
        /// band that does not start at 0 (a score below every band would have no outcome). The
        /// same for `min_safeguards`: one share per impact level, each 0-100, no band asking
        /// for more safeguards than the band above it, and none on the last band.
        BandThresholds = ("band-thresholds", Error, "Band thresholds must lie in 0-100, one per impact level, falling from band to band, and the last band must start at 0."),
        /// A question's `roles`, `wording` or `answer_from` names a role that no `[[role]]`
        /// declares (or the framework declares none). Responses from such a role could not be
        /// told apart. The message suggests the nearest id.
        UnknownRole = ("unknown-role", Error, "A question names a respondent role the framework does not declare."),
        /// A role other than the lead is declared but no question lists it in `roles`, so a
        /// respondent in it would be asked nothing.
        UnusedRole = ("unused-role", Warning, "A respondent role that no question asks."),
        /// A question's `wording` or `answer_from` names a role the question does not ask, or
        /// its `answer_from` or `roles` names the lead role, which answers every question
        /// already and whose answer scores it unless another role's is taken.
        RoleNotAsked = ("role-not-asked", Error, "A question words itself for, or takes its answer from, a role it does not ask."),
        /// An `[[atrs]]` table's `field` is not a field of the Algorithmic Transparency
        /// Recording Standard record coopai drafts: not a reference number ("2.3.4") nor an
        /// attribute name ("human_decisions_and_review") of its field list. v3.0 names that
        /// v4.0 renamed (`external_supplier` is now `third_party`) are not fields either. The
        /// message suggests the nearest; docs/atrs.md lists every field.
        UnknownAtrsField = ("unknown-atrs-field", Error, "An `[[atrs]]` table names a field the transparency record does not have."),
        /// Two `[[atrs]]` tables fill the same field (by reference or attribute name), so the
        /// draft record would show it twice. List every source of a field in one table.
        DuplicateAtrsField = ("duplicate-atrs-field", Error, "Two `[[atrs]]` tables fill the same field of the transparency record."),
        /// A `[[moved]]` entry points at a question this version does not have, or maps an
        /// old option to an option its target question does not have. Answers carried over
        /// would have nowhere to go. The message suggests the nearest id.
        UnknownMoveTarget = ("unknown-move-target", Error, "A `[[moved]]` entry's `to` question, or an option it maps to, does not exist."),
        /// A `[[moved]]` `from`, or a `[[removed]]` question, is still a question of this
        /// version; or an option renamed in place is still an option of its question. An
        /// answer under that id could then mean the old question or the new one, so coopai
        /// could not tell whether to carry it over. Old ids must not be reused; to rename
        /// only options of a question that keeps its id, write `from` and `to` both as its id,
        /// with `options`.
        AmbiguousMove = ("ambiguous-move", Error, "An id moved or removed is still used by this version, so old answers could mean either."),
        /// An old question is moved or removed twice. An answer under its id can be carried
        /// to one place only. Keep one entry. (Two old questions may move to one question: a
        /// question renamed twice, or two merged. A file that answers both keeps the answer
        /// listed first.)
        DuplicateMove = ("duplicate-move", Error, "An old question is moved or removed twice."),
        /// A band asks for a lower score at a higher impact level than at a lower one. Higher
        /// impact should demand more; if the drop is deliberate, say why in the band's
        /// description.
        BandLevelOrder = ("band-level-order", Warning, "A band asks for a lower score at a higher impact level; higher levels should demand more."),
        /// A principle that no question names can never be scored, and reports would show it
        /// empty. Add questions, or remove the principle.
        EmptyPrinciple = ("empty-principle", Warning, "A principle with no questions can never be scored."),
        /// A question has no `help`, or a principle no `summary`. Help says why a question is
        /// asked and what good looks like; officers and residents rely on it in the interview.
        MissingHelp = ("missing-help", Warning, "A question, or a principle's summary, has no help text."),
        /// A principle's `ica_values` lists a value that is not one of the International
        /// Co-operative Alliance's values (self-help, self-responsibility, democracy, equality,
        /// equity, solidarity) or ethical values (honesty, openness, social responsibility,
        /// caring for others). The message suggests the nearest.
        UnknownIcaValue = ("unknown-ica-value", Warning, "A principle lists a value that is not one of the ICA co-operative values."),
        /// `not_known = false` on an optional question. Not-known is forbidden where an officer
        /// must give a real answer; an optional question can be left blank anyway, so
        /// forbidding not-known there only hides that the answer was sought and not found.
        /// Remove the field, or make the question required.
        NeedlessNotKnown = ("needless-not-known", Warning, "`not_known = false` on an optional question, which can be left blank anyway."),
        /// A better answer (one that earns more points) can lower a score, because it
        /// switches a scored follow-up on, whose points then count as available whether or
        /// not they are earned, or off, when it had earned its points. An officer then has a
        /// reason to under-claim. Mark a follow-up that a better answer switches on with
        /// `bonus = true`: its points count only when earned, so it can only raise a score.
        /// A follow-up that a better answer switches off should be asked whatever the answer,
        /// or its points given to the answers that switch it off. The analysis is cautious:
        /// it reads one condition at a time, with the answer it reads fixed and every other
        /// answer and the impact level left open, each time afresh, so it may warn about a
        /// change that needs other answers to differ as well; it follows switches through
        /// the questions and the impact level that conditions read. Better answers to risk
        /// questions, and what better risk and mitigation answers do to the impact level, are
        /// left out: asking more of a riskier system is what the impact profile is for.
        FollowUpCanLowerScore = ("follow-up-can-lower-score", Warning, "A better answer can switch a scored follow-up on (or off) and so lower a score."),
        /// `[impact.mitigation]` is defined but no question is marked
        /// `impact = "mitigation"`, so the reduction can never apply.
        UnusedMitigation = ("unused-mitigation", Warning, "A mitigation rule is defined but no question has `impact = \"mitigation\"`."),
    }
}

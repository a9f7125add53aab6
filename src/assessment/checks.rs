//! The checks made on answers files: each code with its severity, summary and explanation,
//! from which the docs' table and `coopai framework check --explain` are written.

use crate::diagnostics::codes;

codes! {
    /// What the answers loader reports. `invalid-toml` is shared with every file kind
    /// ([`crate::diagnostics::FileCode`]).
    pub enum Check {
        /// An answer names a question the framework does not have: a typo in the table
        /// header (`[answers.bais-tested]`), or a question removed or renamed in a newer
        /// framework version. The message suggests the nearest question id. Rename the table
        /// to a question the framework has, or delete it.
        UnknownQuestion = ("unknown-question", Error, "An answer to a question the framework does not have."),
        /// A choice answer names an option the question does not have. The message lists
        /// the options that are valid for the question; `coopai template` writes them as
        /// comments beside each question.
        UnknownOption = ("unknown-option", Error, "An option id the question does not have."),
        /// The answer's value is of the wrong kind for the question: text for a scale, a
        /// list for a number, a number for a choice. The message says what the question takes.
        WrongAnswerType = ("wrong-answer-type", Error, "A value of the wrong kind for the question (text for a scale, say)."),
        /// A single-choice or yes/no question was given a list of several options. Choose
        /// one; if several really apply, the framework needs a multiple-choice question.
        MultipleAnswers = ("multiple-answers", Error, "More than one option for a single-choice or yes/no question."),
        /// The answer is `"not known"`, but the framework asks for a real answer to this
        /// question (`not_known = false`). Find out and answer it, or leave it blank for now:
        /// the outcome stays provisional until it is answered.
        NotKnownForbidden = ("not-known-forbidden", Error, "A \"not known\" answer to a question whose framework asks for a real answer."),
        /// A scale or number answer lies outside the range the question allows. The message
        /// gives the range.
        OutOfRange = ("out-of-range", Error, "A scale or number answer outside the question's range."),
        /// The question does not apply, given the other answers or the impact level (for
        /// example a follow-up whose condition no longer holds after an answer changed). The
        /// answer is kept in the file, so nothing is lost if the condition holds again, but
        /// it is not scored and the report lists it as not applicable.
        NotApplicable = ("not-applicable", Warning, "An answer to a question that does not apply; it is kept but not scored."),
        /// The answer was written for an earlier version of the framework, under a question or
        /// option id that the framework has since renamed, and declares so (`[[moved]]`). It
        /// is loaded under the new id and scored there; the message names both ids. coopai
        /// writes the new id when it saves the file (`coopai assess --resume`); to update a
        /// file by hand, rename the table or the option.
        AnswerMoved = ("answer-moved", Warning, "An answer under an id an earlier framework version used; it counts under the new id."),
        /// The answer was written for an earlier version of the framework and has no place in
        /// this one: the framework removed the question (`[[removed]]`, with why), the option
        /// chosen has no counterpart in the question it moved to, the answer does not fit that
        /// question, or the file also answers the new question directly. The answer is left
        /// out, so the question it moved to (if any) counts as unanswered until answered
        /// again; its evidence is kept there.
        AnswerRemoved = ("answer-removed", Warning, "An answer to a question or option a newer framework version removed; it is left out."),
        /// The file records that it was answered against another framework id, version or
        /// content (sha256) than the one scoring it. coopai still scores it as long as every
        /// question and option id resolves, and says which of the three differs. Re-answer or
        /// `coopai rescore` to see what the newer framework changes.
        FrameworkMismatch = ("framework-mismatch", Warning, "The file was answered against another framework id, version or content."),
    }
}

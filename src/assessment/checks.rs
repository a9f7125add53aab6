//! The checks made on answers files: each code with its severity, summary and explanation,
//! from which the docs' table and `coopai framework check --explain` are written.

use crate::diagnostics::codes;

codes! {
    /// What the answers loader reports. `invalid-toml` is shared with every file kind
    /// ([`crate::diagnostics::FileCode`]).
    pub enum Check {
        /// `[assessment] contact` does not look like an email address (`name@domain.uk`). The
        /// draft transparency record publishes it as the contact email, and the standard asks
        /// for a team's shared inbox rather than a person's, so it outlives staff changes. It
        /// is a warning, not an error: a team that publishes a web form or a phone line instead
        /// can keep it.
        ContactNotEmail = ("contact-not-email", Warning, "The team contact does not look like an email address."),
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
        /// A response file's `[respondent]` names a role the framework does not ask
        /// respondents in: a role it does not declare (often a typo), or its lead role, whose
        /// answers are the lead answers file itself, not a response. The message lists the
        /// roles a response can be for; `coopai template --role ROLE` writes a response file
        /// for one of them.
        NotARespondentRole = ("not-a-respondent-role", Error, "A response's role is not one the framework asks respondents in: unknown, or the lead role."),
        /// A response answers a question that its respondent's role is not asked (the
        /// question's `roles` in the framework do not include it). Only the lead answers
        /// every question; a respondent answers their own role's questions, so that each
        /// view of the answers compares like with like. Delete the table, or record the
        /// answer in the lead answers file if it is the lead's to give.
        NotAskedOfRole = ("not-asked-of-role", Error, "An answer to a question the respondent's role is not asked."),
        /// A response's pseudonym looks like an email address or a phone number. Reports
        /// combine responses and are shared, so they must not identify the people who gave
        /// them; a pseudonym is only there to tell one response from another. Use a code or
        /// word that means nothing outside the assessment (`r-07`, `kestrel`), or leave it
        /// empty.
        IdentifyingPseudonym = ("identifying-pseudonym", Error, "A pseudonym that looks like an email address or phone number; reports must not identify people."),
        /// Two responses in the same responses folder give the same pseudonym (compared
        /// ignoring case and surrounding spaces), so the same person may have answered twice,
        /// or two people chose one pseudonym. The first file in name order is kept and the
        /// later one refused; the message names both. Give each respondent their own
        /// pseudonym, or remove the repeated response.
        DuplicatePseudonym = ("duplicate-pseudonym", Error, "Two responses in one folder give the same pseudonym."),
        /// A file in a responses folder (`<lead>.responses/`) is a lead answers file: it has
        /// an `[assessment]` table and no `[respondent]` table. A responses folder holds only
        /// responses, each one respondent's answers to their role's questions. Move the lead
        /// answers file out of the folder (it belongs beside it), or write the response with
        /// `coopai template --role ROLE`.
        LeadAsResponse = ("lead-as-response", Error, "A lead answers file (with `[assessment]`) where a response is expected."),
        /// A file given as a lead answers file is a response: it has a `[respondent]` table
        /// instead of `[assessment]`. A response is one respondent's answers to their role's
        /// questions and is combined with the lead answers file it belongs with, from that
        /// file's responses folder (`<lead>.responses/`). Score the lead answers file instead;
        /// to go on answering the response, use `coopai assess --role ROLE --resume FILE`.
        ResponseAsLead = ("response-as-lead", Error, "A response file (with `[respondent]`) where a lead answers file is expected."),
    }
}

//! Reading and setting the assessment's metadata the interview asks before the questions:
//! the lead's (council, system, ..., and what a transparency record needs: team, contact,
//! service, region and phase), or a respondent's pseudonym. The fields and their words are
//! [`MetaField`]'s, shared with the offline form.

use super::Who;
use super::parse::{parse_phase, parse_stage};
use crate::assessment::{Assessment, MetaField, Phase, identifying_pseudonym};
use crate::framework::Stage;

impl MetaField {
    pub(super) fn get<'a>(self, a: &'a Assessment, who: &'a Who) -> &'a str {
        let m = &a.meta;
        match self {
            Self::Council => &m.council,
            Self::System => &m.system,
            Self::Description => &m.description,
            Self::Stage => m.stage.map_or("", Stage::name),
            Self::Assessor => &m.assessor,
            Self::Team => &m.team,
            Self::Contact => &m.contact,
            Self::Service => &m.service,
            Self::Region => &m.region,
            Self::Phase => m.phase.map_or("", Phase::name),
            Self::Pseudonym => match who {
                Who::Respondent(r) => r.pseudonym.as_deref().unwrap_or(""),
                Who::Lead => "",
            },
        }
    }

    /// Sets the field from what was typed; a stage that is not one, or a pseudonym that
    /// would identify someone, is refused, with why.
    pub(super) fn set(
        self,
        a: &mut Assessment,
        who: &mut Who,
        value: String,
    ) -> Result<(), String> {
        let m = &mut a.meta;
        match self {
            Self::Council => m.council = value,
            Self::System => m.system = value,
            Self::Description => m.description = value,
            Self::Stage => m.stage = Some(parse_stage(&value)?),
            Self::Assessor => m.assessor = value,
            Self::Team => m.team = value,
            Self::Contact => m.contact = value,
            Self::Service => m.service = value,
            Self::Region => m.region = value,
            Self::Phase => m.phase = Some(parse_phase(&value)?),
            Self::Pseudonym => {
                if let Some(what) = identifying_pseudonym(&value) {
                    return Err(format!(
                        "that looks like {what}; reports must not identify the people who answer, so use a code or word such as r-07, or leave it empty"
                    ));
                }
                if let Who::Respondent(r) = who {
                    r.pseudonym = Some(value);
                }
            }
        }
        Ok(())
    }
}

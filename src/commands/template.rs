//! `coopai template`: a fill-in answers file for the lead, or with `--role` a response file
//! for one respondent role.

use anyhow::Result;

use super::{Outcome, emit, load_framework};
use crate::assessment::{
    RoleError, respondent_role, respondent_role_ids, response_template, template,
};
use crate::cli::TemplateArgs;
use crate::diagnostics::did_you_mean;
use crate::framework::Framework;

pub fn run(args: &TemplateArgs) -> Result<Outcome> {
    let fw = load_framework(&args.framework)?;
    let text = match respondent(&fw, args.role.as_deref())? {
        Some(role) => response_template(&fw, role),
        None => template(&fw),
    };
    emit(&args.output, &text)?;
    Ok(Outcome::Success)
}

/// The respondent role `role` names, or none for the lead: no `--role`, or the lead role's
/// id, which answers every question in the lead answers file. An unknown role is refused,
/// naming the roles there are and the one it looks like a typo of.
pub(super) fn respondent<'a>(fw: &Framework, role: Option<&'a str>) -> Result<Option<&'a str>> {
    let Some(role) = role else {
        return Ok(None);
    };
    if fw.lead_role().is_some_and(|lead| lead.id == role) {
        return Ok(None);
    }
    match respondent_role(fw, role) {
        Ok(_) => Ok(Some(role)),
        Err(e @ RoleError::Unknown { .. }) => match did_you_mean(role, respondent_role_ids(fw)) {
            Some(near) => Err(anyhow::anyhow!("{e}; did you mean `{near}`?")),
            None => Err(e.into()),
        },
        Err(e) => Err(e.into()),
    }
}

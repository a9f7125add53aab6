//! What a council publishes from an assessment.

pub mod atrs;
pub mod case_study;
pub mod register;

//! What a council publishes from an assessment.

pub mod atrs;

pub mod case_study;
pub mod register;

//! What the `interview_plain` fuzz target does with one input: the bytes are the lines an
//! officer (or a script) types into `coopai assess --plain`. Shared with
//! `tests/fuzz_replay.rs`, which replays the committed inputs on stable.

use coopai::assessment::{self, Assessment};
use coopai::framework::Framework;
use coopai::interview::{self, Config, plain::Plain};

/// Runs a new interview on `input`, then resumes the saved file with the same input. The last
/// save of each session must load back as exactly the assessment saved (writing every save
/// would make each run ten times slower), and nothing may panic.
pub fn interview_plain(fw: &Framework, input: &[u8]) {
    let mut saved: Option<Assessment> = None;
    let mut resume_from = Assessment::default();
    for resume in [false, true] {
        let config = Config {
            date: "2026-11-23".into(),
            resume,
        };
        let mut out = Vec::new();
        let mut prompter = Plain::new(input, &mut out);
        let mut save = |a: &Assessment| -> anyhow::Result<()> {
            saved = Some(a.clone());
            Ok(())
        };
        let start = std::mem::take(&mut resume_from);
        let result = interview::run(fw, start, &config, &mut prompter, &mut save);
        if let Err(e) = result {
            panic!("the interview failed on in-memory input and output: {e}");
        }
        let Some(a) = saved.take() else {
            return; // nothing was confirmed, so nothing was saved
        };
        let text = assessment::to_toml(fw, &a);
        let back = match assessment::load_str("saved.toml", text.clone(), fw) {
            Ok(loaded) => loaded.assessment,
            Err(e) => panic!("a saved interview does not load back:\n{e}\n--- saved:\n{text}"),
        };
        assert_eq!(
            back.answers, a.answers,
            "answers changed on saving:\n{text}"
        );
        assert_eq!(back.meta, a.meta, "metadata changed on saving:\n{text}");
        resume_from = back;
    }
}

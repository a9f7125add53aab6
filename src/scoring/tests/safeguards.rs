//! Safeguards ranked first at high impact, on tests/fixtures/frameworks/scoring-rules.toml
//! with staff confidence a safeguard question and option X of `safeguards` a safeguard option.

use super::*;

/// The framework, with safeguards ranked first from impact level `from`.
fn with_safeguards(from: u8) -> Framework {
    let text = include_str!("../../../tests/fixtures/frameworks/scoring-rules.toml")
        .replace(
            "[impact.mitigation]",
            &format!("[impact]\nsafeguards_first_from = {from}\n\n[impact.mitigation]"),
        )
        .replace(
            "id = \"confidence\"\n",
            "id = \"confidence\"\ncategory = \"safeguard\"\n",
        )
        .replace(
            "id = \"x\"\nlabel = \"X\"\n",
            "id = \"x\"\nlabel = \"X\"\ncategory = \"safeguard\"\n",
        );
    match load_str("safeguards.toml", text) {
        Ok(loaded) => loaded.framework,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn at_high_impact_safeguards_rank_above_practices_after_red_lines() {
    // Decides (level 3 at least) with audit yes: beta's available points are 8 + 4 = 12.
    // Z recovers 3 of alpha's 16 at weight 3/4: 14.1; X 1: 4.7; confidence 4 of 5 loses 2
    // of beta's 12 at weight 1/4: 25 x 2/12 = 4.2.
    let answers = with(
        with(
            with(best(), "safeguards", Value::Choices(vec!["y".into()])),
            "confidence",
            Value::Number(4.0),
        ),
        "decides",
        choice("decides"),
    );
    let ranked = |fw: &Framework, answers: &[(&'static str, Value)]| {
        let r = score(fw, &assessment(answers));
        assert_eq!(r.impact_level, 3);
        r.recommendations
            .iter()
            .map(|x| (x.text.clone(), x.gain, x.category.name()))
            .collect::<Vec<_>>()
    };
    let rec = |text: &str, gain, category| (text.to_string(), gain, category);
    let answered = with(answers.clone(), "audit", choice("yes"));
    // At level 3, from level 3: the safeguards first, by gain among themselves.
    assert_eq!(
        ranked(&with_safeguards(3), &answered),
        [
            rec("Adopt X.", 4.7, "safeguard"),
            rec("Talk to staff.", 4.2, "safeguard"),
            rec("Adopt Z.", 14.1, "practice"),
        ]
    );
    // From level 4 only: by gain, the categories still said.
    assert_eq!(
        ranked(&with_safeguards(4), &answered),
        [
            rec("Adopt Z.", 14.1, "practice"),
            rec("Adopt X.", 4.7, "safeguard"),
            rec("Talk to staff.", 4.2, "safeguard"),
        ]
    );
    // Clearing a red line still comes first: no audit crosses one (beta 25 x 4/12 = 8.3).
    assert_eq!(
        ranked(&with_safeguards(3), &with(answers, "audit", choice("no")))[..2],
        [
            rec("Commission an audit.", 8.3, "practice"),
            rec("Adopt X.", 4.7, "safeguard"),
        ]
    );
}

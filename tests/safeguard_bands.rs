//! Bands that ask for safeguards as well as a score (`min_safeguards`): a high score from
//! co-operative practice cannot make up for missing legal and safety safeguards, and a system
//! with its safeguards in place reaches a band its score alone would not.

use coopai::assessment::{self, Assessment};
use coopai::framework::{self, Framework};
use coopai::scoring::score;

/// One principle: `dpia` is a safeguard worth 2, `co-design` a practice worth 2 at weight 3,
/// so the practice carries three quarters of the score.
const FRAMEWORK: &str = r#"
[framework]
id = "safeguard-bands"
title = "Safeguard bands"
version = "1.0.0"
summary = "Bands that ask for safeguards."
provenance = "Test fixture."

[[principle]]
id = "p"
title = "P"
weight = 1
summary = "The one principle."

[[impact.level]]
level = 1
name = "Low"
from = 0
to = 100

[[question]]
id = "dpia"
principle = "p"
category = "safeguard"
kind = "yes_no"
prompt = "Is there a DPIA?"

[[question.option]]
id = "yes"
label = "Yes"
points = 2

[[question.option]]
id = "no"
label = "No"
points = 0
recommendation = "Do a DPIA."

[[question]]
id = "co-design"
principle = "p"
kind = "yes_no"
weight = 3
prompt = "Was it co-designed?"

[[question.option]]
id = "yes"
label = "Yes"
points = 2

[[question.option]]
id = "no"
label = "No"
points = 0
recommendation = "Co-design it."

[[band]]
id = "conditions"
name = "Proceed with conditions"
min_score = [20]
min_safeguards = [50]

[[band]]
id = "not-ready"
name = "Not ready"
min_score = [0]
"#;

fn fw() -> Framework {
    framework::load_str("safeguard-bands.toml", FRAMEWORK.to_string())
        .unwrap_or_else(|e| panic!("{e}"))
        .framework
}

fn answers(fw: &Framework, given: &[(&str, &str)]) -> Assessment {
    let mut text = String::from("[assessment]\nsystem = \"S\"\n");
    for (q, a) in given {
        text.push_str(&format!("[answers.{q}]\nanswer = \"{a}\"\n"));
    }
    assessment::load_str("answers.toml", text, fw)
        .unwrap_or_else(|e| panic!("{e}"))
        .assessment
}

#[test]
fn safeguards_in_place_reach_the_band_a_low_score_alone_would_not() {
    let fw = fw();
    let r = score(&fw, &answers(&fw, &[("dpia", "yes"), ("co-design", "no")]));
    assert_eq!((r.overall.score, r.overall.safeguards), (25.0, Some(100.0)));
    assert_eq!(r.overall.band, "conditions");
}

#[test]
fn a_high_score_cannot_make_up_for_missing_safeguards() {
    let fw = fw();
    let r = score(&fw, &answers(&fw, &[("dpia", "no"), ("co-design", "yes")]));
    assert_eq!((r.overall.score, r.overall.safeguards), (75.0, Some(0.0)));
    assert_eq!(r.overall.band, "not-ready");
}

#[test]
fn a_blank_safeguard_leaves_both_bands_possible() {
    let fw = fw();
    let r = score(&fw, &answers(&fw, &[("co-design", "yes")]));
    assert!(r.overall.provisional);
    assert_eq!(r.overall.band, "not-ready", "a blank earns nothing so far");
    let possible: Vec<&str> = r
        .overall
        .bands_possible
        .iter()
        .map(|b| b.id.as_str())
        .collect();
    assert_eq!(possible, ["conditions", "not-ready"]);
}

#[test]
fn the_share_is_reported_only_where_a_safeguard_applies() {
    let fw = fw();
    let json = serde_json::to_value(score(&fw, &answers(&fw, &[("dpia", "yes")]))).unwrap();
    assert_eq!(json["overall"]["safeguards"], 100.0);
    let without = FRAMEWORK.replace("category = \"safeguard\"\n", "");
    let without = without.replace("min_safeguards = [50]\n", "");
    let fw = framework::load_str("plain.toml", without)
        .unwrap_or_else(|e| panic!("{e}"))
        .framework;
    let json = serde_json::to_value(score(&fw, &answers(&fw, &[("dpia", "yes")]))).unwrap();
    assert!(json["overall"].get("safeguards").is_none(), "{json}");
}

/// Each way `min_safeguards` can be written wrong is refused with the band named.
#[test]
fn misplaced_safeguard_thresholds_are_refused() {
    for (from, to, says) in [
        (
            "min_score = [0]\n",
            "min_score = [0]\nmin_safeguards = [10]\n",
            "the last band `not-ready` cannot ask for safeguards",
        ),
        (
            "min_safeguards = [50]",
            "min_safeguards = [50, 60]",
            "band `conditions` gives 2 safeguard shares for 1 impact level",
        ),
        (
            "min_safeguards = [50]",
            "min_safeguards = [150]",
            "min_safeguards",
        ),
    ] {
        let text = FRAMEWORK.replacen(from, to, 1);
        let text = if from.starts_with("min_score") {
            // The last band's `min_score`, not the first's.
            let at = FRAMEWORK.rfind(from).unwrap();
            format!("{}{to}{}", &FRAMEWORK[..at], &FRAMEWORK[at + from.len()..])
        } else {
            text
        };
        let err = match framework::load_str("bad.toml", text) {
            Ok(_) => panic!("`{to}` was accepted"),
            Err(e) => e.to_string(),
        };
        assert!(err.contains(says), "{err}");
    }
}

#[test]
fn a_better_band_must_ask_for_at_least_the_safeguards_of_a_worse_one() {
    let text = FRAMEWORK
        .replace("min_safeguards = [50]\n", "")
        .replace(
            "id = \"not-ready\"\nname = \"Not ready\"\nmin_score = [0]\n",
            "id = \"not-ready\"\nname = \"Not ready\"\nmin_score = [10]\nmin_safeguards = [40]\n\n[[band]]\nid = \"stop\"\nname = \"Stop\"\nmin_score = [0]\n",
        );
    let err = match framework::load_str("bad.toml", text) {
        Ok(_) => panic!("accepted"),
        Err(e) => e.to_string(),
    };
    assert!(
        err.contains("band `not-ready` asks for 40% of the safeguards at impact level 1, more than the band above it (0%)"),
        "{err}"
    );
}

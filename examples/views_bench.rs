//! Combining many responses in memory that does not grow with them: N synthetic responses
//! (built in memory, one at a time, as a loader reading files would hand them over) are added
//! to a Tally against tests/fixtures/frameworks/views.toml, then the assessment is scored with
//! them and the JSON report written to /dev/null. Run it under GNU time to see the peak
//! resident memory; docs/performance.md has the figures.
//!
//! Usage: views_bench N

use std::collections::BTreeMap;
use std::io::Write;

use coopai::assessment::{Answer, Assessment, Respondent, Response, Value};
use coopai::report::{ReportFormat, render};
use coopai::scoring::{Tally, ViewOptions, score_with};

/// A small deterministic generator, so every run combines the same responses.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

fn response(n: u64, rng: &mut Lcg) -> Response {
    let staff = n % 3 != 0;
    let mut answers = BTreeMap::new();
    let mut put = |id: &str, value: Value| {
        let evidence = format!("evidence {n}");
        answers.insert(id.to_string(), Answer { value, evidence });
    };
    let say = ["none", "consulted", "involved", "co-designed"][rng.next(4) as usize];
    put("resident-say", Value::Choice(say.into()));
    put("trust", Value::Number((rng.next(5) + 1) as f64));
    put("comments", Value::Text(format!("comment {n}")));
    if staff {
        let yes_no = |r: &mut Lcg| if r.next(2) == 0 { "yes" } else { "no" };
        put("staff-consulted", Value::Choice(yes_no(rng).into()));
        put("review-log", Value::Choice(yes_no(rng).into()));
        put("hours-saved", Value::Number(rng.next(80) as f64 / 8.0));
    } else {
        let all = ["phone", "in-person", "online"];
        let chosen = all
            .iter()
            .filter(|_| rng.next(2) == 0)
            .map(|s| s.to_string())
            .collect();
        put("channels", Value::Choices(chosen));
    }
    Response {
        name: format!("responses/{n}.toml"),
        sha256: format!("{:064x}", rng.next(u64::MAX)),
        respondent: Respondent {
            role: if staff { "staff" } else { "residents" }.into(),
            pseudonym: None,
        },
        answers,
        ..Response::default()
    }
}

fn main() -> std::process::ExitCode {
    let Some(count) = std::env::args().nth(1).and_then(|n| n.parse::<u64>().ok()) else {
        eprintln!("usage: views_bench N");
        return std::process::ExitCode::from(2);
    };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/frameworks/views.toml");
    let fw = match coopai::framework::load_file(&path) {
        Ok(loaded) => loaded.framework,
        Err(e) => {
            eprintln!("{e}");
            return std::process::ExitCode::from(2);
        }
    };
    let started = std::time::Instant::now();
    let mut tally = Tally::new(&fw);
    let mut rng = Lcg(15);
    for n in 0..count {
        tally.add(&fw, &response(n, &mut rng));
    }
    let added = started.elapsed();
    let mut lead = Assessment::default();
    lead.meta.system = "Benchmark".into();
    let report = score_with(&fw, &lead, Some(&tally), &ViewOptions::default());
    let json = render(&fw, &[report], ReportFormat::Json);
    let _ = std::io::sink().write_all(json.as_bytes());
    eprintln!(
        "{count} responses: added in {:.2} s ({:.1} us each), scored and rendered in {:.2} s, report {} bytes",
        added.as_secs_f64(),
        added.as_secs_f64() * 1e6 / count.max(1) as f64,
        (started.elapsed() - added).as_secs_f64(),
        json.len()
    );
    std::process::ExitCode::SUCCESS
}

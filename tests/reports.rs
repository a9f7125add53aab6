//! Reports people share: HTML, CSV, compare and diff, snapshot-tested on the fixtures in
//! tests/fixtures/reports/minimal (against frameworks/example-minimal.toml) and
//! tests/fixtures/reports/ten-principles (against a ten-principle test framework, so the
//! radar chart has its full shape).

use coopai::framework::Framework;
use coopai::report::compare::{self, Scored};
use coopai::report::diff;
use coopai::report::{DiffFormat, ReportFormat, render};
use coopai::scoring::report::Report;

const MINIMAL: &str = "frameworks/example-minimal.toml";
const TEN: &str = "tests/fixtures/reports/ten-principles-framework.toml";
const ANSWERS: &str = "tests/fixtures/reports/minimal";
const TEN_ANSWERS: &str = "tests/fixtures/reports/ten-principles";

fn framework(path: &str) -> Framework {
    coopai::framework::load_file(std::path::Path::new(path))
        .expect("fixture framework loads")
        .framework
}

fn scored(fw: &Framework, path: &str) -> Scored {
    let assessment = coopai::assessment::load_file(std::path::Path::new(path), fw)
        .expect("fixture loads")
        .assessment;
    Scored {
        file: path.to_string(),
        report: coopai::scoring::score(fw, &assessment),
        answered_against: assessment.framework,
    }
}

fn report(fw: &Framework, path: &str) -> Report {
    scored(fw, path).report
}

/// The example-minimal fixtures, in file-name order.
fn minimal_fixtures() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(ANSWERS)
        .expect("fixtures folder")
        .map(|e| e.expect("entry").path().display().to_string())
        .filter(|p| p.ends_with(".toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn html_report_with_a_red_line_and_bars() {
    let fw = framework(MINIMAL);
    let r = report(&fw, &format!("{ANSWERS}/benefits-triage-v1.toml"));
    insta::assert_snapshot!(
        "html_benefits_triage_v1",
        render(&fw, &[r], ReportFormat::Html)
    );
}

/// A draft with required questions unanswered: every format says the outcome is provisional
/// before anything else about it, with the range and the bands it spans.
#[test]
fn a_provisional_report_in_every_format() {
    let fw = framework(MINIMAL);
    let r = report(&fw, &format!("{ANSWERS}/parking-draft.toml"));
    assert!(r.overall.provisional);
    let words = "Provisional: between Do not proceed yet and Ready to proceed; 4 required questions unanswered";
    for format in [
        ReportFormat::Table,
        ReportFormat::Md,
        ReportFormat::Html,
        ReportFormat::Csv,
        ReportFormat::Json,
    ] {
        let out = render(&fw, std::slice::from_ref(&r), format);
        let outcome = match format {
            ReportFormat::Json => out.find("\"provisional\": true"),
            // The band card: its label, then the bands it spans, then what is missing.
            ReportFormat::Html => out.find("Provisional outcome").filter(|_| {
                out.contains("Between Do not proceed yet and Ready to proceed")
                    && out.contains("4 required questions unanswered. Not final")
            }),
            _ => out.find(words),
        };
        let outcome = outcome.unwrap_or_else(|| panic!("{format:?} says provisional:\n{out}"));
        // Nothing names a band as the outcome before the provisional words do.
        let band = out.find("Do not proceed yet\n").unwrap_or(usize::MAX);
        assert!(outcome < band, "{format:?}");
        insta::assert_snapshot!(format!("provisional_{format:?}").to_lowercase(), out);
    }
}

#[test]
fn html_report_with_a_radar_chart() {
    let fw = framework(TEN);
    let r = report(&fw, &format!("{TEN_ANSWERS}/homecare-scheduling.toml"));
    insta::assert_snapshot!(
        "html_homecare_scheduling",
        render(&fw, &[r], ReportFormat::Html)
    );
}

#[test]
fn html_report_with_a_principle_that_has_no_applicable_question() {
    let fw = framework(TEN);
    let r = report(&fw, &format!("{TEN_ANSWERS}/pothole-reports.toml"));
    let html = render(&fw, &[r], ReportFormat::Html);
    assert!(html.contains(
        "New models of meeting priority needs not scored (no question applies; drawn at 0)"
    ));
    assert!(html.contains("n/a (drawn at 0)"));
    insta::assert_snapshot!("html_pothole_reports", html);
}

#[test]
fn html_of_several_reports_is_one_page_with_an_article_each() {
    let fw = framework(MINIMAL);
    let reports: Vec<Report> = minimal_fixtures().iter().map(|f| report(&fw, f)).collect();
    let html = render(&fw, &reports, ReportFormat::Html);
    assert_eq!(html.matches("<!DOCTYPE html>").count(), 1);
    assert_eq!(
        html.matches("<article class=\"report\"").count(),
        reports.len()
    );
    assert!(html.contains("<title>AI assessments (5)</title>"));
    // Element ids stay unique across articles.
    for i in 1..=reports.len() {
        assert_eq!(html.matches(&format!("id=\"r{i}-chart-title\"")).count(), 1);
    }
}

#[test]
fn html_is_self_contained() {
    let fw = framework(TEN);
    let r = report(&fw, &format!("{TEN_ANSWERS}/homecare-scheduling.toml"));
    let html = render(&fw, &[r], ReportFormat::Html);
    for needle in [
        "<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "https://",
    ] {
        assert!(
            !html.contains(needle),
            "the report must not contain {needle}"
        );
    }
    // The only URL is the SVG namespace, which browsers never fetch.
    assert_eq!(
        html.matches("http://").count(),
        html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
    );
}

#[test]
fn csv_one_report_and_several() {
    let fw = framework(MINIMAL);
    let one = report(&fw, &format!("{ANSWERS}/waste-routing.toml"));
    insta::assert_snapshot!("csv_waste_routing", render(&fw, &[one], ReportFormat::Csv));
    let all: Vec<Report> = minimal_fixtures().iter().map(|f| report(&fw, f)).collect();
    let csv = render(&fw, &all, ReportFormat::Csv);
    assert!(
        csv.starts_with("system,principle,question,prompt,answer,points,max_points,evidence\n")
    );
    insta::assert_snapshot!("csv_all_fixtures", csv);
}

#[test]
fn csv_reads_back_as_the_outcome_then_one_row_per_question() {
    let fw = framework(MINIMAL);
    let r = report(&fw, &format!("{ANSWERS}/library-chatbot.toml"));
    let csv = render(&fw, std::slice::from_ref(&r), ReportFormat::Csv);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("valid CSV")).collect();
    assert_eq!(rows.len(), 1 + r.answers.len());
    assert_eq!(
        (&rows[0][0], &rows[0][2]),
        ("Outcome", r.overall.band_name.as_str())
    );
    let lessons = rows
        .iter()
        .find(|row| &row[1] == "lessons")
        .expect("lessons row");
    assert_eq!(
        &lessons[3],
        "Start with the questions staff are asked most, & test them with residents."
    );
}

/// The example-minimal fixtures, scored and compared.
fn minimal_comparison() -> (Framework, Vec<Scored>, compare::Comparison) {
    let fw = framework(MINIMAL);
    let items: Vec<Scored> = minimal_fixtures().iter().map(|f| scored(&fw, f)).collect();
    let c = compare::compare(&fw, &items);
    (fw, items, c)
}

/// Where the fixture file `name` is among `items`.
fn position(items: &[Scored], name: &str) -> usize {
    items
        .iter()
        .position(|s| s.file.ends_with(name))
        .expect("fixture")
}

fn comparison(format: ReportFormat) -> String {
    let (fw, _, c) = minimal_comparison();
    compare::render(&fw, &c, format)
}

#[test]
fn compare_in_every_format() {
    insta::assert_snapshot!("compare_table", comparison(ReportFormat::Table));
    insta::assert_snapshot!("compare_md", comparison(ReportFormat::Md));
    insta::assert_snapshot!("compare_html", comparison(ReportFormat::Html));
    insta::assert_snapshot!("compare_csv", comparison(ReportFormat::Csv));
    insta::assert_snapshot!("compare_json", comparison(ReportFormat::Json));
}

#[test]
fn compare_marks_best_and_worst_and_flags_framework_versions() {
    let (fw, items, c) = minimal_comparison();
    let position = |name: &str| position(&items, name);
    assert_eq!(c.overall_best, vec![position("benefits-triage-v2.toml")]);
    assert_eq!(c.overall_worst, vec![position("benefits-triage-v1.toml")]);
    let parking = &c.assessments[position("parking-draft.toml")];
    assert_eq!(
        parking.framework_flag.as_deref(),
        Some("answered against version 0.9.0, scored against 1.0.0")
    );
    assert!(
        c.framework_flags[0].contains("different framework versions"),
        "{:?}",
        c.framework_flags
    );
    // Equal scores are neither best nor worst: they are a tie.
    let same = [items[0].clone(), items[0].clone()];
    let c = compare::compare(&fw, &same);
    assert!(c.overall_best.is_empty() && c.overall_worst.is_empty());
    assert!(c.principles.iter().all(|p| p.tie()), "{:?}", c.principles);
    assert!(c.framework_flags.is_empty());
    let table = compare::render(&fw, &c, ReportFormat::Table);
    assert!(table.contains("3.7 (tie)"), "{table}");
    assert!(
        !table.contains("best") && !table.contains("worst"),
        "{table}"
    );
}

#[test]
fn compare_ranks_a_principle_only_over_the_same_questions() {
    let (fw, items, c) = minimal_comparison();
    let position = |name: &str| position(&items, name);
    // human-review applies only where the system takes part in decisions about people, so
    // the library chatbot's social partnership score rests on other questions.
    let partnership = &c.principles[1];
    assert_eq!(partnership.id, "social-partnership");
    assert!(partnership.best.is_empty() && partnership.worst.is_empty());
    assert!(!partnership.tie());
    let reason = partnership.not_compared.as_deref().unwrap_or_default();
    assert!(
        reason
            .starts_with("question human-review does not apply to Library opening-hours chatbot;"),
        "{reason}"
    );
    // The same questions apply to every assessment for co-production: shared extremes are
    // "tied", not "best" or "worst" twice.
    let coproduction = &c.principles[0];
    assert_eq!(coproduction.not_compared, None);
    assert_eq!(
        coproduction.best,
        vec![
            position("benefits-triage-v2.toml"),
            position("library-chatbot.toml")
        ]
    );
    let table = compare::render(&fw, &c, ReportFormat::Table);
    assert!(
        table.contains("100 (tied best)") && table.contains("0 (tied worst)"),
        "{table}"
    );
    assert!(
        table.contains(
            "Not compared (no best or worst marked)\n- Social partnership: question human-review"
        ),
        "{table}"
    );
    let csv = compare::render(&fw, &c, ReportFormat::Csv);
    let last = csv.lines().last().unwrap_or_default();
    assert!(
        last.starts_with(
            "Social partnership,11.1,88.9,75,33.3,71.4,,,not compared: question human-review"
        ),
        "{last}"
    );
}

#[test]
fn compare_headings_are_system_names_told_apart_where_shared() {
    let fw = framework(MINIMAL);
    let triage = |v: &str| scored(&fw, &format!("{ANSWERS}/benefits-triage-{v}.toml"));
    let library = scored(&fw, &format!("{ANSWERS}/library-chatbot.toml"));
    let mut elsewhere = library.clone();
    elsewhere.report.assessment.council = "Eastmoor City Council".into();
    let items = [triage("v1"), triage("v2"), library.clone(), elsewhere];
    let labels: Vec<String> = compare::compare(&fw, &items)
        .assessments
        .into_iter()
        .map(|a| a.label)
        .collect();
    assert_eq!(
        labels,
        [
            // Same system, same council: the file names tell them apart.
            "Council tax support triage (benefits-triage-v1)",
            "Council tax support triage (benefits-triage-v2)",
            // Same system at two councils: the councils do.
            "Library opening-hours chatbot (Northfield Borough Council)",
            "Library opening-hours chatbot (Eastmoor City Council)",
        ]
    );
    // A system of its own keeps its name alone; the same file twice is headed by its path.
    let twice = [library.clone(), library, triage("v1")];
    let labels: Vec<String> = compare::compare(&fw, &twice)
        .assessments
        .into_iter()
        .map(|a| a.label)
        .collect();
    let path = format!("{ANSWERS}/library-chatbot.toml");
    assert_eq!(
        labels,
        [path.as_str(), path.as_str(), "Council tax support triage"]
    );
}

#[test]
fn comparison_json_round_trips() {
    let json = comparison(ReportFormat::Json);
    let c: compare::Comparison = serde_json::from_str(&json).expect("valid Comparison JSON");
    assert_eq!(
        serde_json::to_string_pretty(&c).expect("serialises") + "\n",
        json
    );
}

fn triage_diff() -> diff::AssessmentDiff {
    let fw = framework(MINIMAL);
    let old = scored(&fw, &format!("{ANSWERS}/benefits-triage-v1.toml"));
    let new = scored(&fw, &format!("{ANSWERS}/benefits-triage-v2.toml"));
    diff::diff(&fw, &old, &new)
}

#[test]
fn diff_in_every_format() {
    let d = triage_diff();
    insta::assert_snapshot!("diff_table", diff::render(&d, DiffFormat::Table));
    insta::assert_snapshot!("diff_md", diff::render(&d, DiffFormat::Md));
    insta::assert_snapshot!("diff_json", diff::render(&d, DiffFormat::Json));
}

#[test]
fn diff_lists_answer_changes_scores_band_level_and_red_lines() {
    use diff::ChangeKind;
    let d = triage_diff();
    let kind = |q: &str| d.answers.iter().find(|a| a.question == q).map(|a| a.change);
    assert_eq!(kind("human-review"), Some(ChangeKind::Changed));
    assert_eq!(
        kind("residents-affected"),
        Some(ChangeKind::EvidenceChanged)
    );
    assert_eq!(kind("lessons"), Some(ChangeKind::Added));
    assert_eq!(kind("decides-about-people"), Some(ChangeKind::Changed));
    assert!(d.band.changed && d.impact_level.changed);
    assert_eq!((d.impact_level.old, d.impact_level.new), (4, 3));
    assert_eq!(d.red_lines_raised.len(), 0);
    assert_eq!(d.red_lines_cleared.len(), 1);
    assert!(d.overall.change > 90.0);
    assert!(d.notes.is_empty(), "{:?}", d.notes);

    // The other way round: the red line is raised and the added answer removed.
    let fw = framework(MINIMAL);
    let back = diff::diff(
        &fw,
        &scored(&fw, &format!("{ANSWERS}/benefits-triage-v2.toml")),
        &scored(&fw, &format!("{ANSWERS}/benefits-triage-v1.toml")),
    );
    assert_eq!(back.red_lines_raised.len(), 1);
    assert_eq!(
        back.answers
            .iter()
            .find(|a| a.question == "lessons")
            .map(|a| a.change),
        Some(ChangeKind::Removed)
    );
}

#[test]
fn diff_of_a_file_with_itself_changes_nothing_and_says_so() {
    let fw = framework(MINIMAL);
    let s = scored(&fw, &format!("{ANSWERS}/waste-routing.toml"));
    let d = diff::diff(&fw, &s, &s);
    assert!(d.answers.is_empty());
    assert!(
        d.principles
            .iter()
            .all(|p| p.change.is_none_or(|c| c == 0.0))
    );
    assert_eq!(d.notes, vec!["The two files are identical.".to_string()]);
}

#[test]
fn every_output_is_deterministic() {
    let fw = framework(TEN);
    let files = [
        format!("{TEN_ANSWERS}/homecare-scheduling.toml"),
        format!("{TEN_ANSWERS}/pothole-reports.toml"),
    ];
    let once = || {
        let reports: Vec<Report> = files.iter().map(|f| report(&fw, f)).collect();
        let items: Vec<Scored> = files.iter().map(|f| scored(&fw, f)).collect();
        let mut out = Vec::new();
        for format in [
            ReportFormat::Table,
            ReportFormat::Md,
            ReportFormat::Json,
            ReportFormat::Html,
            ReportFormat::Csv,
        ] {
            out.push(render(&fw, &reports, format));
            out.push(compare::render(&fw, &compare::compare(&fw, &items), format));
        }
        for format in [DiffFormat::Table, DiffFormat::Md, DiffFormat::Json] {
            out.push(diff::render(&diff::diff(&fw, &items[0], &items[1]), format));
        }
        out
    };
    assert_eq!(once(), once());
}
